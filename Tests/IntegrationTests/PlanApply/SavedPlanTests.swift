import Foundation
import TestSupport
import Testing

/// `dbcopy plan --out SAVED` then `dbcopy apply SAVED`: the reviewed plan runs as it was
/// reviewed, without a prompt, or not at all when live state moved since ("Saved plan is stale").
@Suite("dbcopy apply SAVED")
struct SavedPlanTests {
    @Test("applies exactly the saved actions (the generation named when planned), without a prompt")
    func appliesSavedPlan() async throws {
        let w = try await Workspace.make()
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let planned = try await w.dbcopy(["plan", "--out", "saved.json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let names = flow.origins.compactMap { origin in
            planned.stdout.firstMatch(of: try! Regex("\(flow.generationPrefix(origin))\(timestampPattern)")).map {
                String(planned.stdout[$0.range])
            }
        }
        try #require(names.count == 2)
        // A plan made now would name new generations after this second, not the saved plan's.
        try await waitForNextSecond()

        let narrowed = try await w.dbcopy(["apply", "saved.json", "--job", flow.job])
        #expect(narrowed.status == 1)
        #expect(narrowed.stderr.contains("--job cannot narrow a saved plan"))

        let result = try await w.dbcopy(["apply", "saved.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("Do you want to perform these actions?"))
        #expect(result.stdout.hasSuffix("\nApply complete! Resources: 4 added, 0 changed, 0 destroyed.\n"))
        let state = try await w.describe(names)
        #expect(state.allTables.sorted() == (flow.origins + names).sorted())
        for (origin, name) in zip(flow.origins, names) {
            #expect(
                state.table(name)?.items == ProductionToStaging.items[origin.contains("-orders-") ? "orders" : "users"])
            #expect(state.parameters[flow.parameter(origin)] == state.table(name)?.arn)
        }
    }

    @Test("the target deleted since the plan: stale, exit 1, nothing changed")
    func targetDeleted() async throws {
        let (w, proxy, flow, _) = try await savedReplacement()
        defer { Task { await proxy.stop() } }
        try await w.aws("dynamodb", "delete_table", ["TableName": flow.target])
        let before = try await w.describe()

        let result = try await w.dbcopy(["apply", "saved.json"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Error: Saved plan is stale: planned with table \(flow.target) in eu-west-1 (ACTIVE, created "))
        #expect(result.stderr.contains("; now absent\n"))
        #expect(result.stderr.contains("Nothing was changed. Run `dbcopy plan --out` again"))
        try await expectUnchanged(w, proxy, since: before, tables: [])
    }

    @Test("the target deleted and made again by hand since the plan: stale, and the new table is left alone")
    func targetRecreated() async throws {
        let (w, proxy, flow, madeAt) = try await savedReplacement()
        defer { Task { await proxy.stop() } }
        try await w.aws("dynamodb", "delete_table", ["TableName": flow.target])
        // DynamoDB keeps a table's ARN when it is made again; only its creation time tells them apart,
        // and real deletes take seconds. Make sure the new one is not created within the same second.
        while Date().timeIntervalSince(madeAt) < 1.5 { try await Task.sleep(nanoseconds: 100_000_000) }
        try await w.seed([TableSeed(name: flow.target, items: 2, tags: ["owner": "alice"])])
        let before = try await w.describe([flow.target])

        let result = try await w.dbcopy(["apply", "saved.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: Saved plan is stale: planned with table \(flow.target) in eu-west-1"))
        #expect(result.stderr.contains("; now ACTIVE, created "))
        try await expectUnchanged(w, proxy, since: before, tables: [flow.target])
    }

    @Test("the backup a plan restores from deleted since the plan: stale, exit 1, nothing changed")
    func backupDeleted() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let planned = try await w.dbcopy(["plan", "--out", "saved.json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let backup = try #require(try await w.describe().backups(of: flow.orders).first)
        try await w.aws("dynamodb", "delete_backup", ["BackupArn": backup.arn])
        let before = try await w.describe()

        let result = try await w.dbcopy(["apply", "saved.json"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Error: Saved plan is stale: planned with backup \(backup.arn) in eu-west-1 (AVAILABLE"))
        #expect(result.stderr.contains("; now absent\n"))
        try await expectUnchanged(w, proxy, since: before, tables: [])
    }

    @Test("safeguards are checked again before the delete: protection turned on since the plan is refused")
    func safeguardsRecheckedOnFreshState() async throws {
        let (w, proxy, flow, _) = try await savedReplacement()
        defer { Task { await proxy.stop() } }
        // Deletion protection is no precondition of the saved plan: the executor's own check catches it.
        try await w.aws("dynamodb", "update_table", ["TableName": flow.target, "DeletionProtectionEnabled": true])
        let before = try await w.describe([flow.target])

        let result = try await w.dbcopy(["apply", "saved.json"])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("refused by a safeguard: table \(flow.target) has deletion protection on"))
        #expect(try await proxy.stats().dataDeletes.isEmpty)
        #expect(try await w.describe([flow.target]).table(flow.target) == before.table(flow.target))
    }

    /// A workspace with the fixed-target copy made (through a transparent proxy) and a saved plan
    /// to replace it in `saved.json`; also when the copy was made.
    private func savedReplacement() async throws -> (Workspace, AWSProxy, ClientsToDev, Date) {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        try await w.applied()
        let madeAt = Date()
        try await waitForNextSecond()
        let planned = try await w.dbcopy(["plan", "--out", "saved.json"])
        try #require(planned.status == 0, "\(planned.stderr)")
        try #require(planned.stdout.contains("# dynamodb_table.\(flow.target) will be replaced"))
        try await proxy.resetStats()
        return (w, proxy, flow, madeAt)
    }
}
