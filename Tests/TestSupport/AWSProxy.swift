import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A fault-injecting, delaying proxy in front of a local AWS endpoint (`Tests/Support/aws_proxy.py`),
/// for benchmarks (latency, slow backups and restores) and the reliability suite (throttling,
/// 500s, dropped connections, DynamoDB's slow control-plane transitions).
///
/// One proxy serves a whole test: start it with initial settings, point the client under test
/// at `url` (or use `environment()`), change settings with `configure(_:)` as the test goes on,
/// and check what the client did with `stats()`. The proxy stops with `stop()` or when this
/// process exits (it watches its stdin).
///
/// ```swift
/// let proxy = try await AWSProxy.start(settings: .init(latencyMs: 50))
/// let result = try ProcessRunner.dbcopy(["plan", path], environment: try await proxy.environment())
/// #expect(try await proxy.stats().calls("DescribeTable") == 3)
/// ```
public actor AWSProxy {
    /// Settings to apply; `nil` leaves a setting as it is, so `configure(_:)` merges.
    public struct Settings: Codable, Sendable, Equatable {
        /// Milliseconds added before every call (concurrent calls wait side by side).
        public var latencyMs: Double?
        /// Shares (0…1) of calls answered with `ThrottlingException` (HTTP 400), with
        /// `InternalServerError` (HTTP 500), or whose connection is closed without a response.
        public var throttleRate: Double?
        public var errorRate: Double?
        public var dropRate: Double?
        /// Of the drops, the share made after the upstream did the work (default 0.5).
        public var dropAfterShare: Double?
        /// Seeds the fault sequence: the same seed and the same order of calls give the same faults.
        public var seed: Int?
        /// Operations faults apply to (`DescribeTable`, …); empty means all.
        public var faultOperations: [String]?
        /// How long backups stay `CREATING`, restored tables `CREATING` (with `RestoreInProgress`),
        /// deleted tables `DELETING` and updated tables `UPDATING`. Conflicting calls fail meanwhile.
        public var backupSeconds: Double?
        public var restoreSeconds: Double?
        public var deleteSeconds: Double?
        public var updateSeconds: Double?

        public init(
            latencyMs: Double? = nil, throttleRate: Double? = nil, errorRate: Double? = nil,
            dropRate: Double? = nil, dropAfterShare: Double? = nil, seed: Int? = nil,
            faultOperations: [String]? = nil, backupSeconds: Double? = nil, restoreSeconds: Double? = nil,
            deleteSeconds: Double? = nil, updateSeconds: Double? = nil
        ) {
            self.latencyMs = latencyMs
            self.throttleRate = throttleRate
            self.errorRate = errorRate
            self.dropRate = dropRate
            self.dropAfterShare = dropAfterShare
            self.seed = seed
            self.faultOperations = faultOperations
            self.backupSeconds = backupSeconds
            self.restoreSeconds = restoreSeconds
            self.deleteSeconds = deleteSeconds
            self.updateSeconds = updateSeconds
        }

        /// No latency, no faults, no slow transitions: a transparent proxy.
        public static let transparent = Settings(
            latencyMs: 0, throttleRate: 0, errorRate: 0, dropRate: 0, faultOperations: [],
            backupSeconds: 0, restoreSeconds: 0, deleteSeconds: 0, updateSeconds: 0)

        enum CodingKeys: String, CodingKey {
            case latencyMs = "latency_ms", throttleRate = "throttle_rate", errorRate = "error_rate"
            case dropRate = "drop_rate", dropAfterShare = "drop_after_share", seed
            case faultOperations = "fault_operations", backupSeconds = "backup_seconds"
            case restoreSeconds = "restore_seconds", deleteSeconds = "delete_seconds"
            case updateSeconds = "update_seconds"
        }
    }

    /// What the proxy saw since it started (or since `resetStats()`).
    public struct Stats: Decodable, Sendable {
        /// Calls per service (`dynamodb`, `ssm`, `sts`) and operation, whatever their outcome.
        public let calls: [String: [String: Int]]
        /// Calls per outcome: `ok` (the upstream's answer, or a transition's made-up success,
        /// was delivered, whatever its status), `throttled`, `error` (injected 500), `dropped`,
        /// `conflict` (a slow transition refused the call), `upstream_error` (upstream unreachable).
        public let outcomes: [String: Int]
        /// The same per service and operation.
        public let outcomesByOperation: [String: [String: [String: Int]]]
        /// Responses delivered per HTTP status ("200", "400", "500").
        public let statuses: [String: Int]
        /// TCP connections from clients that carried at least one call (control calls excluded).
        public let connections: Int
        /// Drops made after the upstream had done the work (the client never heard of it).
        public let droppedAfterUpstream: Int
        /// Every delete the upstream confirmed, in order, including those whose response was dropped.
        public let deletes: [Delete]
        /// Slow transitions in progress: `backups_creating`, `tables_creating`, `tables_updating`, `tables_deleting`.
        public let transitions: [String: Int]
        /// Proxied calls that arrived and are not answered yet (one held by latency, say).
        public let inFlight: Int

        public struct Delete: Decodable, Sendable, Equatable {
            /// Seconds since 1970 when the upstream confirmed the delete.
            public let time: Double
            public let service: String
            /// `DeleteTable`, `DeleteBackup`, `DeleteParameter` or `DeleteParameters`.
            public let operation: String
            public let region: String
            /// The table name (as sent), backup ARN or parameter name.
            public let resource: String
            /// Whether the client received the response.
            public let delivered: Bool
        }

        /// Calls of `operation` (of `service`), whatever their outcome.
        public func calls(_ operation: String, service: String = "dynamodb") -> Int {
            calls[service]?[operation] ?? 0
        }

        /// Calls of `operation` with `outcome`.
        public func calls(_ operation: String, outcome: String, service: String = "dynamodb") -> Int {
            outcomesByOperation[service]?[operation]?[outcome] ?? 0
        }

        /// All calls the proxy handled.
        public var totalCalls: Int { calls.values.flatMap(\.values).reduce(0, +) }

        enum CodingKeys: String, CodingKey {
            case calls, outcomes, statuses, connections, deletes, transitions
            case outcomesByOperation = "outcomes_by_operation", droppedAfterUpstream = "dropped_after_upstream",
                inFlight = "in_flight"
        }
    }

    /// Where clients send their calls.
    public nonisolated let url: URL
    private let endpoint: LocalAWSEndpoint?
    private var server: SupportScriptProcess?

    private init(server: SupportScriptProcess, endpoint: LocalAWSEndpoint?) {
        self.url = server.url
        self.endpoint = endpoint
        self.server = server
    }

    /// Starts a proxy in front of `endpoint` (moto, started if need be).
    public static func start(
        inFrontOf endpoint: LocalAWSEndpoint = .shared, settings: Settings = Settings()
    ) async throws -> AWSProxy {
        try await launch(upstream: try await endpoint.endpointURL(), endpoint: endpoint, settings: settings)
    }

    /// Starts a proxy in front of any HTTP endpoint.
    public static func start(upstream: URL, settings: Settings = Settings()) async throws -> AWSProxy {
        try await launch(upstream: upstream, endpoint: nil, settings: settings)
    }

    private static func launch(upstream: URL, endpoint: LocalAWSEndpoint?, settings: Settings) async throws -> AWSProxy
    {
        let server = try SupportScriptProcess("aws_proxy.py", arguments: ["--upstream", upstream.absoluteString])
        let proxy = AWSProxy(server: server, endpoint: endpoint)
        if settings != Settings() { try await proxy.configure(settings) }
        return proxy
    }

    /// Changes the settings given (non-nil) and keeps the others. Takes effect for calls that
    /// arrive afterwards; transitions already in progress keep their length. Setting `seed`
    /// restarts the fault sequence.
    public func configure(_ settings: Settings) async throws {
        _ = try await control("POST", "config", body: try JSONEncoder().encode(settings))
    }

    /// What the proxy saw so far.
    public func stats() async throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: try await control("GET", "stats"))
    }

    /// Zeroes the counters and the delete log.
    public func resetStats() async throws {
        _ = try await control("POST", "reset-stats")
    }

    /// Ends every slow transition now (backups AVAILABLE, tables ACTIVE or gone, as upstream).
    public func resetState() async throws {
        _ = try await control("POST", "reset-state")
    }

    /// The environment for a child process (`dbcopy`) that should reach AWS through this proxy:
    /// the upstream endpoint's test environment with `AWS_ENDPOINT_URL` pointing here. (A proxy
    /// started from a bare URL borrows the shared endpoint's environment.)
    public func environment(extra: [String: String] = [:]) async throws -> [String: String] {
        var merged = extra
        merged["AWS_ENDPOINT_URL"] = url.absoluteString
        return try await (endpoint ?? .shared).environment(extra: merged)
    }

    /// Stops the proxy now (otherwise it stops when the test process exits).
    public func stop() {
        server?.stop()
        server = nil
    }

    private func control(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
        var request = URLRequest(url: url.appendingPathComponent("__proxy").appendingPathComponent(path))
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw TestHarnessError(
                "AWS proxy \(method) /__proxy/\(path) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}
