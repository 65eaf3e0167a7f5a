import DBCopyKit
import Foundation

/// Builders for planner tests: live-state snapshots and jobs, by hand, with no network.
enum Fixture {
    static let region = "eu-west-1"
    static let account = "123456789012"
    /// 2026-11-22 10:15:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_342_500)
    static let stamp = "20261122-10-15-00"

    static func hoursAgo(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }

    static func tableARN(_ name: String) -> String { "arn:aws:dynamodb:\(region):\(account):table/\(name)" }

    static func table(
        _ name: String, status: String = "ACTIVE", created: Date = hoursAgo(24 * 30), items: Int64 = 1204,
        bytes: Int64 = 3_100_000, billing: BillingMode = .provisioned,
        capacity: Capacity? = Capacity(read: 50, write: 50),
        indexes: [IndexSnapshot] = [], tags: [String: String]? = [:], deletionProtection: Bool = false,
        restore: RestoreSnapshot? = nil, ttl: TTLSnapshot? = nil, pitr: PITRSnapshot? = nil
    ) -> TableSnapshot {
        TableSnapshot(
            name: name, arn: tableARN(name), status: status, createdAt: created, itemCount: items, sizeBytes: bytes,
            billing: billing, capacity: billing == .provisioned ? capacity : nil, indexes: indexes,
            deletionProtection: deletionProtection, restore: restore, tags: tags, ttl: ttl, pointInTimeRecovery: pitr)
    }

    /// A table dbcopy made for `job` at `made`.
    static func copy(_ name: String, job: String, origin: String, made: Date, deletionProtection: Bool = false)
        -> TableSnapshot
    {
        table(
            name, created: made, capacity: Capacity(read: 3, write: 3),
            tags: [
                OwnershipTag.job: job, OwnershipTag.origin: origin, OwnershipTag.createdAt: OwnershipTag.format(made),
            ],
            deletionProtection: deletionProtection,
            restore: RestoreSnapshot(
                sourceBackupARN: nil, sourceTableARN: tableARN(origin), restoredAt: made, inProgress: false))
    }

    static func backup(
        _ name: String, of table: String, created: Date, status: String = "AVAILABLE", type: String = "USER"
    ) -> BackupSnapshot {
        BackupSnapshot(
            arn: "\(tableARN(table))/backup/\(Int(created.timeIntervalSince1970))-\(name.hashValue & 0xffff)",
            name: name, tableName: table, tableARN: tableARN(table), status: status, type: type, createdAt: created)
    }

    /// The lease parameter an apply killed mid-copy leaves, naming the backup it made.
    static func lease(job: String, origin: String, backup: String?) -> [String: String] {
        let record = LeaseRecord(
            holder: "ci-runner:4242:run", host: "ci-runner", pid: 4242, job: job, origin: origin, target: "t",
            acquiredAt: hoursAgo(0.3), expiresAt: hoursAgo(0.3).addingTimeInterval(300), backupARN: backup)
        return [LeaseRecord.parameterName(job: job, origin: origin): record.json]
    }

    static func job(
        _ name: String = "clients-to-dev", origin: OriginSelector = .table("clients"),
        destination: Destination = .table("clients_restored"), configure: (inout JobSpec) -> Void = { _ in }
    ) -> JobSpec {
        var job = JobSpec(name: name, origin: origin, destination: destination)
        configure(&job)
        return job
    }

    static func document(_ jobs: [JobSpec], protect: [String] = []) -> PlanDocument {
        PlanDocument(
            path: "dbcopy.yaml", digest: String(repeating: "0", count: 64), format: .yaml,
            protect: protect.map { ProtectPattern($0) }, jobs: jobs)
    }

    /// Plans `jobs` against one region's snapshot, as `dbcopy plan` would.
    static func plan(_ jobs: [JobSpec], _ snapshot: RegionSnapshot, protect: [String] = [], now: Date = now) -> Plan {
        let document = document(jobs, protect: protect)
        return Planner.plan(
            PlannerInput(
                document: document, selectedJobs: nil, state: LiveState(regions: [region: snapshot]), now: now,
                regions: Dictionary(uniqueKeysWithValues: jobs.map { ($0.name, region) })))
    }

    static func snapshot(
        tables: [TableSnapshot], absent: [String] = [], backups: [BackupSnapshot] = [],
        parameters: [String: String] = [:],
        absentParameters: [String] = [], listTables: Bool = false
    ) -> RegionSnapshot {
        RegionSnapshot(
            tableNames: listTables ? tables.map(\.name) : nil,
            tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) }), absentTables: Set(absent),
            backups: backups,
            parameters: parameters.reduce(into: [:]) { $0[$1.key] = ParameterSnapshot(name: $1.key, value: $1.value) },
            absentParameters: Set(absentParameters))
    }
}

extension Plan {
    /// `KIND.NAME ACTION` of every change, refused ones marked, for compact assertions.
    var changeList: [String] {
        allChanges.map { "\($0.action.symbol) \($0.address)" + ($0.refusal == nil ? "" : " REFUSED") }
    }

    func change(_ address: String) -> ResourceChange? { allChanges.first { $0.address == address } }

    var restoreStep: RestoreStep? {
        for change in allChanges { if case .restoreTable(let step) = change.operation { return step } }
        return nil
    }

    var errorMessages: [String] { errors.map(\.message) }
    var warningMessages: [String] { warnings.map(\.message) }
}
