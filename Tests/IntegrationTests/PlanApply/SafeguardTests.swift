import Foundation
import TestSupport
import Testing

/// DESIGN.md "Safeguards", rules 2–4, as a user meets them: `plan` shows the change refused and
/// exits 3, `apply` exits 3 and changes nothing at all (not even the parts of the plan that
/// were allowed). dbcopy talks through a transparent proxy whose delete log proves that no
/// delete reached AWS.
@Suite("dbcopy apply: safeguards refuse, and nothing is deleted")
struct SafeguardTests {
    @Test("an existing table dbcopy did not make, with replace: true, is refused; replace: adopt takes it over once")
    func unmanagedTarget() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds + [TableSeed(name: flow.target, items: 3, tags: ["owner": "alice"])])
        try w.write(planFile(w.prefix, jobs: flow.job(replace: "true")))
        let before = try await w.describe([flow.target])

        let refused = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(refused.status == 3)
        #expect(refused.stdout.contains("  ! refused: table \(flow.target) was not made by dbcopy (no dbcopy:job tag)"))
        #expect(refused.stderr.contains("a safeguard refused 1 change(s); apply does nothing"))
        try await expectUnchanged(w, proxy, since: before, tables: [flow.target])

        try w.write(planFile(w.prefix, jobs: flow.job(replace: "adopt")))
        let plan = try await w.dbcopy(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("; adopts \(flow.target), which dbcopy did not make (replace: adopt)\n"))
        let adopted = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(adopted.status == 0, "\(adopted.stdout)\(adopted.stderr)")
        let state = try await w.describe([flow.target])
        let copy = try #require(state.table(flow.target))
        #expect(copy.items == ClientsToDev.items)
        #expect(copy.tags["dbcopy:job"] == flow.job)
        #expect(copy.tags["owner"] == nil)
        // The table it replaced was backed up first.
        #expect(state.backups(of: flow.target).map(\.name).allSatisfy { $0.hasPrefix("dbcopy-\(flow.job)-replaced-") })
        #expect(state.backups(of: flow.target).count == 1)

        // Adopted once: from now on it is the job's own copy.
        let next = try await w.dbcopy(["plan"])
        #expect(next.stdout.contains("; made by dbcopy on "))
        #expect(!next.stdout.contains("adopts"))
    }

    @Test("deletion protection turned on by someone else is refused; the job's own deletion_protection: true is not")
    func deletionProtection() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        try await w.applied()
        try await w.aws("dynamodb", "update_table", ["TableName": flow.target, "DeletionProtectionEnabled": true])
        let before = try await w.describe([flow.target])
        try await proxy.resetStats()
        try await waitForNextSecond()

        let refused = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(refused.status == 3)
        #expect(
            refused.stdout.contains(
                "  ! refused: table \(flow.target) has deletion protection on, and not by this job's deletion_protection: true\n"
            ))
        try await expectUnchanged(w, proxy, since: before, tables: [flow.target])

        // The job asks for deletion protection itself: it may turn it off to replace its own copy.
        try w.write(planFile(w.prefix, jobs: flow.job(["deletion_protection: true"])))
        let replaced = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(replaced.status == 0, "\(replaced.stdout)\(replaced.stderr)")
        #expect(replaced.stdout.contains("      deletion protection turned off first (this job turned it on)\n"))
        #expect(try await proxy.stats().dataDeletes.map(\.resource) == [flow.target])
        let copy = try #require(try await w.describe([flow.target]).table(flow.target))
        #expect(copy.deletionProtection)
        #expect(copy.items == ClientsToDev.items)
        #expect(copy.tags["dbcopy:created-at"] != before.table(flow.target)?.tags["dbcopy:created-at"])
    }

    @Test("a generation matching protect is never deleted nor made; the whole plan waits, other origins too")
    func protectedPattern() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 1)))
        try await w.applied()
        let before = try await w.describe()
        try await proxy.resetStats()
        try await waitForNextSecond()

        let glob = "\(w.prefix)-orders-staging-*"
        try w.write(planFile(w.prefix, protect: ["\(w.prefix)-*-production", glob], jobs: flow.job(keep: 1)))
        let plan = try await w.dbcopy(["plan"])
        #expect(plan.status == 3)
        let oldOrders = try #require(flow.generations(of: flow.orders, in: before.allTables).first)
        #expect(plan.stdout.contains("  ! refused: table \(oldOrders) matches protect pattern \"\(glob)\"\n"))
        #expect(
            plan.stdout.contains(
                try Regex("  ! refused: \(w.prefix)-orders-staging-\(timestampPattern) matches protect")))

        let apply = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(apply.status == 3)
        try await expectUnchanged(w, proxy, since: before, tables: [])
    }

    @Test("a generation that another job copies from (its match origin) is never deleted nor made")
    func anotherJobsOrigin() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 1)))
        try await w.applied()
        let before = try await w.describe()
        try await proxy.resetStats()
        try await waitForNextSecond()

        let reader =
            "  - name: \(w.prefix)-reader\n    origin: {match: \"^\(w.prefix)-orders-staging-\"}\n"
            + "    target: \(w.prefix)-reader-copy\n"
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 1), reader))
        let apply = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(apply.status == 3)
        let oldOrders = try #require(flow.generations(of: flow.orders, in: before.allTables).first)
        #expect(apply.stdout.contains("  ! refused: table \(oldOrders) is the origin of a job in this plan file\n"))
        #expect(apply.stdout.contains(" is the origin of a job in this plan file: never a target\n"))
        try await expectUnchanged(w, proxy, since: before, tables: [])
    }
}

/// Nothing was deleted (the proxy saw no delete but of apply's own leases), and the workspace's tables, backups and
/// parameters are as they were; `tables` are also compared in full (items, capacity, tags…).
func expectUnchanged(
    _ w: Workspace, _ proxy: AWSProxy, since before: LiveAWS, tables: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    #expect(try await proxy.stats().dataDeletes.isEmpty, sourceLocation: sourceLocation)
    let after = try await w.describe(tables)
    #expect(after.allTables.sorted() == before.allTables.sorted(), sourceLocation: sourceLocation)
    #expect(after.backups.map(\.arn).sorted() == before.backups.map(\.arn).sorted(), sourceLocation: sourceLocation)
    #expect(after.parameters == before.parameters, sourceLocation: sourceLocation)
    for table in tables {
        #expect(after.table(table) == before.table(table), "\(table)", sourceLocation: sourceLocation)
    }
}
