import Foundation

/// Polls until something reaches the wanted state: exponential backoff with jitter, bounded by
/// the copy's `wait_timeout`. Sleeper and clock are injected so tests never really wait.
public struct Waiter: Sendable {
    public typealias Sleeper = @Sendable (TimeInterval) async throws -> Void

    public var initialInterval: TimeInterval
    public var maximumInterval: TimeInterval
    public var sleeper: Sleeper
    public var clock: @Sendable () -> Date
    /// True once a wait should end early (Ctrl-C): the next apply picks the wait up again.
    public var isInterrupted: @Sendable () -> Bool = { false }

    public init(
        initialInterval: TimeInterval = 1, maximumInterval: TimeInterval = 20,
        sleeper: @escaping Sleeper = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) },
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.initialInterval = initialInterval
        self.maximumInterval = maximumInterval
        self.sleeper = sleeper
        self.clock = clock
    }

    /// One poll's answer: done (with a value), or not yet (with the status seen).
    public enum Poll<Value: Sendable>: Sendable {
        case done(Value)
        case pending(status: String)
    }

    /// Polls `check` until it is done or `timeout` passes; reports each pending status.
    public func wait<Value: Sendable>(
        for what: String, timeout: TimeInterval, report: @Sendable (String, TimeInterval) -> Void = { _, _ in },
        check: @Sendable () async throws -> Poll<Value>
    ) async throws -> Value {
        let start = clock()
        var interval = initialInterval
        while true {
            switch try await check() {
            case .done(let value): return value
            case .pending(let status):
                let elapsed = clock().timeIntervalSince(start)
                guard elapsed < timeout else {
                    throw ExecutionError.timedOut(what: what, lastStatus: status, after: elapsed)
                }
                if isInterrupted() { throw ExecutionError.interrupted }
                report(status, elapsed)
                // Full jitter on the upper half keeps many waiting jobs from polling in lockstep.
                let delay = min(interval * Double.random(in: 0.5...1.0), timeout - elapsed)
                try await sleeper(delay)
                interval = min(interval * 1.5, maximumInterval)
            }
        }
    }
}

extension Waiter {
    /// Polling intervals from `DBCOPY_POLL_INTERVAL_MS` and `DBCOPY_POLL_MAX_INTERVAL_MS`
    /// (defaults 1000 and 20000): shorter in tests against local endpoints.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Waiter
    {
        func seconds(_ key: String, _ fallback: TimeInterval) -> TimeInterval {
            guard let text = environment[key], let millis = Int(text), millis > 0 else { return fallback }
            return TimeInterval(millis) / 1000
        }
        return Waiter(
            initialInterval: seconds("DBCOPY_POLL_INTERVAL_MS", 1),
            maximumInterval: seconds("DBCOPY_POLL_MAX_INTERVAL_MS", 20))
    }
}
