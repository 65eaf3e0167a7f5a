import Foundation

/// A value shared between tasks and signal handlers, guarded by a lock.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }

    @discardableResult
    func update<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}

/// Set by the first Ctrl-C (or `--fail-fast` after a failure): no new step starts; calls in
/// flight finish. The executor checks it between steps.
public final class StopSignal: Sendable {
    private let reason = LockedValue<String?>(nil)

    public init() {}

    /// The first reason wins.
    public func stop(_ why: String) { reason.update { if $0 == nil { $0 = why } } }

    public var isStopped: Bool { reason.get() != nil }
    public var why: String? { reason.get() }
}
