import Foundation

/// Identifies one copy in progress reports.
public struct CopyReference: Sendable, Equatable, Codable {
    public var job: String
    public var origin: String
    public var target: String
    public var region: String

    public init(_ copy: CopyPlan) {
        job = copy.job
        origin = copy.origin
        target = copy.target
        region = copy.region
    }
}

/// What apply reports while it runs; the progress printers (terminal, log lines, JSON lines)
/// turn these into output.
public enum ApplyEvent: Sendable {
    case started(CopyReference, at: Date)
    /// A step began (`creating backup`, `deleting table x`, …) on `resource`.
    case step(CopyReference, step: String, resource: String, at: Date)
    /// Still waiting for `resource` (status as last seen).
    case waiting(CopyReference, resource: String, status: String, elapsed: TimeInterval, at: Date)
    case completed(CopyReference, duration: TimeInterval, at: Date)
    case failed(CopyReference, error: String, refused: Bool, duration: TimeInterval, at: Date)
    /// Not started (or not finished) because of `--fail-fast` or Ctrl-C.
    case skipped(CopyReference, reason: String, at: Date)
}

/// Receives events as they happen, from many tasks at once.
public protocol ApplyEventSink: Sendable {
    func handle(_ event: ApplyEvent)
}

/// The end of one copy.
public struct CopyOutcome: Sendable, Equatable {
    public enum Result: String, Sendable, Codable { case succeeded, failed, refused, skipped, unchanged }

    public var copy: CopyReference
    public var result: Result
    public var message: String?
    public var duration: TimeInterval
    /// What was actually done, Terraform-counted.
    public var added: Int
    public var changed: Int
    public var destroyed: Int
}

/// The end of an apply.
public struct ApplyReport: Sendable, Equatable {
    public var outcomes: [CopyOutcome]
    public var interrupted: Bool

    public var added: Int { outcomes.reduce(0) { $0 + $1.added } }
    public var changed: Int { outcomes.reduce(0) { $0 + $1.changed } }
    public var destroyed: Int { outcomes.reduce(0) { $0 + $1.destroyed } }
    public var failed: Bool { outcomes.contains { $0.result == .failed } }
    public var refused: Bool { outcomes.contains { $0.result == .refused } }
}
