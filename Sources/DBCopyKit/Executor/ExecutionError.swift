import Foundation

/// Why a copy stopped during apply. AWS errors pass through as the AWS client's own errors
/// (service, operation, code, request id).
public enum ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A safeguard refused a delete on fresh state: nothing was deleted for this copy.
    case refused(String)
    /// Live state moved since the plan in a way that makes the planned step unsafe.
    case changedSincePlan(String)
    /// A waiter ran out of `wait_timeout`.
    case timedOut(what: String, lastStatus: String, after: TimeInterval)
    /// Ctrl-C: the next step was not started, or a wait was ended.
    case interrupted
    /// A step could not continue for another reason.
    case failed(String)

    public var description: String {
        switch self {
        case .refused(let reason): return "refused by a safeguard: \(reason); nothing was deleted"
        case .changedSincePlan(let what): return "\(what); plan again"
        case .timedOut(let what, let status, let after):
            return "timed out after \(HumanFormat.age(after)) waiting for \(what) (last status \(status)); "
                + "raise wait_timeout or run apply again to continue"
        case .interrupted: return "interrupted (Ctrl-C); run apply again to continue where this stopped"
        case .failed(let message): return message
        }
    }
}
