import DBCopyKit
import Foundation
import Testing

@Suite("Planner: sources")
struct SourcePlanningTests {
    let origin = Fixture.table("clients")

    func plan(_ source: SourceSpec, origin: TableSnapshot? = nil, backups: [BackupSnapshot] = []) -> Plan {
        Fixture.plan(
            [Fixture.job { $0.source = source }],
            Fixture.snapshot(tables: [origin ?? self.origin], absent: ["clients_restored"], backups: backups))
    }

    @Test("latest-backup with no AVAILABLE backup is an error")
    func latestBackupMissing() {
        let creating = Fixture.backup("b", of: "clients", created: Fixture.hoursAgo(1), status: "CREATING")
        #expect(
            plan(.latestBackup, backups: [creating]).errorMessages == [
                "job \"clients-to-dev\": source is latest-backup but clients has no AVAILABLE backup in eu-west-1"
            ])
    }

    @Test("{backup_arn}: must exist, be AVAILABLE, and be a backup of the origin")
    func backupARN() throws {
        let good = Fixture.backup("manual", of: "clients", created: Fixture.hoursAgo(5))
        let step = try #require(plan(.backupARN(good.arn), backups: [good]).restoreStep)
        #expect(step.source == .backup(arn: good.arn, name: "manual", inProgress: false))
        #expect(
            plan(.backupARN("arn:nope"), backups: [good]).errorMessages == [
                "job \"clients-to-dev\": backup arn:nope does not exist in eu-west-1"
            ])
        let creating = Fixture.backup("manual", of: "clients", created: Fixture.hoursAgo(1), status: "CREATING")
        #expect(
            plan(.backupARN(creating.arn), backups: [creating]).errorMessages == [
                "job \"clients-to-dev\": backup manual is CREATING; it must be AVAILABLE"
            ])
        let other = Fixture.backup("other", of: "orders", created: Fixture.hoursAgo(5))
        #expect(
            plan(.backupARN(other.arn), backups: [other]).errorMessages == [
                "job \"clients-to-dev\": backup other is of table orders, not of the origin clients"
            ])
    }

    @Test("point-in-time needs PITR on the origin and a time inside its window")
    func pointInTime() throws {
        #expect(
            plan(.pointInTime(nil)).errorMessages == [
                "job \"clients-to-dev\": source is point-in-time but point-in-time recovery is off on clients"
            ])
        let pitr = Fixture.table(
            "clients",
            pitr: PITRSnapshot(
                enabled: true, earliestRestorable: Fixture.hoursAgo(48), latestRestorable: Fixture.hoursAgo(0.1)))
        let latest = try #require(plan(.pointInTime(nil), origin: pitr).restoreStep)
        #expect(latest.source == .pointInTime(table: "clients", tableARN: pitr.arn, at: nil))
        #expect(plan(.pointInTime(nil), origin: pitr).allChanges.count == 1)
        let inside = Fixture.hoursAgo(24)
        #expect(
            plan(.pointInTime(inside), origin: pitr).restoreStep?.source
                == .pointInTime(table: "clients", tableARN: pitr.arn, at: inside))
        let outside = plan(.pointInTime(Fixture.hoursAgo(100)), origin: pitr).errorMessages
        #expect(outside.count == 1)
        #expect(outside.first?.contains("is outside clients's restorable window") == true)
    }

    @Test("an origin that is not ACTIVE is an error")
    func originNotActive() {
        let creating = Fixture.table("clients", status: "CREATING")
        #expect(
            plan(.newBackup, origin: creating).errorMessages == [
                "job \"clients-to-dev\": origin table clients is CREATING; it must be ACTIVE to be copied"
            ])
    }

    @Test("a custom backup_name template names the backup, and a legacy fixed name works without a timestamp")
    func backupNames() {
        let templated = Fixture.plan(
            [Fixture.job { $0.backupName = NameTemplate(verbatim: "nightly-{origin}-{timestamp}") }],
            Fixture.snapshot(tables: [origin], absent: ["clients_restored"]))
        #expect(templated.changeList.first == "+ dynamodb_backup.nightly-clients-20261122-10-15-00")
        let legacy = Fixture.plan(
            [Fixture.job { $0.backupName = NameTemplate(verbatim: "clients-backup") }],
            Fixture.snapshot(tables: [origin], absent: ["clients_restored"]))
        #expect(legacy.changeList.first == "+ dynamodb_backup.clients-backup")
    }
}

@Suite("Planner: retention")
struct RetentionPlanningTests {
    let origin = Fixture.table("clients")

