import AWSClient
import Foundation

/// An `HTTPTransport` that answers from a script instead of the network, and records every
/// request: for retry, error and encoding tests (and for the executor's tests, which can fake
/// AWS answers without moto).
public final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    public typealias Answer = Result<HTTPResponse, TransportError>

    private let lock = NSLock()
    private var script: [Answer]
    private let fallback: @Sendable (HTTPRequest) -> Answer
    private var recorded: [HTTPRequest] = []

    /// Answers with `script` in order, then with `fallback` for every further request.
    public init(
        _ script: [Answer] = [],
        fallback: @escaping @Sendable (HTTPRequest) -> Answer = { _ in
            .success(HTTPResponse(status: 200, body: Data("{}".utf8)))
        }
    ) {
        self.script = script
        self.fallback = fallback
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = lock.withLock { () -> Answer in
            recorded.append(request)
            return script.isEmpty ? fallback(request) : script.removeFirst()
        }
        return try answer.get()
    }

    public var requests: [HTTPRequest] { lock.withLock { recorded } }

    /// The JSON body of the `index`th request, as a dictionary.
    public func jsonBody(_ index: Int) -> [String: Any] {
        let body = requests[index].body
        return (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
    }

    /// A JSON-protocol error answer, as DynamoDB sends it.
    public static func awsError(
        _ code: String, status: Int = 400, message: String = "scripted", headers: [HTTPHeader] = []
    ) -> Answer {
        let body = #"{"__type":"com.amazonaws.dynamodb.v20120810#\#(code)","message":"\#(message)"}"#
        return .success(
            HTTPResponse(
                status: status, headers: [HTTPHeader("x-amzn-RequestId", "REQ-\(code)")] + headers,
                body: Data(body.utf8)))
    }

    public static func ok(_ json: String = "{}") -> Answer {
        .success(HTTPResponse(status: 200, headers: [HTTPHeader("x-amzn-RequestId", "REQ-OK")], body: Data(json.utf8)))
    }
}

extension TestSessions {
    /// A session on a scripted transport with fixed credentials and a sleeper that records
    /// instead of waiting.
    public static func scripted(
        _ transport: ScriptedTransport, environment: [String: String] = [:], sleeps: SleepRecorder = SleepRecorder(),
        debug: (@Sendable (String) -> Void)? = nil, clock: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { 0.5 }
    ) throws -> AWSSession {
        try AWSSession(
            options: AWSSessionOptions(
                endpointURL: "https://dynamodb.test.invalid", userAgent: "dbcopy/test", debug: debug,
                environment: bareEnvironment(environment), transport: transport,
                credentialProvider: StaticCredentialProvider(
                    Credentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret")),
                sleeper: { try await sleeps.sleep($0) }, clock: clock, random: random))
    }
}

/// Records the waits a retrying client asked for, without waiting.
public final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []

    public init() {}

    public func sleep(_ duration: Duration) async throws {
        lock.withLock { waits.append(duration) }
    }

    public var recorded: [Duration] { lock.withLock { waits } }
}

/// Collects `--debug` lines.
public final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    public init() {}

    public var sink: @Sendable (String) -> Void { { line in self.lock.withLock { self.collected.append(line) } } }

    public var lines: [String] { lock.withLock { collected } }
}
