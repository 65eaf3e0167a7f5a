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

    public init(
        method: String, url: URL, headers: [HTTPHeader] = [], body: Data = Data(),
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60), bypassProxy: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.bypassProxy = bypassProxy
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
