import DBCopyKit
import Foundation
import Testing

@Suite("Planner: rotations and match origins")
struct RotationPlanningTests {
    let orders = Fixture.table("orders-production")
    let users = Fixture.table("Users-Production")

    func stagingJob(keep: Int = 2, configure: (inout JobSpec) -> Void = { _ in }) -> JobSpec {
        Fixture.job(
            "orders-staging", origin: .match("(?i)-production$"),
            destination: .rotation(
                RotationSpec(naming: .pattern(regex: "(?i)-production$", replacement: "-staging"), keep: keep))
        ) {
            $0.source = .latestBackup
            $0.billing = .onDemand
            $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/staging/{origin}/table-arn"))
            configure(&$0)
        }
    }

    func backups() -> [BackupSnapshot] {
        [
            Fixture.backup("nightly-1", of: "orders-production", created: Fixture.hoursAgo(30), type: "SYSTEM"),
            Fixture.backup("nightly-2", of: "orders-production", created: Fixture.hoursAgo(6), type: "AWS_BACKUP"),
            Fixture.backup("in-progress", of: "orders-production", created: Fixture.hoursAgo(1), status: "CREATING"),
            Fixture.backup("users-1", of: "Users-Production", created: Fixture.hoursAgo(2)),
        ]
    }

    @Test("every matching origin gets a new timestamped generation from its newest AVAILABLE backup of any type")
    func newGenerations() throws {
        let plan = Fixture.plan(
            [stagingJob()], Fixture.snapshot(tables: [orders, users], backups: backups(), listTables: true))
        #expect(plan.errorMessages == [])
        #expect(plan.copies.map(\.target) == ["Users-staging-20261122-10-15-00", "orders-staging-20261122-10-15-00"])
        #expect(
            plan.changeList == [
                "+ dynamodb_table.Users-staging-20261122-10-15-00",
                "+ ssm_parameter./staging/Users-Production/table-arn",
                "+ dynamodb_table.orders-staging-20261122-10-15-00",
                "+ ssm_parameter./staging/orders-production/table-arn",
            ])
        let ordersCopy = try #require(plan.copies.last)
        guard case .restoreTable(let step) = ordersCopy.changes[0].operation else { Issue.record("no restore"); return }
        #expect(step.source == .backup(arn: backups()[1].arn, name: "nightly-2", inProgress: false))
        #expect(step.billing == .onDemand)
        #expect(ordersCopy.changes[0].reason == "restore from backup nightly-2 (made 2026-11-22 04:15 UTC)")
        #expect(ordersCopy.changes[1].reason == "value = \(Fixture.tableARN("orders-staging-20261122-10-15-00"))")
    }

    @Test("$0 in the replacement is the whole match")
    func wholeMatchReplacement() {
        let job = stagingJob {
            $0.destination = .rotation(
                RotationSpec(naming: .pattern(regex: "-production$", replacement: "$0-copy"), keep: 1))
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [orders], backups: backups(), listTables: true))
        #expect(plan.copies.map(\.target) == ["orders-production-copy-20261122-10-15-00"])
    }

    @Test("a name template with {origin}, {job} and {timestamp}")
    func templateNaming() {
        let job = stagingJob {
            $0.destination = .rotation(
                RotationSpec(naming: .template(NameTemplate(verbatim: "{origin}-{job}-{timestamp}")), keep: 1))
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [orders], backups: backups(), listTables: true))
        #expect(plan.copies.map(\.target) == ["orders-production-orders-staging-20261122-10-15-00"])
    }

    @Test("generations beyond keep are destroyed, the new one counting; look-alikes not made by dbcopy are left alone")
    func pruning() throws {
        let g1 = Fixture.copy(
            "orders-staging-20261101-00-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(500))
        let g2 = Fixture.copy(
            "orders-staging-20261110-00-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(300))
        let g3 = Fixture.copy(
            "orders-staging-20261120-00-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(50))
        let lookalike = Fixture.table("orders-staging-20261001-00-00-00")
        let plan = Fixture.plan(
            [stagingJob(keep: 2)],
            Fixture.snapshot(tables: [orders, g1, g2, g3, lookalike], backups: backups(), listTables: true))
        #expect(
            plan.changeList == [
                "+ dynamodb_table.orders-staging-20261122-10-15-00",
                "+ ssm_parameter./staging/orders-production/table-arn",
                "- dynamodb_table.orders-staging-20261110-00-00-00",
                "- dynamodb_table.orders-staging-20261101-00-00-00",
            ])
        #expect(
            plan.change("dynamodb_table.orders-staging-20261110-00-00-00")?.reason == "rotation: keeps the newest 2")
        #expect(
            plan.warningMessages == [
                "job \"orders-staging\": table orders-staging-20261001-00-00-00 is named like a generation but was not made by dbcopy; left alone"
            ])
        #expect(plan.summary.add == 2 && plan.summary.destroy == 2)
    }

    @Test("a protected or deletion-protected old generation is refused")
    func pruningSafeguards() {
        let g1 = Fixture.copy(
            "orders-staging-20261101-00-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(500),
            deletionProtection: true)
        let plan = Fixture.plan(
            [stagingJob(keep: 1)], Fixture.snapshot(tables: [orders, g1], backups: backups(), listTables: true))
        #expect(plan.changeList.last == "- dynamodb_table.orders-staging-20261101-00-00-00 REFUSED")
        #expect(!plan.applyable)
        let protectedPlan = Fixture.plan(
            [stagingJob(keep: 1)], Fixture.snapshot(tables: [orders, g1], backups: backups(), listTables: true),
            protect: ["orders-staging-2026110*"])
        #expect(protectedPlan.refusals.first?.refusal?.contains("protect pattern") == true)
    }

    @Test("with refresh, a fresh newest generation means no new one, but pruning still applies")
    func freshRotation() {
        let old = Fixture.copy(
            "orders-staging-20261101-00-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(500))
        let new = Fixture.copy(
            "orders-staging-20261122-08-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(2))
        let job = stagingJob(keep: 1) { $0.refresh = DurationValue.parse("12h") }
        let plan = Fixture.plan(
            [job],
            Fixture.snapshot(
                tables: [orders, old, new], backups: backups(),
                parameters: ["/staging/orders-production/table-arn": new.arn], listTables: true))
        #expect(plan.changeList == ["- dynamodb_table.orders-staging-20261101-00-00-00"])
        #expect(plan.copies.first?.target == new.name)
    }

    @Test("a match that finds nothing is a warning; a fixed target with a multi-table match is an error")
    func matchCardinality() {
        let none = Fixture.job("none", origin: .match("^nothing$"), destination: .table("x_copy"))
        let plan = Fixture.plan([none], Fixture.snapshot(tables: [orders], listTables: true))
        #expect(plan.warningMessages == ["job \"none\": origin pattern \"^nothing$\" matches no table in eu-west-1"])
        #expect(plan.errors.isEmpty)
        let many = Fixture.job("many", origin: .match("(?i)production"), destination: .table("x_copy"))
        let bad = Fixture.plan([many], Fixture.snapshot(tables: [orders, users], listTables: true))
        #expect(
            bad.errorMessages == [
                "job \"many\": origin pattern \"(?i)production\" matches 2 tables (Users-Production, orders-production) "
                    + "but target x_copy is one table; use rotation, or a pattern that matches one table"
            ])
    }

    @Test("two copies writing one SSM parameter is an error")
    func parameterConflict() {
        let job = stagingJob { $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/staging/table-arn")) }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [orders, users], backups: backups(), listTables: true))
        #expect(
            plan.errorMessages == [
                "job \"orders-staging\" (origin orders-production) and job \"orders-staging\" (origin Users-Production) "
                    + "would both write SSM parameter /staging/table-arn; use {origin} or {job} in ssm_parameter to tell them apart"
            ])
    }

    @Test("two origins of a match job making backups with one name is an error")
    func backupNameConflict() {
        let job = stagingJob { $0.source = .newBackup }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [orders, users], backups: backups(), listTables: true))
        #expect(
            plan.errorMessages.contains(
                "job \"orders-staging\" (origin orders-production) and job \"orders-staging\" (origin Users-Production) "
                    + "would both make a backup named dbcopy-orders-staging-20261122-10-15-00; use {origin} in backup_name "
                    + "to tell them apart"))
    }

    @Test("a generation name that a match pattern would copy again is refused")
    func generationMatchesOrigin() {
        let job = stagingJob(keep: 1) {
            $0.origin = .match("(?i)production")
            $0.destination = .rotation(
                RotationSpec(naming: .pattern(regex: "-production$", replacement: "$0-copy"), keep: 1))
        }
        let plan = Fixture.plan([job], Fixture.snapshot(tables: [orders], backups: backups(), listTables: true))
        #expect(plan.refusals.count == 1)
        #expect(
            plan.refusals.first?.refusal?.hasSuffix("is the origin of a job in this plan file: never a target") == true)
    }

    @Test("a rotation's plan records the generations it saw, with a pattern that matches exactly their names")
    func generationsPrecondition() throws {
        let old = Fixture.copy(
            "orders-staging-20261120-08-00-00", job: "orders-staging", origin: "orders-production",
            made: Fixture.hoursAgo(50))
        let plan = Fixture.plan(
            [stagingJob { $0.origin = .table("orders-production") }],
            Fixture.snapshot(tables: [orders, old], backups: backups(), listTables: true))
        let recorded = try #require(plan.copies.first?.preconditions.first { $0.kind == .generations })
        #expect(recorded.names == [old.name])
        let pattern = try PlanRegex(recorded.name)
        #expect(pattern.matches("orders-staging-20261122-10-15-00"))
        #expect(!pattern.matches("orders-staging-copy-20261122-10-15-00"))
        #expect(!pattern.matches("orders-production"))
    }
}
