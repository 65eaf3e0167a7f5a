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
