import Foundation

/// One HTTP header as sent: names keep their case, repeated names are allowed (the signer
/// joins their values in order, as the specification says).
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What the signer needs to know about a request. No HTTP client type appears here: the
/// signer is pure, and the transport turns its result into whatever it sends.
public struct SigningRequest: Sendable {
    public var method: String
    /// The path exactly as it appears in the request line (already percent-encoded where the
    /// wire needs it); the signer normalises it and encodes it once more, as non-S3 services expect.
    public var path: String
    /// Query parameters, decoded; the signer encodes and sorts them.
    public var query: [(name: String, value: String)]
    /// Every header to sign, including `Host`.
    public var headers: [HTTPHeader]
    /// Hex SHA-256 of the body (`Hashing.hexSHA256`), computed once by the caller.
    public var payloadHash: String

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: [HTTPHeader],
        body: Data
    ) {
        self.init(method: method, path: path, query: query, headers: headers, payloadHash: Hashing.hexSHA256(body))
    }

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: [HTTPHeader],
        payloadHash: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
