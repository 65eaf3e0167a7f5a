import DBCopyKit
import Foundation
import TestSupport

/// What one `dbcopy apply --format json` printed: the plan it carried out (its first line, so
/// the plan is exactly the one applied, not a second reading of live state) and one event per
/// line after it. A run killed part-way has printed only some lines, the last perhaps cut short.
struct ApplyOutput: Sendable {
    /// One `start`, `progress`, `complete`, `errored`, `skipped` or `summary` line.
    struct Event: Sendable {
        let type: String
        let job: String?
        let origin: String?
        /// `creating backup`, `restoring`, … or `waiting` (progress events).
        let step: String?
        let resource: String?
        /// The status a `waiting` event saw.
        let status: String?
        let error: String?
    }

    /// nil when the run printed no plan (it failed or was killed while reading live state).
    let plan: Plan?
    let events: [Event]

    init(_ stdout: String) throws {
        var plan: Plan? = nil
        var events: [Event] = []
        for line in stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let type = object["type"] as? String
            else { continue }
            if type == "plan", let document = object["plan"] {
                plan = try Plan.decode(fromJSON: try JSONSerialization.data(withJSONObject: document))
                continue
            }
            events.append(
                Event(
                    type: type, job: object["job"] as? String, origin: object["origin"] as? String,
                    step: object["step"] as? String, resource: object["resource"] as? String,
                    status: object["status"] as? String, error: object["error"] as? String))
        }
        self.plan = plan
        self.events = events
    }

    /// The last event of each copy (`job/origin`): where each one was when the output stopped.
    var lastEventOfEachCopy: [String: Event] {
        var last: [String: Event] = [:]
        for event in events { if let job = event.job, let origin = event.origin { last["\(job)/\(origin)"] = event } }
        return last
    }
}

extension Workspace {
    /// `dbcopy apply --auto-approve --format json EXTRA`, run to the end.
    func applyJSON(_ extra: [String] = []) async throws -> (ProcessResult, ApplyOutput) {
        let result = try await dbcopy(["apply", "--auto-approve", "--format", "json"] + extra)
        return (result, try ApplyOutput(result.stdout))
    }
}

/// What plans hand over for deletion (a table name once per plan that replaces or prunes it,
/// a backup ARN), and the lease parameters their copies take (dbcopy deletes each lease when
/// its copy ends: bookkeeping it makes and removes itself).
struct PlannedDeletes: Sendable {
    var tables: [String: Int] = [:]
    var backups: [String: Int] = [:]
    var leases: Set<String> = []

    init(_ plans: [Plan]) {
        for copy in plans.flatMap(\.copies) where copy.hasChanges {
            leases.insert("/dbcopy/leases/\(copy.job)/\(copy.origin)")
            for change in copy.changes {
                switch change.operation {
                case .deleteTable(let step): tables[step.table, default: 0] += 1
                case .deleteBackup(let step): backups[step.arn, default: 0] += 1
                case .restoreTable(let step) where step.replacing != nil: tables[step.target, default: 0] += 1
                default: break
                }
            }
        }
    }

    /// The deletes among `deletes` that no plan listed, or more often than the plans listed
    /// them: `["DeleteTable x", …]`. (A retried delete that finds its table gone or going is not
    /// logged by the proxy, so each entry is a delete that reached AWS.)
    func unplanned(_ deletes: [AWSProxy.Stats.Delete]) -> [String] {
        var tables = self.tables
        var backups = self.backups
        func take(_ allowance: inout [String: Int], _ resource: String) -> Bool {
            guard let left = allowance[resource], left > 0 else { return false }
            allowance[resource] = left - 1
            return true
        }
        return deletes.filter { delete in
            switch delete.operation {
            case "DeleteTable": return !take(&tables, delete.resource)
            case "DeleteBackup": return !take(&backups, delete.resource)
            case "DeleteParameter": return !leases.contains(delete.resource)
            default: return true
            }
        }.map { "\($0.operation) \($0.resource)" }
    }
}
