import AWSClient
import Foundation

/// A small HTTP server with canned answers (`Tests/Support/scripted_http_server.py`), for the
/// credential endpoints, proxies and timeouts. It records every request it gets.
public final class ScriptedHTTPServer: @unchecked Sendable {
    /// One canned answer.
    public struct Route: Encodable, Sendable {
        public var status: Int
        public var body: String
        public var headers: [String: String]
        public var delay: Double?

        public init(status: Int = 200, body: String = "", headers: [String: String] = [:], delay: Double? = nil) {
            self.status = status
            self.body = body
            self.headers = headers
            self.delay = delay
        }
    }

    /// A request as the server saw it.
    public struct Recorded: Decodable, Sendable {
        public let method: String
        public let path: String
        public let headers: [String: String]
        public let body: String

        /// A header by name, without regard to case.
        public func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    private let server: SupportScriptProcess
    public var url: URL { server.url }

    /// - Parameter routes: `"METHOD PATH"` → answer.
    public init(routes: [String: Route]) throws {
        let json = String(decoding: try JSONEncoder().encode(routes), as: UTF8.self)
        server = try SupportScriptProcess("scripted_http_server.py", arguments: [json])
    }

    /// Every request received so far (except these look-ups).
    public func requests() async throws -> [Recorded] {
        let response = try await CurlTransport.shared.send(
            HTTPRequest(method: "GET", url: url.appendingPathComponent("__requests"), bypassProxy: true))
        return try JSONDecoder().decode([Recorded].self, from: response.body)
    }
}
