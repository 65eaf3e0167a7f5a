import Foundation

/// A value guarded by a lock, for the little shared mutable state the client keeps (retry
/// quota, clock offset, the chosen credential source). Portable where `Mutex` is not yet.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}
