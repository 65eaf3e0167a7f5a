import Foundation

/// How failed attempts are retried: the SDKs' retry modes as one value, applied in one place
/// (`RequestPipeline`).
///
/// - `standard` (default): up to `maxAttempts` (default 3, as the AWS CLI), exponential backoff
///   with full jitter capped at 20 s, and a shared retry quota so an outage fails fast.
/// - `legacy`: the same classification and backoff without the quota; default 5 attempts.
/// - `adaptive`: accepted, and run as `standard` (the client-side rate limiter is not built).
public struct RetryPolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case standard, legacy, adaptive
    }

    /// What went wrong in one attempt, as far as retrying is concerned.
    public enum FailureKind: Sendable, Equatable {
        case throttling
        case transient
        case timeout
        case clockSkew
    }

    /// The outcome of asking the policy about one failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(wait: Duration)
        case dontRetry
    }

    public var mode: Mode
    public var maxAttempts: Int
    public var maxBackoff: Duration

    public init(mode: Mode = .standard, maxAttempts: Int? = nil, maxBackoff: Duration = .seconds(20)) {
        self.mode = mode
        self.maxAttempts = maxAttempts ?? (mode == .legacy ? 5 : 3)
        self.maxBackoff = maxBackoff
    }

    /// `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS`, else the profile's `retry_mode` / `max_attempts`.
    /// `defaultMaxAttempts` is the attempts when neither sets them (nil: the mode's SDK default).
    public init(environment: [String: String], profile: Profile?, defaultMaxAttempts: Int? = nil) throws {
        let modeText = environment["AWS_RETRY_MODE"] ?? profile?["retry_mode"]
        let attemptsText = environment["AWS_MAX_ATTEMPTS"] ?? profile?["max_attempts"]
        var mode = Mode.standard
        if let modeText, !modeText.isEmpty {
            guard let parsed = Mode(rawValue: modeText.lowercased()) else {
                throw ConfigurationError("AWS_RETRY_MODE: '\(modeText)' is not one of standard, legacy, adaptive")
            }
            mode = parsed
        }
        var attempts = defaultMaxAttempts
        if let attemptsText, !attemptsText.isEmpty {
            guard let parsed = Int(attemptsText), parsed >= 1 else {
                throw ConfigurationError("AWS_MAX_ATTEMPTS: '\(attemptsText)' is not a whole number of at least 1")
            }
            attempts = parsed
        }
        self.init(mode: mode, maxAttempts: attempts)
    }

    /// Whether the retry quota applies (standard and adaptive modes).
    public var usesQuota: Bool { mode != .legacy }

    /// Whether attempt number `attempt` (1-based) that failed with `kind` may be followed by
    /// another, and after how long. `random` yields values in 0..<1 (injected so tests are exact).
    public func decide(after kind: FailureKind?, attempt: Int, baseDelay: Duration, random: () -> Double) -> Decision {
        guard let kind, attempt < maxAttempts else { return .dontRetry }
        // A corrected clock makes the next attempt succeed at once: no reason to wait.
        if kind == .clockSkew { return .retry(wait: .zero) }
        return .retry(wait: backoff(attempt: attempt, baseDelay: baseDelay, random: random))
    }

    /// Full jitter: uniformly random between zero and `min(maxBackoff, base × 2^(attempt-1))`.
    public func backoff(attempt: Int, baseDelay: Duration, random: () -> Double) -> Duration {
        let ceiling = min(maxBackoff, baseDelay * Double(1 << min(attempt - 1, 30)))
        return ceiling * min(max(random(), 0), 1)
    }
}

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

/// The standard retry mode's token bucket, shared by every call of a session: each retry spends
/// tokens (5, or 10 after a timeout), each success puts some back. When an outage empties the
/// bucket, calls stop retrying and fail at once instead of multiplying the load.
public final class RetryQuota: Sendable {
    public static let initialTokens = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    /// Put back after a call that succeeded on its first attempt.
    public static let successIncrement = 1

    private let tokens = Locked(RetryQuota.initialTokens)

    public init() {}

    public var available: Int { tokens.current }

    /// Takes the cost of one retry, or returns `nil` when the bucket cannot pay for it.
    func acquire(for kind: RetryPolicy.FailureKind) -> Int? {
        let cost = kind == .timeout ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { available in
            guard available >= cost else { return nil }
            available -= cost
            return cost
        }
    }

    /// A call succeeded: refund what its last retry cost, or the small increment if it had none.
    func recordSuccess(refunding cost: Int?) {
        tokens.withLock { $0 = min(Self.initialTokens, $0 + (cost ?? Self.successIncrement)) }
    }
}
