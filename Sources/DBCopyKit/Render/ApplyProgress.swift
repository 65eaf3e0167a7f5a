import Foundation

/// Prints apply's progress as it happens.
/// - `live`: on a terminal, one line per running job (step, table, status, elapsed), redrawn in place;
/// - `lines`: otherwise (CI logs, cron), one timestamped line per event;
/// - `json`: one JSON object per line (`start`, `progress`, `complete`, `errored`, `skipped`).
public final class ApplyProgress: ApplyEventSink, @unchecked Sendable {
    public enum Mode: Sendable { case live, lines, json }

    private let mode: Mode
    private let stream: any TextStream
    private let lock = NSLock()
    /// Live mode: the running jobs' lines, in start order, and how many lines are on screen.
    private var running: [(key: String, line: String)] = []
    private var drawn = 0

    public init(mode: Mode, stream: any TextStream) {
        self.mode = mode
        self.stream = stream
    }

    public func handle(_ event: ApplyEvent) {
        lock.withLock {
            switch mode {
            case .json: stream.write(ApplyJSONEvents.line(for: event) + "\n")
            case .lines: stream.write(Self.logLine(event) + "\n")
            case .live: live(event)
            }
        }
    }

    /// `2026-11-22T10:15:03Z clients-to-dev (clients → clients_restored): creating backup dbcopy-…`
    static func logLine(_ event: ApplyEvent) -> String {
        switch event {
        case .started(let copy, let at): return "\(stamp(at)) \(label(copy)): started"
        case .step(let copy, let step, let resource, let at): return "\(stamp(at)) \(label(copy)): \(step) \(resource)"
        case .waiting(let copy, let resource, let status, let elapsed, let at):
            return "\(stamp(at)) \(label(copy)): waiting for \(resource): \(status) (\(HumanFormat.age(elapsed)))"
        case .completed(let copy, let duration, let at):
            return "\(stamp(at)) \(label(copy)): complete after \(HumanFormat.age(duration))"
        case .failed(let copy, let error, _, let duration, let at):
            return "\(stamp(at)) \(label(copy)): failed after \(HumanFormat.age(duration)): \(error)"
        case .skipped(let copy, let reason, let at): return "\(stamp(at)) \(label(copy)): skipped: \(reason)"
        }
    }

    static func label(_ copy: CopyReference) -> String { "\(copy.job) (\(copy.origin) → \(copy.target))" }

    static func stamp(_ date: Date) -> String { date.formatted(.iso8601) }

    private func live(_ event: ApplyEvent) {
        switch event {
        case .started(let copy, _): set(copy, "started")
        case .step(let copy, let step, let resource, _): set(copy, "\(step) \(resource)")
        case .waiting(let copy, let resource, let status, let elapsed, _):
            set(copy, "waiting for \(resource): \(status) (\(HumanFormat.age(elapsed)))")
        case .completed, .failed, .skipped:
            // Finished jobs leave the live block and print one permanent line above it.
            let key = Self.key(of: event)
            running.removeAll { $0.key == key }
            redraw(permanent: Self.logLine(event))
            return
        }
        redraw(permanent: nil)
    }

    private func set(_ copy: CopyReference, _ status: String) {
        let key = "\(copy.job)/\(copy.origin)"
        let line = "\(Self.label(copy)): \(status)"
        if let index = running.firstIndex(where: { $0.key == key }) {
            running[index].line = line
        } else {
            running.append((key, line))
        }
    }

    private static func key(of event: ApplyEvent) -> String {
        switch event {
        case .started(let copy, _), .step(let copy, _, _, _), .waiting(let copy, _, _, _, _),
            .completed(let copy, _, _),
            .failed(let copy, _, _, _, _), .skipped(let copy, _, _):
            return "\(copy.job)/\(copy.origin)"
        }
    }

    /// Moves the cursor up over the previous block, clears it, prints the permanent line (if
    /// any) and the current block.
    private func redraw(permanent: String?) {
        var output = String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawn) + "\r"
        if let permanent { output += permanent + "\n" }
        for entry in running { output += "  " + entry.line + "\n" }
        drawn = running.count
        stream.write(output)
    }
}