    func own(_ hours: Double, status: String = "AVAILABLE") -> BackupSnapshot {
        let made = Fixture.hoursAgo(hours)
        return Fixture.backup(
            "dbcopy-clients-to-dev-\(CopyTimestamp.format(made))", of: "clients", created: made, status: status)
    }

    @Test("backups: N keeps the newest N counting the new one; someone else's backups are never touched")
    func keepsNewest() {
        let backups = [
            own(24), own(48), own(72), Fixture.backup("manual-snapshot", of: "clients", created: Fixture.hoursAgo(999)),
        ]
        let job = Fixture.job { $0.retention = RetentionSpec(backups: 2) }
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: backups))
        #expect(
            plan.changeList == [
                "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00",
                "+ dynamodb_table.clients_restored",
                "- dynamodb_backup.\(backups[1].name)",
                "- dynamodb_backup.\(backups[2].name)",
            ])
        #expect(plan.change("dynamodb_backup.\(backups[1].name)")?.reason == "retention: keeps the newest 2")
    }

    @Test("max_age destroys older backups; backups: 0 keeps none but the one being restored from")
    func maxAgeAndZero() {
        let backups = [own(24), own(24 * 40)]
        let aged = Fixture.job { $0.retention = RetentionSpec(maxAge: DurationValue.parse("30d")) }
        let plan = Fixture.plan(
            [aged], Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: backups))
        #expect(plan.changeList.last == "- dynamodb_backup.\(backups[1].name)")
        #expect(plan.change("dynamodb_backup.\(backups[1].name)")?.reason == "retention: older than 30d")
        let latest = Fixture.job {
            $0.source = .latestBackup
            $0.retention = RetentionSpec(backups: 0)
        }
        let zero = Fixture.plan(
            [latest], Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: backups))
        // The newest is the restore source this run; only the older one goes.
        #expect(zero.changeList == ["+ dynamodb_table.clients_restored", "- dynamodb_backup.\(backups[1].name)"])
    }

    @Test("a backup a restore is still using is kept")
    func inUseBackupKept() {
        let used = own(30)
        var restoring = Fixture.table("elsewhere", status: "CREATING")
        restoring.restore = RestoreSnapshot(
            sourceBackupARN: used.arn, sourceTableARN: origin.arn, restoredAt: nil, inProgress: true)
        let job = Fixture.job { $0.retention = RetentionSpec(backups: 1) }
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [origin, restoring], absent: ["clients_restored"], backups: [used]))
        #expect(!plan.changeList.contains("- dynamodb_backup.\(used.name)"))
    }

    @Test("a backup another job of the same plan restores from is kept, with a note saying why")
    func restoredFromByAnotherJob() throws {
        let newest = own(24)
        let dev = Fixture.job { $0.retention = RetentionSpec(backups: 1) }
        let staging = Fixture.job(
            "staging",
            destination: .rotation(
                RotationSpec(naming: .template(NameTemplate(verbatim: "{origin}-stg-{timestamp}")), keep: 1))
        ) { $0.source = .latestBackup }
        let plan = Fixture.plan(
            [dev, staging],
            Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: [newest], listTables: true))
        let restores = plan.copies.last?.changes.compactMap { change -> RestoreStep? in
            if case .restoreTable(let step) = change.operation { return step } else { return nil }
        }
        #expect(restores?.map(\.source) == [.backup(arn: newest.arn, name: newest.name, inProgress: false)])
        #expect(!plan.changeList.contains("- dynamodb_backup.\(newest.name)"))
        #expect(plan.copies.first?.notes == ["\(newest.name) is kept: job \"staging\" restores from it"])
    }

    @Test("safety backups of a fixed target follow the same retention")
    func safetyBackups() {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30))
        let oldSafety = Fixture.backup(
            "dbcopy-clients-to-dev-replaced-20261101-00-00-00", of: "clients_restored", created: Fixture.hoursAgo(500))
        let job = Fixture.job {
            $0.replace = .owned
            $0.retention = RetentionSpec(backups: 1)
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, target], backups: [oldSafety]))
        #expect(plan.changeList.last == "- dynamodb_backup.dbcopy-clients-to-dev-replaced-20261101-00-00-00")
    }

    @Test("a backup name matching protect is refused")
    func protectedBackup() {
        let backups = [own(24), own(48)]
        let job = Fixture.job { $0.retention = RetentionSpec(backups: 1) }
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: backups),
            protect: ["dbcopy-*"])
        #expect(plan.refusals.count == 2)
        #expect(!plan.applyable)
    }
}
