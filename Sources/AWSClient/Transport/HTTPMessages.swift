import Foundation
import SigV4

/// One HTTP request as the transport sends it: already signed, nothing left to compute.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [HTTPHeader]
    public var body: Data
    /// Time allowed to establish the connection (TCP and TLS).
    public var connectTimeout: Duration
    /// Time allowed for the whole exchange, connection included.
    public var timeout: Duration
    /// Credential endpoints on link-local or loopback addresses are never reached through a proxy.
    public var bypassProxy: Bool
    /// Send on a new connection. libcurl resends a request by itself, unseen by the retry logic,
    /// when a reused connection closes without an answer: a call that must not run twice cannot
    /// go on a reused one.
    public var freshConnection: Bool

    public init(
        method: String, url: URL, headers: [HTTPHeader] = [], body: Data = Data(),
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60), bypassProxy: Bool = false,
        freshConnection: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.bypassProxy = bypassProxy
        self.freshConnection = freshConnection
    }
}

/// A complete HTTP response (dbcopy's responses are small JSON or XML documents).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: Data

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends HTTP requests. `CurlTransport` is the real one; tests substitute scripted ones to
/// exercise retries and errors without a network.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A request that got no HTTP response: the connection failed, dropped or timed out.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not resolve or connect, or the connection dropped mid-exchange: worth retrying.
        case connection
        /// The connect or total timeout passed: worth retrying, and costs more retry quota.
        case timeout
        /// The peer's certificate or TLS handshake was refused: retrying cannot help.
        case tls
        /// Anything else libcurl reports (bad URL, out of memory, transport shut down).
        case other
    }

    public let kind: Kind
    /// libcurl's `CURLcode`, 0 when the error did not come from libcurl.
    public let curlCode: Int
    public let message: String

    public init(kind: Kind, curlCode: Int, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        curlCode == 0 ? message : "\(message) (curl error \(curlCode))"
    }
}
