import Foundation

/// Who holds a copy's lease, as recorded in its SSM parameter (JSON).
public struct LeaseRecord: Sendable, Codable, Equatable {
    /// `host:pid:run`, unique per apply process.
    public var holder: String
    public var host: String
    public var pid: Int32
    public var job: String
    public var origin: String
    public var target: String
    public var acquiredAt: Date
    public var expiresAt: Date

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    static func parse(_ text: String) -> LeaseRecord? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LeaseRecord.self, from: Data(text.utf8))
    }

    var summary: String {
        "another apply (host \(host), pid \(pid), since \(acquiredAt.formatted(.iso8601)); "
            + "its lease runs until \(expiresAt.formatted(.iso8601)) unless renewed)"
    }
}

/// The identity of this apply process and how leases behave.
public struct LeasePolicy: Sendable {
    /// SSM parameter names: `<prefix>/<job>/<origin>`.
    public var prefix: String
    public var host: String
    public var pid: Int32
    public var runID: String
    /// A lease not renewed for this long may be taken over by anyone.
    public var duration: TimeInterval
    /// How often the holder renews.
    public var heartbeat: TimeInterval
    /// How long to wait for a held lease before failing (`--lock-timeout`); 0: fail at once.
    public var waitTimeout: TimeInterval
    /// Pause between writing a taken-over lease and reading it back (last writer wins).
    public var settle: TimeInterval
    /// Whether a process of this host is still running.
    public var isAlive: @Sendable (Int32) -> Bool

    public init(
        prefix: String = "/dbcopy/leases", host: String = ProcessInfo.processInfo.hostName,
        pid: Int32 = ProcessInfo.processInfo.processIdentifier, runID: String = String(UUID().uuidString.prefix(8)),
        duration: TimeInterval = 300, heartbeat: TimeInterval = 60, waitTimeout: TimeInterval = 0,
        settle: TimeInterval = 1, isAlive: @escaping @Sendable (Int32) -> Bool = { kill($0, 0) == 0 || errno == EPERM }
    ) {
        self.prefix = prefix
        self.host = host
        self.pid = pid
        self.runID = runID
        self.duration = duration
        self.heartbeat = heartbeat
        self.waitTimeout = waitTimeout
        self.settle = settle
        self.isAlive = isAlive
    }

    public var holder: String { "\(host):\(pid):\(runID)" }

    public func parameterName(job: String, origin: String) -> String { "\(prefix)/\(job)/\(origin)" }
}
