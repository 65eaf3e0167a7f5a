import Foundation
import SigV4

/// Sends service calls: signs each attempt, classifies failures, retries by the policy, corrects
/// clock skew, and writes the `--debug` line. The one place where retries happen.
final class RequestPipeline: Sendable {
    let transport: any HTTPTransport
    let userAgent: String
    let debugSink: (@Sendable (String) -> Void)?
    let sleeper: @Sendable (Duration) async throws -> Void
    let clock: @Sendable () -> Date
    let random: @Sendable () -> Double
    let connectTimeout: Duration
    let requestTimeout: Duration
    let retryPolicy: RetryPolicy
    let quota = RetryQuota()
    /// Server time minus local time, learnt from a skew error's `Date` header.
    let clockOffset = Locked<TimeInterval>(0)

    /// Beyond this difference from the server's clock, AWS rejects signatures.
    static let skewThreshold: TimeInterval = 240

    init(options: AWSSessionOptions, retryPolicy: RetryPolicy) {
        transport = options.transport ?? CurlTransport.shared
        userAgent = options.userAgent
        debugSink = options.debug
        sleeper = options.sleeper
        clock = options.clock
        random = options.random
        connectTimeout = options.connectTimeout
        requestTimeout = options.requestTimeout
        self.retryPolicy = retryPolicy
    }

    /// The signing clock: local time corrected by the offset learnt from the service.
    var now: Date { clock().addingTimeInterval(clockOffset.current) }

    func perform(_ call: ServiceCall) async throws -> HTTPResponse {
        var attempt = 1
        var lastRetryCost: Int?
        while true {
            let credentials = try await call.credentials?.credentials()
            let request = buildRequest(call, credentials: credentials)
            let started = ContinuousClock.now
            let failure: any Error
            let kind: RetryPolicy.FailureKind?
            do {
                let response = try await transport.send(request)
                let requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
                debug(call, status: "\(response.status)", since: started, attempt: attempt, requestID: requestID)
                if (200..<300).contains(response.status) {
                    if retryPolicy.usesQuota { quota.recordSuccess(refunding: lastRetryCost) }
                    return response
                }
                // The message is the service's text, printed as it is: it must not carry the
                // credentials back (see AWSError.redacting).
                let secrets = [credentials?.sessionToken, credentials?.secretAccessKey, credentials?.accessKeyID]
                let error = call.wire.error(from: response, service: call.service.name, operation: call.operation)
                    .redacting(secrets.compactMap { $0 })
                let corrected = RetryClassifier.clockSkewCodes.contains(error.code) && correctClockSkew(from: response)
                failure = error
                kind = RetryClassifier.classify(error, skewCorrected: corrected)
            } catch let error as TransportError {
                debug(call, status: "ERR", since: started, attempt: attempt, requestID: nil, detail: error.description)
                failure = AWSTransportError(
                    service: call.service.name, operation: call.operation, endpoint: Self.origin(of: call.endpoint),
                    attempts: attempt, underlying: error)
                kind = RetryClassifier.classify(error)
            }
            let decision = retryPolicy.decide(
                after: kind, attempt: attempt, baseDelay: call.service.retryBaseDelay, random: random)
            guard case .retry(let wait) = decision, let kind, let cost = retryCost(kind) else {
                if let response = try await recovered(call, after: kind) { return response }
                throw failure
            }
            if retryPolicy.usesQuota { lastRetryCost = cost }
            try await sleeper(wait)
            if let response = try await recovered(call, after: kind) { return response }
            attempt += 1
        }
    }

    /// What the quota charges for one more attempt (0 without a quota); nil when it cannot pay.
    private func retryCost(_ kind: RetryPolicy.FailureKind) -> Int? {
        retryPolicy.usesQuota ? quota.acquire(for: kind) : 0
    }

    /// For a call that must not take effect twice, after a failure that may have reached the
    /// service: the answer it would have had, if its `recover` finds that it took effect.
    private func recovered(_ call: ServiceCall, after kind: RetryPolicy.FailureKind?) async throws -> HTTPResponse? {
        guard let recover = call.recover, kind == .transient || kind == .timeout else { return nil }
        return try await recover().map { HTTPResponse(status: 200, body: $0) }
    }

    private func buildRequest(_ call: ServiceCall, credentials: Credentials?) -> HTTPRequest {
        var url = call.endpoint
        if url.path.isEmpty { url = url.appendingPathComponent("") }
        var headers = [HTTPHeader("Host", Self.hostHeader(of: url))] + call.wire.headers(operation: call.operation)
        if let credentials {
            let signer = SigV4Signer(credentials: credentials, region: call.region, service: call.service.signingName)
            let toSign = SigningRequest(
                method: "POST", path: url.path.isEmpty ? "/" : url.path, headers: headers, body: call.body)
            headers = signer.sign(request: toSign, date: now)
        }
        headers.append(HTTPHeader("User-Agent", userAgent))
        return HTTPRequest(
            method: "POST", url: url, headers: headers, body: call.body, connectTimeout: connectTimeout,
            timeout: requestTimeout, freshConnection: call.recover != nil)
    }

    /// Learns the offset from the response's `Date`; true when it changed enough to matter.
    private func correctClockSkew(from response: HTTPResponse) -> Bool {
        guard let header = response.header("Date"), let serverDate = TimestampParsing.httpDate(header) else {
            return false
        }
        let skew = serverDate.timeIntervalSince(now)
        guard abs(skew) > Self.skewThreshold else { return false }
        clockOffset.withLock { $0 += skew }
        return true
    }

    /// `--debug`: `debug: dynamodb DescribeTable 200 12ms attempt=1 request-id=…`. Built only from
    /// the service, operation, status, timing and request id, so no header or body (and so no
    /// credential) can ever reach it.
    func debug(
        _ call: ServiceCall, status: String, since started: ContinuousClock.Instant, attempt: Int, requestID: String?,
        detail: String? = nil
    ) {
        debugLine(
            service: call.service.name, operation: call.operation, status: status, since: started, attempt: attempt,
            requestID: requestID, detail: detail)
    }

    func debugLine(
        service: String, operation: String, status: String, since started: ContinuousClock.Instant, attempt: Int,
        requestID: String?, detail: String? = nil
    ) {
        guard let debugSink else { return }
        let latency = (ContinuousClock.now - started).milliseconds
        var line =
            "debug: \(service) \(operation) \(status) \(latency)ms attempt=\(attempt) request-id=\(requestID ?? "-")"
        if let detail { line += " error=\(detail)" }
        debugSink(line)
    }

    /// `Host` as the transport will send it: the port only when it is not the scheme's default.
    static func hostHeader(of url: URL) -> String {
        var host = url.host ?? ""
        if host.contains(":") { host = "[\(host)]" }
        if let port = url.port, port != (url.scheme == "https" ? 443 : 80) { host += ":\(port)" }
        return host
    }

    static func origin(of url: URL) -> String { "\(url.scheme ?? "https")://\(hostHeader(of: url))" }
}
