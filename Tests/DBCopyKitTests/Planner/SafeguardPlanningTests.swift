import DBCopyKit
import Foundation
import Testing

/// Every delete safeguard, as the planner evaluates it: a change that would break one is shown
/// refused, and the plan as a whole is not applyable.
@Suite("Planner: safeguards")
struct SafeguardPlanningTests {
    let origin = Fixture.table("clients")

    private func targetChange(_ job: JobSpec, _ target: TableSnapshot, protect: [String] = [], others: [JobSpec] = [])
        throws -> ResourceChange
    {
        let plan = Fixture.plan(
            [job] + others, Fixture.snapshot(tables: [origin, target] + extraOrigins), protect: protect)
        let change = try #require(plan.change("dynamodb_table.\(target.name)"))
        #expect(plan.applyable == (change.refusal == nil))
        return change
    }

    private var extraOrigins: [TableSnapshot] { [Fixture.table("orders")] }

    @Test("rule 1: an existing target without replace is refused, and says how to allow it")
    func replaceFalse() throws {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30))
        let change = try targetChange(Fixture.job(), target)
        #expect(
            change.refusal
                == "table clients_restored exists and replace is false; set replace: true to let this job replace "
                + "copies it made, or replace: adopt to take over a table dbcopy did not make")
    }

    @Test("rule 2: a table dbcopy did not make is refused with replace: true, replaced with replace: adopt")
    func unmanagedTarget() throws {
        let foreign = Fixture.table("clients_restored")
        let refused = try targetChange(Fixture.job { $0.replace = .owned }, foreign)
        #expect(
            refused.refusal
                == "table clients_restored was not made by dbcopy (no dbcopy:job tag); set replace: adopt to let job "
                + "\"clients-to-dev\" take it over")
        #expect(refused.reason == "restore from the new backup; clients_restored was not made by dbcopy")
        let adopted = try targetChange(Fixture.job { $0.replace = .adopt }, foreign)
        #expect(adopted.refusal == nil)
        #expect(adopted.reason.hasSuffix("; adopts clients_restored, which dbcopy did not make (replace: adopt)"))
        guard case .restoreTable(let step) = adopted.operation else { Issue.record("not a restore"); return }
        #expect(step.replacing?.adopt == true)
    }

    @Test("rule 2: a table another dbcopy job made is refused, even with adopt")
    func otherJobsTable() throws {
        let theirs = Fixture.copy(
            "clients_restored", job: "someone-else", origin: "clients", made: Fixture.hoursAgo(30))
        let change = try targetChange(Fixture.job { $0.replace = .adopt }, theirs)
        #expect(
            change.refusal
                == "table clients_restored belongs to dbcopy job \"someone-else\" (tag dbcopy:job), not \"clients-to-dev\""
        )
        #expect(change.reason == "restore from the new backup; made by dbcopy job \"someone-else\"")
    }

    @Test("rule 3: a target matching protect is refused")
    func protectedTarget() throws {
        let target = Fixture.copy("clients-prod", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30))
        let job = Fixture.job(destination: .table("clients-prod")) { $0.replace = .owned }
        let change = try targetChange(job, target, protect: ["*-prod"])
        #expect(change.refusal == "table clients-prod matches protect pattern \"*-prod\"")
    }

    @Test("rule 3: a target that is another job's origin is refused")
    func targetIsAnOrigin() throws {
        let target = Fixture.copy("orders", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30))
        let job = Fixture.job(destination: .table("orders")) { $0.replace = .owned }
        let other = Fixture.job("orders-copy", origin: .table("orders"), destination: .table("orders_copy"))
        let plan = Fixture.plan([job, other], Fixture.snapshot(tables: [origin, target], absent: ["orders_copy"]))
        #expect(
            plan.change("dynamodb_table.orders")?.refusal == "table orders is the origin of a job in this plan file")
        #expect(!plan.applyable)
    }

    @Test("rule 3: a new target named like a protected table is refused even though nothing is deleted")
    func protectedNewTarget() throws {
        let job = Fixture.job(destination: .table("clients-prod"))
        let plan = Fixture.plan(
            [job], Fixture.snapshot(tables: [origin], absent: ["clients-prod"]), protect: ["*-prod"])
        #expect(
            plan.change("dynamodb_table.clients-prod")?.refusal
                == "clients-prod matches protect pattern \"*-prod\": never a target")
    }

    @Test("rule 4: deletion protection refuses, unless this job's own deletion_protection: true turned it on")
    func deletionProtection() throws {
        let protected = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30),
            deletionProtection: true)
        let refused = try targetChange(Fixture.job { $0.replace = .owned }, protected)
        #expect(
            refused.refusal
                == "table clients_restored has deletion protection on, and not by this job's deletion_protection: true")
        let allowed = try targetChange(
            Fixture.job {
                $0.replace = .owned
                $0.deletionProtection = true
            }, protected)
        #expect(allowed.refusal == nil)
        #expect(allowed.details.contains("deletion protection turned off first (this job turned it on)"))
        guard case .restoreTable(let step) = allowed.operation else { Issue.record("not a restore"); return }
        #expect(step.replacing?.disableDeletionProtection == true)
    }

    @Test("rule 4: deletion protection on an adopted table refuses even with deletion_protection: true")
    func adoptedDeletionProtection() throws {
        let foreign = Fixture.table("clients_restored", deletionProtection: true)
        let change = try targetChange(
            Fixture.job {
                $0.replace = .adopt
                $0.deletionProtection = true
            }, foreign)
        #expect(change.refusal?.contains("deletion protection on") == true)
    }

    @Test("an existing target that is not ACTIVE is an error, not a refusal")
    func targetNotActive() {
        let target = Fixture.copy(
            "clients_restored", job: "clients-to-dev", origin: "clients", made: Fixture.hoursAgo(30))
        var updating = target
        updating.status = "UPDATING"
        let plan = Fixture.plan([Fixture.job { $0.replace = .owned }], Fixture.snapshot(tables: [origin, updating]))
        #expect(
            plan.errorMessages == [
                "job \"clients-to-dev\": target table clients_restored is UPDATING; plan again once it is ACTIVE"
            ])
    }

    @Test("the safeguard function itself: protect first, then origin, owner, deletion protection")
    func safeguardOrder() {
        let context = SafeguardContext(protect: ["*-prod"], origins: ["clients"], originPatterns: ["(?i)-production$"])
        func refusal(_ name: String, owner: String? = "job", protection: Bool = false) -> String? {
            Safeguards.refusal(
                for: DeletionCandidate(
                    kind: .table, name: name, job: "job", owner: owner, deletionProtection: protection),
                in: context)
        }
        #expect(refusal("a-prod")?.contains("protect pattern") == true)
        #expect(refusal("clients")?.contains("origin") == true)
        #expect(refusal("Orders-PRODUCTION")?.contains("origin") == true)
        #expect(refusal("copy", owner: nil)?.contains("not made by dbcopy") == true)
        #expect(refusal("copy", protection: true)?.contains("deletion protection") == true)
        #expect(refusal("copy") == nil)
        let backup = DeletionCandidate(kind: .backup, name: "x-backup", job: "job", owner: "other")
        #expect(Safeguards.refusal(for: backup, in: context)?.contains("backup_name template") == true)
    }
}
