import DBCopyKit
import Foundation

/// Builds plans by hand, through the public initialisers, with the wording the planner uses
/// (see Planner/SourceDecision, RestoreDecision, PruneDecision), so that renderer tests do
/// not depend on planner decisions.
enum PlanFixtures {
    /// 2026-11-22 10:15:00 UTC, the clock of every fixture plan.
    static let now = CopyTimestamp.parse("20261122-10-15-00")!
    static let region = "eu-west-1"
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    static func date(_ timestamp: String) -> Date { CopyTimestamp.parse(timestamp)! }

    static func tableARN(_ name: String) -> String { "arn:aws:dynamodb:\(region):123456789012:table/\(name)" }

    static func backupARN(_ table: String, _ id: String) -> String { tableARN(table) + "/backup/\(id)" }

    static func plan(
        _ jobs: [JobPlan], diagnostics: [Diagnostic] = [], selectedJobs: [String]? = nil,
        origins: [String] = ["clients", "orders-production", "payments-production"]
    ) -> Plan {
        Plan(
            dbcopyVersion: "0.1.0", planFile: PlanFileReference(path: "dbcopy.yaml", digest: digest, format: .yaml),
            createdAt: now, selectedJobs: selectedJobs,
            safeguards: SafeguardContext(
                protect: ["*-prod", "*-production"], origins: origins, originPatterns: ["(?i)-production$"]),
            jobs: jobs, diagnostics: diagnostics)
    }

    static func copy(
        job: String, origin: String, target: String, ssmParameter: String? = nil, notes: [String] = [],
        changes: [ResourceChange], preconditions: [Precondition]? = nil
    ) -> CopyPlan {
        CopyPlan(
            job: job, region: region, origin: origin, originARN: tableARN(origin), target: target,
            ssmParameter: ssmParameter, notes: notes, changes: changes,
            preconditions: preconditions ?? [
                .table(
                    TableSnapshot(name: origin, arn: tableARN(origin), createdAt: date("20240301-09-00-00")),
                    region: region),
                .absentTable(target, region: region),
            ],
            waitTimeoutSeconds: 21_600)
    }

    static func createBackup(_ name: String, of table: String, items: String, size: String) -> ResourceChange {
        ResourceChange(
            kind: .dynamodbBackup, name: name, action: .create, reason: "backup of \(table) (\(items) items, \(size))",
            operation: .createBackup(CreateBackupStep(table: table, backupName: name)))
    }

    /// A restore creating or replacing `target` with `billing` details as the planner words them.
    static func restore(
        _ target: String, action: ResourceChange.Action = .create, reason: String, details: [String],
        source: RestoreSource, replacing: ReplacedTable? = nil, billing: BillingMode = .provisioned,
        capacity: Capacity? = Capacity(read: 3, write: 3), indexes: [String: Capacity] = [:],
        tags: [String: String] = [:], job: String, origin: String, refusal: String? = nil
    ) -> ResourceChange {
        var allTags = tags
        allTags["dbcopy:job"] = job
        allTags["dbcopy:origin"] = origin
        allTags["dbcopy:created-at"] = "2026-11-22T10:15:00Z"
        let step = RestoreStep(
            target: target, source: source, replacing: replacing, billing: billing, capacity: capacity,
            indexes: indexes, tags: allTags)
        return ResourceChange(
            kind: .dynamodbTable, name: target, action: action, reason: reason, details: details, refusal: refusal,
            operation: .restoreTable(step))
    }

    /// As `planParameter` words it: `value = …` for a new parameter, `value → …` and `was …`.
    static func putParameter(_ name: String, value: String, previous: String?) -> ResourceChange {
        ResourceChange(
            kind: .ssmParameter, name: name, action: previous == nil ? .create : .update,
            reason: previous == nil ? "value = \(value)" : "value → \(value)",
            details: previous.map { ["was \($0)"] } ?? [],
            operation: .putParameter(
                PutParameterStep(name: name, value: value, valueKind: .arn, previousValue: previous)))
    }

    static func deleteBackup(_ name: String, of table: String, made: String, keep: Int, refusal: String? = nil)
        -> ResourceChange
    {
        ResourceChange(
            kind: .dynamodbBackup, name: name, action: .destroy, reason: "retention: keeps the newest \(keep)",
            details: ["backup of \(table), made \(made)"], refusal: refusal,
            operation: .deleteBackup(
                DeleteBackupStep(arn: backupARN(table, "01700000000000-a1b2c3d4"), name: name, table: table)))
    }

    static func deleteGeneration(_ name: String, madeOn day: String, keep: Int, refusal: String? = nil)
        -> ResourceChange
    {
        ResourceChange(
            kind: .dynamodbTable, name: name, action: .destroy, reason: "rotation: keeps the newest \(keep)",
            details: ["made by dbcopy on \(day)"], refusal: refusal,
            operation: .deleteTable(
                DeleteTableStep(
                    table: name, arn: tableARN(name), createdAt: date("20261120-10-15-00"),
                    disableDeletionProtection: false)))
    }
}
