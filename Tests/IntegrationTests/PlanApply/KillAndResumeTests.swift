import Foundation
import TestSupport
import Testing

/// DESIGN.md "How apply works": after a crash at any point, the next apply recognises its own
/// in-flight work and continues. The proxy makes a backup, a restore or a delete last until the
/// test releases it (`HeldTransition`); the apply is killed (SIGKILL: no chance to clean up)
/// while it is under way, and the next apply must pick it up and reach the planned end state
/// with nothing lost, duplicated or left over.
@Suite("dbcopy apply: killed at any point, the next apply converges")
struct KillAndResumeTests {
    @Test("killed while its backup is CREATING: the next apply waits for that backup instead of making another")
    func killedDuringBackup() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        let plan = try await w.dbcopy(["plan"])
        #expect(plan.stdout.contains("(an interrupted run is still making it)"), "\(plan.stdout)\(plan.stderr)")
        #expect(!plan.stdout.contains("# dynamodb_backup."))

        _ = try await applyResumed(w, proxy, waitingFor: "dbcopy-\(flow.job)-\(timestampPattern): CREATING")
        try await expectConverged(w, flow, madeBefore: made)
        // The first apply's backup and the killed run's: no third one.
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test(
        "killed while the safety backup of the replaced copy is CREATING: the next apply waits for it, makes no other")
    func killedDuringSafetyBackup() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the safety backup is CREATING") {
            let stats = try await proxy.stats()
            // The origin's backup is let go at once; the second backup, the safety one, is held.
            if stats.calls("CreateBackup", outcome: "ok") == 1, stats.transitions["backups_creating", default: 0] > 0 {
                try await proxy.resetState()
            }
            return stats.calls("CreateBackup", outcome: "ok") == 2
                && stats.transitions["backups_creating", default: 0] > 0
        }
        let safety = try Regex("dbcopy-\(flow.job)-replaced-\(timestampPattern)")
        let killedRun = try await w.describe().backups(of: flow.target)
        #expect(killedRun.count == 1 && killedRun[0].name.wholeMatch(of: safety) != nil, "\(killedRun)")
        let plan = try await w.dbcopy(["plan"])
        #expect(
            plan.stdout.contains("safety backup \(killedRun[0].name) first (an interrupted run made it)"),
            "\(plan.stdout)\(plan.stderr)")

        _ = try await applyResumed(w, proxy, waitingFor: "dbcopy-\(flow.job)-replaced-\(timestampPattern): CREATING")
        try await expectConverged(w, flow, madeBefore: made)
        #expect(try await w.describe().backupNames(of: flow.target) == [killedRun[0].name], "no second safety backup")
    }

    @Test("killed while the restore is in progress: the next apply finishes that restore")
    func killedDuringRestore() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .restore)
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the restore is in progress") {
            try await proxy.stats().transitions["tables_creating", default: 0] > 0
        }
        let plan = try await w.dbcopy(["plan"])
        #expect(
            plan.stdout.contains("# dynamodb_table.\(flow.target) will be updated in-place"),
            "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("finish the copy an interrupted run started (still CREATING)"))

        _ = try await applyResumed(w, proxy, waitingFor: "\(flow.target): CREATING")
        try await expectConverged(w, flow, madeBefore: made)
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("killed after deleting the replaced copy, before restoring: the next apply restores once the name is free")
    func killedBetweenDeleteAndRestore() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .delete)
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the replaced copy is deleted") {
            try await proxy.stats().deletes.contains { $0.operation == "DeleteTable" && $0.resource == flow.target }
        }
        // Waiting for the name to be free: the table DELETING, or the restore answered TableInUseException.
        let resumed = try await applyResumed(
            w, proxy, waitingFor: "(the restore of )?\(flow.target): (DELETING|TableInUseException)")
        #expect(resumed.contains("  # (\(flow.target) is being deleted; the restore waits until it is gone)\n"))
        #expect(resumed.contains("  + restore from backup dbcopy-\(flow.job)-"))
        try await expectConverged(w, flow, madeBefore: made)
        let state = try await w.describe()
        #expect(state.backups(of: flow.origin).count == 2)
        // The killed run's safety backup of the copy it deleted is kept.
        #expect(state.backups(of: flow.target).count == 1)
    }

    @Test("killed while restoring a rotation's generations: the next apply finishes them, no extra generation")
    func killedDuringRotationRestore() async throws {
        let (w, proxy, flow, origins) = try await rotationCopy(holding: .restore)
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "a generation is being restored") {
            try await proxy.stats().transitions["tables_creating", default: 0] > 0
        }
        let resumed = try await applyResumed(
            w, proxy, waitingFor: "\(w.prefix)-[a-z]+-staging-\(timestampPattern): CREATING")
        #expect(resumed.contains("finish the copy an interrupted run started"))

        let tables = try await w.describe().allTables
        let state = try await w.describe(tables)
        for origin in flow.origins {
            let generations = flow.generations(of: origin, in: tables)
            #expect(generations.count == 2, "\(tables)")
            for generation in generations {
                let copy = state.table(generation)
                #expect(copy?.items == origins.table(origin)?.items)
                #expect(copy?.tags["dbcopy:job"] == flow.job)
                #expect(copy?.billing == "PAY_PER_REQUEST")
            }
            #expect(state.parameters[flow.parameter(origin)] == generations.last.flatMap { state.table($0)?.arn })
            #expect(state.table(origin) == origins.table(origin))
        }
        #expect(tables.count == 6)
    }

    @Test("killed while pruning an old generation: the next apply leaves it to go and keeps the rest right")
    func killedDuringPrune() async throws {
        let (w, proxy, flow, _) = try await rotationCopy(holding: .delete, keep: 1)
        defer { Task { await proxy.stop() } }
        let oldest = Set(try await w.describe().allTables).subtracting(flow.origins)

        try await applyKilled(w, when: "an old generation is being deleted") {
            try await proxy.stats().deletes.contains { $0.operation == "DeleteTable" }
        }
        // The old generation stays DELETING; this apply does not wait for it.
        try await proxy.configure(HeldTransition.quick)
        try await waitForNextSecond()
        let resumed = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains(try Regex(" is being deleted\\)\n")))
        try await proxy.resetState()

        let tables = try await w.describe().allTables
        let state = try await w.describe(tables)
        for origin in flow.origins {
            let generations = flow.generations(of: origin, in: tables)
            try #require(generations.count == 1, "\(tables)")
            #expect(!oldest.contains(generations[0]))
            // The kill lands on the first prune; the other origin's copy may still have been
            // converging then, and is finished rather than made.
            #expect(
                resumed.stdout.contains("# dynamodb_table.\(generations[0]) will be created")
                    || resumed.stdout.contains("# dynamodb_table.\(generations[0]) will be updated in-place"))
            #expect(state.table(generations[0])?.tags["dbcopy:job"] == flow.job)
            #expect(state.parameters[flow.parameter(origin)] == state.table(generations[0])?.arn)
        }
        #expect(tables.count == 4)
    }

    /// The rotation workflow applied once (quickly), then the proxy set to hold `held`; also the
    /// origins as they were.
    private func rotationCopy(holding held: HeldTransition, keep: Int = 2) async throws
        -> (Workspace, AWSProxy, ProductionToStaging, LiveAWS)
    {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: keep, ["wait_timeout: 5m"])))
        try await w.applied()
        let origins = try await w.describe(flow.origins)
        try await proxy.configure(held.settings)
        try await waitForNextSecond()
        return (w, proxy, flow, origins)
    }
}
