import AWSClient
import Foundation

/// An HTTP/1.1 keep-alive front for moto (`Tests/Support/keepalive_proxy.py`) that counts the
/// TCP connections clients open: moto itself closes every connection, so reuse can only be
/// seen, and measured the same way for any client, through this proxy.
public final class KeepAliveProxy: @unchecked Sendable {
    private let process: Process
    private let input: Pipe
    public let url: URL

    public init(upstream: URL) throws {
        process = Process()
        process.executableURL = PackageLayout.python
        process.arguments = [PackageLayout.supportScript("keepalive_proxy.py").path, upstream.absoluteString]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw TestHarnessError("the keep-alive proxy did not report a port")
        }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit {
        try? input.fileHandleForWriting.close()
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
