import Foundation

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
        prefix: String = LeaseRecord.defaultPrefix, host: String = ProcessInfo.processInfo.hostName,
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

    public func parameterName(job: String, origin: String) -> String {
        LeaseRecord.parameterName(job: job, origin: origin, prefix: prefix)
    }
}
