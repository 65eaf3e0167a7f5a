/// An error response from an AWS service, after any retries.
///
/// Prints as one line naming the service, operation, error code, message and request id:
/// `dynamodb DescribeTable: ResourceNotFoundException: Requested resource not found (request id 7K9…)`.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service's short name as in the AWS CLI: `dynamodb`, `ssm`, `sts`.
    public let service: String
    public let operation: String
    /// The AWS error code (`ResourceNotFoundException`), or `HTTP <status>` when the body had none.
    public let code: String
    public let message: String
    public let requestID: String?
    public let httpStatus: Int

    public init(service: String, operation: String, code: String, message: String, requestID: String?, httpStatus: Int)
    {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
    }

    /// This error with each of `secrets` in its message replaced by `<redacted>`. AWS's
    /// signature-mismatch message quotes the canonical request it expected, and so the value of
    /// the signed `x-amz-security-token` header: the session token, on its way to stderr and CI logs.
    func redacting(_ secrets: [String]) -> AWSError {
        // Longest first, so that a secret containing another is replaced whole.
        let message = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(self.message) {
            $0.replacingOccurrences(of: $1, with: "<redacted>")
        }
        return AWSError(
            service: service, operation: operation, code: code, message: message, requestID: requestID,
            httpStatus: httpStatus)
    }

    public var description: String {
        var line = "\(service) \(operation): \(code)"
        if !message.isEmpty { line += ": \(message)" }
        if let requestID { line += " (request id \(requestID))" }
        return line
    }
}

/// A call that got no HTTP response on any attempt: the endpoint could not be reached, the
/// connection dropped or timed out.
public struct AWSTransportError: Error, Sendable, CustomStringConvertible {
    public let service: String
    public let operation: String
    /// The endpoint's scheme, host and port (never a path or query: nothing secret).
    public let endpoint: String
    public let attempts: Int
    public let underlying: TransportError

    public init(service: String, operation: String, endpoint: String, attempts: Int, underlying: TransportError) {
        self.service = service
        self.operation = operation
        self.endpoint = endpoint
        self.attempts = attempts
        self.underlying = underlying
    }

    public var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        return "\(service) \(operation): could not reach \(endpoint): \(underlying) (after \(tries))"
    }
}

/// A response the client could not make sense of (an endpoint that is not the AWS service it
/// claims to be, or a shape this client does not know).
public struct AWSResponseError: Error, Sendable, CustomStringConvertible {
    public let service: String
    public let operation: String
    public let detail: String

    public var description: String { "\(service) \(operation): unexpected response: \(detail)" }
}

/// No usable credentials, or a credential source that is configured but failed.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Set when the chain found nothing: the sources it tried, in order.
    public let tried: [String]

    public init(_ message: String, tried: [String] = []) {
        self.message = message
        self.tried = tried
    }

    /// The chain found no source configured at all.
    public static func notFound(tried: [String]) -> CredentialError {
        CredentialError("no AWS credentials found; tried: \(tried.joined(separator: ", "))", tried: tried)
    }

    public var description: String { message }
}

/// Settings that cannot work: an unknown profile, no region, a malformed endpoint URL, a bad
/// `AWS_MAX_ATTEMPTS`. Raised before any request is sent.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Thrown by a credential source that is not configured at all, so the chain moves on to the
/// next one. Never escapes the chain.
struct CredentialSourceNotConfigured: Error {}
