import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("libcurl transport")
struct CurlTransportTests {
    @Test("200 concurrent calls share a few kept-alive connections")
    func keepAlive() async throws {
        // moto closes every connection: reuse shows, and is counted, only through the keep-alive proxy.
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let transport = CurlTransport(maxConnectionsPerHost: 8)
        defer { transport.close() }
        let session = try await TestSessions.local(
            extraEnvironment: ["AWS_ENDPOINT_URL": proxy.url.absoluteString], transport: transport)
        let client = try session.dynamoDB(region: LocalAWSEndpoint.region)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 { group.addTask { _ = try await client.listTables() } }
            try await group.waitForAll()
        }
        #expect((1...8).contains(transport.connectionsOpened))
        // The proxy saw the same connections (its own control calls are not counted).
        #expect(try await proxy.stats().connections == transport.connectionsOpened)
    }

    @Test("the total timeout ends a call that gets no answer, as a timeout")
    func timeout() async throws {
        // The answer comes after 30 s: ending well before that proves the timeout, without a tight
        // wall-clock bound that a loaded machine could break.
        let server = try ScriptedHTTPServer(routes: ["GET /slow": .init(body: "late", delay: 30)])
        let request = HTTPRequest(
            method: "GET", url: server.url.appendingPathComponent("slow"), timeout: .milliseconds(300))
        let started = ContinuousClock.now
        do {
            _ = try await CurlTransport.shared.send(request)
            Issue.record("a 30 s answer arrived within a 300 ms timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout)
            #expect(error.curlCode == 28)
        }
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test("a refused connection is a connection error")
    func refused() async throws {
        await #expect(throws: TransportError.self) {
            try await CurlTransport.shared.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/")!))
        }
        do {
            _ = try await CurlTransport.shared.send(
                HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/")!))
        } catch let error as TransportError {
            #expect(error.kind == .connection)
        }
    }

    @Test("cancelling the calling task ends the transfer at once")
    func cancellation() async throws {
        let server = try ScriptedHTTPServer(routes: ["GET /slow": .init(body: "late", delay: 30)])
        let task = Task {
            try await CurlTransport.shared.send(
                HTTPRequest(method: "GET", url: server.url.appendingPathComponent("slow")))
        }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test("proxy variables from the given environment are honoured, NO_PROXY too, and credential endpoints bypass them")
    func proxies() async throws {
        let proxy = try ScriptedHTTPServer(routes: ["GET http://service.invalid/x": .init(body: "via proxy")])
        let transport = CurlTransport(environment: [
            "HTTP_PROXY": proxy.url.absoluteString, "no_proxy": "skipped.invalid",
        ])
        defer { transport.close() }
        let response = try await transport.send(
            HTTPRequest(method: "GET", url: URL(string: "http://service.invalid/x")!))
        #expect(String(decoding: response.body, as: UTF8.self) == "via proxy")
        await #expect(throws: TransportError.self) {
            try await transport.send(
                HTTPRequest(method: "GET", url: URL(string: "http://skipped.invalid/x")!, timeout: .seconds(2)))
        }
        await #expect(throws: TransportError.self) {
            try await transport.send(
                HTTPRequest(
                    method: "GET", url: URL(string: "http://service.invalid/x")!, timeout: .seconds(2),
                    bypassProxy: true))
        }
        #expect(try await proxy.requests().map(\.path) == ["http://service.invalid/x"])
    }

    @Test("TLS peers are verified: a self-signed certificate is refused")
    func tlsVerification() async throws {
        // A plain-HTTP server spoken to over https fails the handshake; what matters is that it
        // is a TLS failure (not retried), never a silent success.
        let server = try ScriptedHTTPServer(routes: [:])
        let url = URL(string: server.url.absoluteString.replacingOccurrences(of: "http://", with: "https://"))!
        do {
            _ = try await CurlTransport.shared.send(HTTPRequest(method: "GET", url: url, timeout: .seconds(3)))
            Issue.record("an https call to a plain-HTTP server succeeded")
        } catch let error as TransportError {
            #expect(error.kind == .tls)
        }
    }
}
