import DBCopyKit
import Foundation
import Testing

/// After a crash or Ctrl-C, the next plan continues the interrupted run instead of starting over.
@Suite("Planner: resuming interrupted runs")
struct ResumePlanningTests {
    let origin = Fixture.table("clients")
    let ownBackupName = "dbcopy-clients-to-dev-20261122-10-00-00"

    @Test("this job's backup still CREATING is waited for, not made again")
    func creatingBackupReused() throws {
        let creating = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(0.25), status: "CREATING")
        let plan = Fixture.plan(
            [Fixture.job()], Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: [creating]))
        #expect(plan.changeList == ["+ dynamodb_table.clients_restored"])
        #expect(plan.restoreStep?.source == .backup(arn: creating.arn, name: ownBackupName, inProgress: true))
        #expect(
            plan.change("dynamodb_table.clients_restored")?.reason
                == "restore from backup \(ownBackupName) (an interrupted run is still making it)")
    }

    @Test("an AVAILABLE backup is continued from only when an interrupted apply's lease names it")
    func availableBackupReused() {
        let recent = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(0.25))
        let interrupted = Fixture.snapshot(
            tables: [origin], absent: ["clients_restored"], backups: [recent],
            parameters: Fixture.lease(job: "clients-to-dev", origin: "clients", backup: recent.arn))
        let plan = Fixture.plan([Fixture.job()], interrupted)
        #expect(plan.changeList == ["+ dynamodb_table.clients_restored"])
        #expect(plan.restoreStep?.source == .backup(arn: recent.arn, name: ownBackupName, inProgress: false))
        #expect(
            plan.copies.first?.notes.first
                == "an apply on ci-runner (pid 4242, since 2026-11-22 09:57 UTC) stopped before finishing this copy; "
                + "apply continues from where it stopped")
        // Without the lease the same backup may be a finished run's (the copy deleted by hand since):
        // a new backup, so that old data is never restored.
        let finished = Fixture.snapshot(tables: [origin], absent: ["clients_restored"], backups: [recent])
        #expect(
            Fixture.plan([Fixture.job()], finished).changeList.first
                == "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00")
        let other = Fixture.snapshot(
            tables: [origin], absent: ["clients_restored"], backups: [recent],
            parameters: Fixture.lease(job: "clients-to-dev", origin: "clients", backup: "arn:another"))
        #expect(
            Fixture.plan([Fixture.job()], other).changeList.first
                == "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00")
    }

    @Test(
        "a safety backup an interrupted run made of the current copy is waited for, not made again",
        arguments: ["CREATING", "AVAILABLE"])
    func interruptedSafetyBackupReused(status: String) throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(24))
        // The previous replacement's safety backup is of an earlier copy (made before this one).
        let earlier = Fixture.backup(
            "dbcopy-clients-to-dev-replaced-20261121-10-00-00", of: "clients_restored", created: Fixture.hoursAgo(24.2))
        let killed = Fixture.backup(
            "dbcopy-clients-to-dev-replaced-20261122-10-10-00", of: "clients_restored", created: Fixture.hoursAgo(0.1),
            status: status)
        let job = Fixture.job {
            $0.replace = .owned
            $0.retention = RetentionSpec(backups: 1)
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, target], backups: [killed, earlier]))
        #expect(
            plan.changeList == [
                "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00",
                "-/+ dynamodb_table.clients_restored",
                "- dynamodb_backup.\(earlier.name)",
            ])
        let step = try #require(plan.restoreStep)
        #expect(step.replacing?.safetyBackupName == killed.name)
        #expect(step.replacing?.safetyBackupARN == killed.arn)
        #expect(
            plan.change("dynamodb_table.clients_restored")?.details.contains(
                "safety backup \(killed.name) first (an interrupted run made it)") == true)
        // Nothing new is made for it: the backup and the copy are added, the old copy destroyed.
        #expect(plan.summary.add == 2 && plan.summary.destroy == 2)
    }

    @Test("a safety backup of an earlier copy under the same name is not reused")
    func earlierSafetyBackupNotReused() throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(1))
        let earlier = Fixture.backup(
            "dbcopy-clients-to-dev-replaced-20261122-09-00-00", of: "clients_restored", created: Fixture.hoursAgo(1.1))
        let plan = Fixture.plan(
            [Fixture.job { $0.replace = .owned }], Fixture.snapshot(tables: [origin, target], backups: [earlier]))
        let step = try #require(plan.restoreStep)
        #expect(step.replacing?.safetyBackupName == "dbcopy-clients-to-dev-replaced-20261122-10-15-00")
        #expect(step.replacing?.safetyBackupARN == nil)
        #expect(plan.summary.add == 3)
    }

    @Test("a backup the current copy was restored from is not reused")
    func usedBackupNotReused() {
        let used = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(0.5))
        var target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(0.4))
        target.restore?.sourceBackupARN = used.arn
        let plan = Fixture.plan(
            [Fixture.job { $0.replace = .owned }], Fixture.snapshot(tables: [origin, target], backups: [used]))
        #expect(plan.changeList.first == "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00")
    }

    @Test("an untagged target restored from this job's backup is finished (wait, converge), not replaced or refused")
    func interruptedRestoreResumed() throws {
        let backup = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(0.25))
        let restoring = Fixture.table(
            "clients_restored", status: "CREATING", created: Fixture.hoursAgo(0.2), tags: [:],
            restore: RestoreSnapshot(
                sourceBackupARN: backup.arn, sourceTableARN: origin.arn, restoredAt: Fixture.hoursAgo(0.2),
                inProgress: true))
        let job = Fixture.job { $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/p")) }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, restoring], backups: [backup]))
        #expect(plan.changeList == ["~ dynamodb_table.clients_restored", "+ ssm_parameter./p"])
        let step = try #require(plan.restoreStep)
        #expect(step.resume)
        #expect(step.replacing == nil)
        #expect(step.tags[OwnershipTag.job] == "clients-to-dev")
        #expect(plan.applyable)
        #expect(plan.summary.change == 1)
    }

    @Test("an untagged restore from long ago, or from a backup that is not this job's, is not ours")
    func oldOrForeignRestoreNotResumed() {
        let backup = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(100))
        let old = Fixture.table(
            "clients_restored", created: Fixture.hoursAgo(99), tags: [:],
            restore: RestoreSnapshot(
                sourceBackupARN: backup.arn, sourceTableARN: origin.arn, restoredAt: Fixture.hoursAgo(99),
                inProgress: false))
        let plan = Fixture.plan(
            [Fixture.job { $0.replace = .owned }], Fixture.snapshot(tables: [origin, old], backups: [backup]))
        #expect(plan.refusals.first?.refusal?.contains("not made by dbcopy") == true)
        let manual = Fixture.backup("someones-backup", of: "clients", created: Fixture.hoursAgo(0.3))
        let recent = Fixture.table(
            "clients_restored", created: Fixture.hoursAgo(0.2), tags: [:],
            restore: RestoreSnapshot(
                sourceBackupARN: manual.arn, sourceTableARN: origin.arn, restoredAt: Fixture.hoursAgo(0.2),
                inProgress: false))
        let foreign = Fixture.plan(
            [Fixture.job { $0.replace = .owned }], Fixture.snapshot(tables: [origin, recent], backups: [manual]))
        #expect(foreign.refusals.count == 1)
    }

    @Test("an interrupted rotation generation is finished instead of starting a new one; it counts toward keep")
    func interruptedGenerationResumed() {
        let backup = Fixture.backup("nightly", of: "orders-production", created: Fixture.hoursAgo(3))
        let orders = Fixture.table("orders-production")
        let half = Fixture.table(
            "orders-staging-20261122-10-00-00", created: Fixture.hoursAgo(0.25), tags: [:],
            restore: RestoreSnapshot(
                sourceBackupARN: backup.arn, sourceTableARN: orders.arn, restoredAt: Fixture.hoursAgo(0.25),
                inProgress: false))
        let previous = Fixture.copy(
            "orders-staging-20261121-10-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(24))
        let job = Fixture.job(
            "orders-staging", origin: .match("-production$"),
            destination: .rotation(
                RotationSpec(naming: .pattern(regex: "-production$", replacement: "-staging"), keep: 1))
        ) { $0.source = .latestBackup }
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [orders, half, previous], backups: [backup], listTables: true))
        #expect(
            plan.changeList == [
                "~ dynamodb_table.orders-staging-20261122-10-00-00",
                "- dynamodb_table.orders-staging-20261121-10-00-00",
            ])
    }

    @Test("a fixed target still DELETING (an interrupted replacement) is restored once gone, not resumed")
    func deletingTargetRestoredAgain() throws {
        // The killed run made this backup, then deleted the copy it replaces; tags can no longer be read.
        let backup = Fixture.backup(ownBackupName, of: "clients", created: Fixture.hoursAgo(0.25))
        let earlier = Fixture.backup(
            "dbcopy-clients-to-dev-20261121-10-00-00", of: "clients", created: Fixture.hoursAgo(24))
        let deleting = Fixture.table(
            "clients_restored", status: "DELETING", created: Fixture.hoursAgo(24), tags: nil,
            restore: RestoreSnapshot(
                sourceBackupARN: earlier.arn, sourceTableARN: origin.arn, restoredAt: Fixture.hoursAgo(24),
                inProgress: false))
        let plan = Fixture.plan(
            [Fixture.job { $0.replace = .owned }],
            Fixture.snapshot(
                tables: [origin, deleting], backups: [backup, earlier],
                parameters: Fixture.lease(job: "clients-to-dev", origin: "clients", backup: backup.arn)))
        #expect(plan.changeList == ["+ dynamodb_table.clients_restored"])
        let step = try #require(plan.restoreStep)
        #expect(!step.resume)
        #expect(step.replacing == nil)
        #expect(step.source == .backup(arn: backup.arn, name: ownBackupName, inProgress: false))
        #expect(
            plan.copies.first?.notes.last == "clients_restored is being deleted; the restore waits until it is gone")
        #expect(plan.applyable)
    }

    @Test("a generation being deleted (an interrupted prune) is neither resumed nor counted toward keep")
    func deletingGenerationLeftToGo() {
        let backup = Fixture.backup("nightly", of: "orders-production", created: Fixture.hoursAgo(3))
        let orders = Fixture.table("orders-production")
        let going = Fixture.table(
            "orders-staging-20261122-10-00-00", status: "DELETING", created: Fixture.hoursAgo(0.25), tags: nil,
            restore: RestoreSnapshot(
                sourceBackupARN: backup.arn, sourceTableARN: orders.arn, restoredAt: Fixture.hoursAgo(0.25),
                inProgress: false))
        let kept = Fixture.copy(
            "orders-staging-20261121-10-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(24))
        let job = Fixture.job(
            "orders-staging", origin: .match("-production$"),
            destination: .rotation(
                RotationSpec(naming: .pattern(regex: "-production$", replacement: "-staging"), keep: 2))
        ) { $0.source = .latestBackup }
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [orders, going, kept], backups: [backup], listTables: true))
        #expect(plan.changeList == ["+ dynamodb_table.orders-staging-\(Fixture.stamp)"])
        #expect(plan.copies.first?.notes == ["orders-staging-20261122-10-00-00 is being deleted"])
        #expect(plan.warnings.isEmpty)
    }
}
