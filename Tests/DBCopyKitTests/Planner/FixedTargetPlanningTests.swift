import DBCopyKit
import Foundation
import Testing

@Suite("Planner: fixed targets")
struct FixedTargetPlanningTests {
    let origin = Fixture.table(
        "clients", indexes: [IndexSnapshot(name: "by-email", capacity: Capacity(read: 50, write: 50))])

    @Test("an absent target is created from a new backup, with the planned capacity and dbcopy's tags")
    func createsAbsentTarget() throws {
        let job = Fixture.job {
            $0.capacity = Capacity(read: 3, write: 3)
            $0.indexes = ["by-email": Capacity(read: 1, write: 1)]
            $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/dev/clients/table-arn"))
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin], absent: ["clients_restored"]))
        #expect(plan.errorMessages == [])
        #expect(
            plan.changeList == [
                "+ dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00",
                "+ dynamodb_table.clients_restored",
                "+ ssm_parameter./dev/clients/table-arn",
            ])
        let step = try #require(plan.restoreStep)
        #expect(step.source == .newBackup(name: "dbcopy-clients-to-dev-20261122-10-15-00"))
        #expect(step.billing == .provisioned)
        #expect(step.capacity == Capacity(read: 3, write: 3))
        #expect(step.indexes == ["by-email": Capacity(read: 1, write: 1)])
        #expect(step.replacing == nil)
        #expect(step.tags[OwnershipTag.job] == "clients-to-dev")
        #expect(step.tags[OwnershipTag.origin] == "clients")
        #expect(step.tags[OwnershipTag.createdAt] == "2026-11-22T10:15:00Z")
        let table = try #require(plan.change("dynamodb_table.clients_restored"))
        #expect(table.details.first == "billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1")
        let parameter = try #require(plan.change("ssm_parameter./dev/clients/table-arn"))
        #expect(parameter.reason == "value = \(Fixture.tableARN("clients_restored"))")
        #expect(plan.summary.add == 3 && plan.summary.change == 0 && plan.summary.destroy == 0)
        #expect(plan.applyable)
        let copy = try #require(plan.copies.first)
        #expect(copy.preconditions.contains(.absentTable("clients_restored", region: Fixture.region)))
        #expect(copy.preconditions.contains(.table(origin, region: Fixture.region)))
    }

    @Test("the backup line shows the origin's item count and size")
    func backupReasonShowsSize() throws {
        let plan = Fixture.plan([Fixture.job()], Fixture.snapshot(tables: [origin], absent: ["clients_restored"]))
        let backup = try #require(plan.allChanges.first)
        #expect(backup.reason == "backup of clients (1,204 items, 3.1 MB)")
    }

    @Test("a copy dbcopy made for this job is replaced after a safety backup; counted as in Terraform")
    func replacesOwnCopy() throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(24))
        let job = Fixture.job { $0.replace = .owned }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, target]))
        let change = try #require(plan.change("dynamodb_table.clients_restored"))
        #expect(change.action == .replace)
        #expect(change.refusal == nil)
        #expect(change.reason == "restore from the new backup; made by dbcopy on 2026-11-21")
        #expect(change.details.contains("safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first"))
        let step = try #require(plan.restoreStep)
        #expect(
            step.replacing
                == ReplacedTable(
                    arn: target.arn, createdAt: target.createdAt,
                    safetyBackupName: "dbcopy-clients-to-dev-replaced-20261122-10-15-00",
                    disableDeletionProtection: false, adopt: false))
        #expect(plan.summary.add == 3 && plan.summary.destroy == 1)
        #expect(plan.summary.replacements == ["dynamodb_table.clients_restored"])
    }

    @Test("backup_before_replace: false takes no safety backup")
    func noSafetyBackup() throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(24))
        let job = Fixture.job {
            $0.replace = .owned
            $0.backupBeforeReplace = false
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, target]))
        #expect(plan.restoreStep?.replacing?.safetyBackupName == nil)
        #expect(plan.summary.add == 2 && plan.summary.destroy == 1)
    }

    @Test("a copy younger than refresh is fresh: no copy, a note, and the SSM parameter still converges")
    func freshCopyIsNotRedone() throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(3))
        let job = Fixture.job {
            $0.replace = .owned
            $0.refresh = DurationValue.parse("24h")
            $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/dev/clients/table-name"), value: .name)
        }
        let stale = Fixture.plan(
            [job], Fixture.snapshot(tables: [origin, target], parameters: ["/dev/clients/table-name": "old"]))
        #expect(stale.changeList == ["~ ssm_parameter./dev/clients/table-name"])
        #expect(stale.copies.first?.notes == ["clients_restored is fresh: made 3h ago, refresh 24h"])
        let current = Fixture.plan(
            [job],
            Fixture.snapshot(tables: [origin, target], parameters: ["/dev/clients/table-name": "clients_restored"]))
        #expect(current.changeList == [])
        #expect(!current.summary.hasChanges)
    }

    @Test("a copy older than refresh is redone")
    func staleCopyIsRedone() {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(25))
        let job = Fixture.job {
            $0.replace = .owned
            $0.refresh = DurationValue.parse("24h")
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin, target]))
        #expect(plan.changeList.contains("-/+ dynamodb_table.clients_restored"))
    }

    @Test("a missing origin is an error naming the job, pointing at the origin key")
    func missingOrigin() {
        var job = Fixture.job()
        job.keyMarks["origin"] = SourceMark(file: "dbcopy.yaml", line: 4, column: 13)
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [], absent: ["clients", "clients_restored"]))
        #expect(plan.errorMessages == ["job \"clients-to-dev\": origin table clients does not exist in eu-west-1"])
        #expect(plan.errors.first?.mark?.line == 4)
        #expect(!plan.applyable)
    }

    @Test("a GSI override the origin lacks is an error listing the origin's indexes")
    func unknownIndex() {
        var job = Fixture.job { $0.indexes = ["by-phone": Capacity(read: 1, write: 1)] }
        job.keyMarks["indexes.by-phone"] = SourceMark(file: "dbcopy.yaml", line: 9, column: 7)
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [origin], absent: ["clients_restored"]))
        #expect(
            plan.errorMessages == [
                "job \"clients-to-dev\": index by-phone is not a global secondary index of clients (it has by-email)"
            ])
        #expect(plan.errors.first?.mark?.line == 9)
        #expect(plan.restoreStep == nil)
    }

    @Test("billing: provisioned from an on-demand origin needs capacity")
    func provisionedNeedsCapacity() {
        let onDemand = Fixture.table("clients", billing: .onDemand)
        let job = Fixture.job { $0.billing = .provisioned }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [onDemand], absent: ["clients_restored"]))
        #expect(
            plan.errorMessages == [
                "job \"clients-to-dev\": clients is on-demand; billing: provisioned needs capacity: {read, write}"
            ])
    }

    @Test("billing defaults to the origin's; capacity alone implies provisioned; GSIs default to the job's capacity")
    func billingDefaults() throws {
        let onDemand = Fixture.table("clients", billing: .onDemand, indexes: [IndexSnapshot(name: "by-email")])
        let asOrigin = Fixture.plan([Fixture.job()], Fixture.snapshot(tables: [onDemand], absent: ["clients_restored"]))
        #expect(asOrigin.restoreStep?.billing == .onDemand)
        #expect(asOrigin.restoreStep?.capacity == nil)
        let sized = Fixture.job { $0.capacity = Capacity(read: 2, write: 4) }
        let plan = Fixture.plan([sized], Fixture.snapshot(tables: [onDemand], absent: ["clients_restored"]))
        let step = try #require(plan.restoreStep)
        #expect(step.billing == .provisioned)
        #expect(step.indexes == ["by-email": Capacity(read: 2, write: 4)])
        let provisioned = Fixture.table(
            "clients", indexes: [IndexSnapshot(name: "by-email", capacity: Capacity(read: 9, write: 8))])
        let inherited = Fixture.plan(
            [Fixture.job()], Fixture.snapshot(tables: [provisioned], absent: ["clients_restored"]))
        #expect(inherited.restoreStep?.indexes == ["by-email": Capacity(read: 9, write: 8)])
        #expect(inherited.restoreStep?.capacity == Capacity(read: 50, write: 50))
    }

    @Test("tags: copied origin tags (never aws:* or dbcopy:*), then the job's tags, then dbcopy's own")
    func tagMerging() throws {
        let tagged = Fixture.table(
            "clients",
            tags: ["team": "data", "env": "production", "aws:cloudformation:stack-name": "x", "dbcopy:job": "y"])
        let job = Fixture.job {
            $0.copyTags = .all
            $0.tags = ["env": "dev"]
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [tagged], absent: ["clients_restored"]))
        let tags = try #require(plan.restoreStep?.tags)
        #expect(tags["team"] == "data")
        #expect(tags["env"] == "dev")
        #expect(tags["aws:cloudformation:stack-name"] == nil)
        #expect(tags["dbcopy:job"] == "clients-to-dev")
        let some = Fixture.job { $0.copyTags = .keys(["env"]) }
        let selected = Fixture.plan([some], Fixture.snapshot(tables: [tagged], absent: ["clients_restored"]))
        #expect(selected.restoreStep?.tags["team"] == nil)
        #expect(selected.restoreStep?.tags["env"] == "production")
    }

    @Test("ttl: copy enables the origin's TTL attribute; ttl: false does not; settings are passed through")
    func postRestoreSettings() throws {
        let withTTL = Fixture.table("clients", ttl: TTLSnapshot(status: "ENABLED", attributeName: "expires_at"))
        let job = Fixture.job {
            $0.pointInTimeRecovery = true
            $0.deletionProtection = true
            $0.tableClass = .standardInfrequentAccess
            $0.encryption = .awsManaged
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [withTTL], absent: ["clients_restored"]))
        let step = try #require(plan.restoreStep)
        #expect(step.ttlAttribute == "expires_at")
        #expect(step.pointInTimeRecovery == true)
        #expect(step.deletionProtection == true)
        #expect(step.tableClass == .standardInfrequentAccess)
        #expect(step.encryption == .awsManaged)
        let noTTL = Fixture.job { $0.ttl = .disabled }
        let plain = Fixture.plan([noTTL], Fixture.snapshot(tables: [withTTL], absent: ["clients_restored"]))
        #expect(plain.restoreStep?.ttlAttribute == nil)
    }
}
