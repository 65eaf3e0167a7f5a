/// Sorts failed attempts into the retry policy's kinds, by AWS error code first and HTTP status
/// second, as the SDKs' standard mode does.
enum RetryClassifier {
    /// Codes the SDKs treat as throttling. `LimitExceededException` is DynamoDB's answer to too
    /// many concurrent control-plane operations (and SSM's to too many API calls).
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "ThrottlingError",
    ]

    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServerError",
        "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "IDPCommunicationError",
    ]

    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Codes that mean "your clock is off" when the server's clock disagrees with ours.
    static let clockSkewCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
        "SignatureDoesNotMatch", "AuthFailure", "InvalidSignature",
    ]

    /// - Parameter skewCorrected: whether this response just changed the clock offset (only then
    ///   is a signature error worth another attempt).
    static func classify(_ error: AWSError, skewCorrected: Bool) -> RetryPolicy.FailureKind? {
        if clockSkewCodes.contains(error.code) { return skewCorrected ? .clockSkew : nil }
        if throttlingCodes.contains(error.code) || error.httpStatus == 429 { return .throttling }
        if transientCodes.contains(error.code) || transientStatuses.contains(error.httpStatus) { return .transient }
        return nil
    }

    static func classify(_ error: TransportError) -> RetryPolicy.FailureKind? {
        switch error.kind {
        case .timeout: return .timeout
        case .connection: return .transient
        case .tls, .other: return nil
        }
    }
}
