import Foundation

/// An AWS access key pair, with the session token and expiry of temporary credentials.
///
/// `description` never shows the secret key or the session token, so credentials can be
/// interpolated into log lines and error messages by mistake without leaking anything.
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public let expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether these credentials should be replaced: they expire within `margin` of `now`.
    public func expires(within margin: TimeInterval, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    public var description: String {
        let expiry = expiration.map { " expiring \($0)" } ?? ""
        return
            "Credentials(\(accessKeyID), secret redacted\(sessionToken == nil ? "" : ", session token redacted")\(expiry))"
    }

    public var debugDescription: String { description }
}
