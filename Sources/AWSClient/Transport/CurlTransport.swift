import CCurl
import Foundation

/// HTTP over libcurl without blocking Swift's cooperative thread pool.
///
/// One dedicated thread drives a `curl_multi` handle. `send` builds an easy handle, hands it to
/// that thread through a lock-protected queue, wakes it (`curl_multi_wakeup`) and suspends on a
/// continuation; the thread resumes it when libcurl reports the transfer done. The multi handle
/// keeps finished transfers' connections open and reuses them, so hundreds of concurrent calls
/// share a few keep-alive connections and the calling tasks never hold a thread while waiting.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    /// The process-wide transport every session uses unless given another.
    public static let shared = CurlTransport()

    private static let globalInit: CURLcode = dbcopy_curl_global_init()

    private let multi: UnsafeMutableRawPointer
    private let proxy: ProxySettings
    private let caBundle: String?
    private let lock = NSLock()
    // Guarded by `lock`: handed from callers to the loop thread.
    private var pending: [CurlTransfer] = []
    private var cancellations: [CurlTransfer] = []
    private var closing = false
    private var openedConnections = 0
    // Touched only by the loop thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// - Parameters:
    ///   - environment: where the proxy variables and `AWS_CA_BUNDLE` are read from.
    ///   - maxConnectionsPerHost: beyond this, requests queue inside libcurl for a free connection.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, maxConnectionsPerHost: Int = 64) {
        _ = Self.globalInit
        // Only fails when out of memory, which no caller could recover from either.
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init failed") }
        self.multi = multi
        proxy = ProxySettings(environment: environment)
        caBundle = environment["AWS_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : $0 }
        dbcopy_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        // Keep every idle connection we may want again (the default cache is sized for fewer).
        dbcopy_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnectionsPerHost * 2)
        let thread = Thread { [self] in runLoop() }
        thread.name = "dbcopy-curl"
        thread.start()
    }

    /// New TCP connections opened so far (for tests and the benchmark: keep-alive works when
    /// this stays far below the number of requests).
    public var connectionsOpened: Int { lock.withLock { openedConnections } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = try CurlTransfer(request, proxy: proxy, caBundle: caBundle)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.waitForCompletion(continuation)
                let refusal: (any Error)? = lock.withLock {
                    if transfer.cancelled { return CancellationError() }
                    if closing { return Self.closedError }
                    pending.append(transfer)
                    return nil
                }
                if let refusal {
                    transfer.finish(.failure(refusal))
                } else {
                    curl_multi_wakeup(multi)
                }
            }
        } onCancel: {
            lock.withLock {
                transfer.cancelled = true
                cancellations.append(transfer)
            }
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the loop thread after failing whatever is still in flight. For transports made for
    /// one test or benchmark; the shared transport lives as long as the process.
    public func close() {
        lock.withLock { closing = true }
        curl_multi_wakeup(multi)
    }

    private static let closedError = TransportError(kind: .other, curlCode: 0, message: "the HTTP transport was closed")

    private func runLoop() {
        while true {
            let (added, cancelled, stop) = lock.withLock {
                defer {
                    pending.removeAll(keepingCapacity: true)
                    cancellations.removeAll(keepingCapacity: true)
                }
                return (pending, cancellations, closing)
            }
            for transfer in added {
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            for transfer in cancelled where active.removeValue(forKey: transfer.easy) != nil {
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.finish(.failure(CancellationError()))
            }
            if stop { return shutDown() }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: easy)
                else { continue }
                let result = dbcopy_curl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                let opened = transfer.connectionsOpened
                if opened > 0 { lock.withLock { openedConnections += opened } }
                transfer.complete(result)
            }
            // Sleeps until a socket is ready, a timeout is due, or `curl_multi_wakeup`.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func shutDown() {
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.finish(.failure(Self.closedError))
        }
        active.removeAll()
    }

    // The multi handle outlives the loop thread: `close()` and cancellations may still wake it
    // after the loop has returned, and only once nothing references the transport is that over.
    deinit {
        curl_multi_cleanup(multi)
    }
}

/// The standard proxy variables, read from the environment the session was given (not from
/// libcurl's own look-up, which ignores upper-case `HTTP_PROXY` and cannot see an injected
/// environment): `https_proxy`/`HTTPS_PROXY` for https, `http_proxy`/`HTTP_PROXY` for http,
/// `no_proxy`/`NO_PROXY` for exceptions. Lower case wins, as in curl and Python's requests.
public struct ProxySettings: Sendable, Equatable {
    public var httpProxy: String?
    public var httpsProxy: String?
    public var noProxy: String?

    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            let found = environment[name.lowercased()] ?? environment[name.uppercased()]
            return found?.isEmpty == false ? found : nil
        }
        self.init(httpProxy: value("http_proxy"), httpsProxy: value("https_proxy"), noProxy: value("no_proxy"))
    }

    /// The proxy for `url`, or `nil` to connect directly (libcurl applies `noProxy` itself).
    func proxy(for url: URL) -> String? {
        url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
    }
}
