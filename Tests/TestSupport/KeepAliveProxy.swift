import AWSClient
import Foundation

/// An HTTP/1.1 keep-alive front for moto (`Tests/Support/keepalive_proxy.py`) that counts the
/// TCP connections clients open: moto itself closes every connection, so reuse can only be
/// seen, and measured the same way for any client, through this proxy.
public final class KeepAliveProxy: @unchecked Sendable {
    private let server: SupportScriptProcess
    public var url: URL { server.url }

    public init(upstream: URL) throws {
        server = try SupportScriptProcess("keepalive_proxy.py", arguments: [upstream.absoluteString])
    }

    /// Client connections accepted so far (this query's own included).
    public func connections() async throws -> Int {
        struct Count: Decodable { let connections: Int }
        let transport = CurlTransport()
        defer { transport.close() }
        let response = try await transport.send(
            HTTPRequest(method: "GET", url: url.appendingPathComponent("__connections"), bypassProxy: true))
        return try JSONDecoder().decode(Count.self, from: response.body).connections
    }
}
