import CCurl
import Foundation
import SigV4

/// One request on one libcurl easy handle, with the buffers its callbacks fill.
///
/// Built on the caller's thread, then owned by the transport's loop thread until it completes:
/// only `state` is shared, and it is guarded by the loop's lock.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var status = 0
    private var responseHeaders: [HTTPHeader] = []
    private var responseBody = Data()
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    /// Set under the loop's lock when the waiting task is cancelled.
    var cancelled = false

    init(_ request: HTTPRequest, proxy: ProxySettings, caBundle: String?) throws {
        guard let easy = curl_easy_init() else {
            throw TransportError(kind: .other, curlCode: 0, message: "libcurl could not create a handle")
        }
        self.easy = easy
        errorBuffer.initialize(to: 0)
        let me = Unmanaged.passUnretained(self).toOpaque()
        dbcopy_curl_setopt_ptr(easy, CURLOPT_URL, request.url.absoluteString)
        dbcopy_curl_setopt_ptr(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        dbcopy_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)  // required with threads
        dbcopy_curl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)  // never off: credentials travel here
        dbcopy_curl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle { dbcopy_curl_setopt_ptr(easy, CURLOPT_CAINFO, caBundle) }
        dbcopy_curl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        if request.freshConnection { dbcopy_curl_setopt_long(easy, CURLOPT_FRESH_CONNECT, 1) }
        dbcopy_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds)
        dbcopy_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeout.milliseconds)
        dbcopy_curl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        // An explicit proxy (or "" for none) so libcurl never second-guesses the environment we were given.
        let chosen = request.bypassProxy ? nil : proxy.proxy(for: request.url)
        dbcopy_curl_setopt_ptr(easy, CURLOPT_PROXY, chosen ?? "")
        if chosen != nil, let noProxy = proxy.noProxy { dbcopy_curl_setopt_ptr(easy, CURLOPT_NOPROXY, noProxy) }

        switch request.method {
        case "GET": dbcopy_curl_setopt_long(easy, CURLOPT_HTTPGET, 1)
        default:
            dbcopy_curl_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, request.method)
            dbcopy_curl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.body.count)
            _ = request.body.withUnsafeBytes { buffer in
                // COPYPOSTFIELDS copies, so the body need not outlive this call; never NULL, even when empty.
                dbcopy_curl_setopt_ptr(
                    easy, CURLOPT_COPYPOSTFIELDS, buffer.baseAddress ?? UnsafeRawPointer(errorBuffer))
            }
        }
        // "Expect:" stops libcurl from waiting for a 100-continue that AWS never needs.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = curl_slist_append(headerList, line)
        }
        dbcopy_curl_setopt_ptr(easy, CURLOPT_HTTPHEADER, headerList)
        dbcopy_curl_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        dbcopy_curl_setopt_ptr(easy, CURLOPT_WRITEDATA, me)
        dbcopy_curl_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        dbcopy_curl_setopt_ptr(easy, CURLOPT_HEADERDATA, me)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    func waitForCompletion(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        self.continuation = continuation
    }

    /// Called once, on the loop thread, when libcurl is done with the handle.
    func complete(_ code: CURLcode) {
        if code == CURLE_OK {
            var status = 0
            dbcopy_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            finish(.success(HTTPResponse(status: status, headers: responseHeaders, body: responseBody)))
        } else {
            let detail = String(cString: errorBuffer)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            finish(.failure(TransportError(kind: Self.kind(of: code), curlCode: Int(code.rawValue), message: message)))
        }
    }

    func finish(_ result: Result<HTTPResponse, any Error>) {
        continuation?.resume(with: result)
        continuation = nil
    }

    /// How many new connections libcurl opened for this transfer (0 when it reused one).
    var connectionsOpened: Int {
        var count = 0
        dbcopy_curl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    fileprivate func appendBody(_ bytes: UnsafeRawBufferPointer) { responseBody.append(contentsOf: bytes) }

    fileprivate func appendHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new status line (after a 100 Continue or a proxy's CONNECT reply): start over.
            responseHeaders.removeAll()
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            responseHeaders.append(HTTPHeader(name, value))
        }
    }

    private static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connection
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM:
            return .tls
        default: return .other
        }
    }
}

private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.appendBody(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    transfer.appendHeaderLine(String(decoding: bytes, as: UTF8.self))
    return size * count
}

extension Duration {
    /// Whole milliseconds, for libcurl's `_MS` options and for log lines.
    var milliseconds: Int {
        let parts = components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}
