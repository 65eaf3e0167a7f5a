import Foundation
import TestSupport
import Testing

/// DESIGN.md "How apply works": after a crash at any point, the next apply recognises its own
/// in-flight work and continues. A proxy makes backups, restores and deletes take seconds, as
/// in AWS; the apply is killed (SIGKILL: no chance to clean up) while one of them is under
/// way, and a second apply must reach the planned end state with nothing lost or left over.
@Suite("dbcopy apply: killed at any point, the next apply converges")
struct KillAndResumeTests {
    @Test("killed while its backup is CREATING: the next apply waits for that backup instead of making another")
    func killedDuringBackup() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy()
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        let plan = try await w.dbcopy(["plan"])
        #expect(plan.stdout.contains("(an interrupted run is still making it)"), "\(plan.stdout)\(plan.stderr)")
        #expect(!plan.stdout.contains("# dynamodb_backup."))

        try await expectResumed(w, flow, madeBefore: made)
        // The first apply's backup and the killed run's: no third one.
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("killed while the restore is in progress: the next apply finishes that restore")
    func killedDuringRestore() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy()
        defer { Task { await proxy.stop() } }

        try await applyKilled(w, when: "the restore is in progress") {
            try await proxy.stats().transitions["tables_creating", default: 0] > 0
        }
        let plan = try await w.dbcopy(["plan"])
        #expect(plan.stdout.contains("# dynamodb_table.\(flow.target) will be updated in-place"), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("finish the copy an interrupted run started"))

        try await expectResumed(w, flow, madeBefore: made)
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("killed after deleting the replaced copy, before restoring: the next apply restores")
    func killedBetweenDeleteAndRestore() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy()
        defer { Task { await proxy.stop() } }
        // Long enough for the next apply to find the table still DELETING, as it would in AWS.
        try await proxy.configure(.init(deleteSeconds: 5))

        try await applyKilled(w, when: "the replaced copy is deleted") {
            try await proxy.stats().deletes.contains { $0.operation == "DeleteTable" && $0.resource == flow.target }
        }
        let resumed = try await expectResumed(w, flow, madeBefore: made)
        #expect(resumed.contains("  # (\(flow.target) is being deleted; the restore waits until it is gone)\n"))
        #expect(resumed.contains("  + restore from backup dbcopy-\(flow.job)-"))
        let state = try await w.describe()
        #expect(state.backups(of: flow.origin).count == 2)
        // The killed run's safety backup of the copy it deleted is kept.
        #expect(state.backups(of: flow.target).count == 1)
    }

    @Test("killed while restoring a rotation's generations: the next apply finishes them, no extra generation")
    func killedDuringRotationRestore() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 2)))
        let first = try await w.dbcopy(["apply", "--auto-approve"])
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        let origins = try await w.describe(flow.origins)
        try await proxy.configure(slowControlPlane)
        try await waitForNextSecond()

        try await applyKilled(w, when: "a generation is being restored") {
            try await proxy.stats().transitions["tables_creating", default: 0] > 0
        }
        let resumed = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("finish the copy an interrupted run started"))

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
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        // A bounded wait: a run that waited for a table that never comes would fail, not hang the suite.
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 1, ["wait_timeout: 2m"])))
        let first = try await w.dbcopy(["apply", "--auto-approve"])
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        let oldest = Set(try await w.describe().allTables).subtracting(flow.origins)
        try await proxy.configure(.init(deleteSeconds: 5))
        try await waitForNextSecond()

        try await applyKilled(w, when: "an old generation is being deleted") {
            try await proxy.stats().deletes.contains { $0.operation == "DeleteTable" }
        }
        // The old generation stays DELETING for a while yet; the next prune need not be slow.
        try await proxy.configure(.init(deleteSeconds: 0))
        try await waitForNextSecond()
        let resumed = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains(" is being deleted)\n"))

        let tables = try await w.describe().allTables
        let state = try await w.describe(tables)
        for origin in flow.origins {
            let generations = flow.generations(of: origin, in: tables)
            try #require(generations.count == 1, "\(tables)")
            #expect(!oldest.contains(generations[0]))
            #expect(resumed.stdout.contains("# dynamodb_table.\(generations[0]) will be created"))
            #expect(state.table(generations[0])?.tags["dbcopy:job"] == flow.job)
            #expect(state.parameters[flow.parameter(origin)] == state.table(generations[0])?.arn)
        }
        #expect(tables.count == 4)
    }

    /// The fixed-target workflow's copy made once (fast), then the control plane slowed down so
    /// that the next apply's backup, restore and delete each take seconds; also the live state then.
    private func fixedTargetCopy() async throws -> (Workspace, AWSProxy, ClientsToDev, LiveAWS) {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let first = try await w.dbcopy(["apply", "--auto-approve"])
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        let made = try await w.describe([flow.origin, flow.target])
        try await proxy.configure(slowControlPlane)
        try await waitForNextSecond()
        return (w, proxy, flow, made)
    }
}

/// Backups, restores and deletes as slow as small ones are in AWS: long enough to stop an apply
/// in the middle of one.
let slowControlPlane = AWSProxy.Settings(backupSeconds: 2, restoreSeconds: 2, deleteSeconds: 2)

/// Starts `apply --auto-approve` and kills it (SIGKILL) as soon as `condition` holds.
func applyKilled(
    _ w: Workspace, when what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let run = try w.start(["apply", "--auto-approve"])
    try await eventually(what, condition)
    run.send(SIGKILL)
    let status = try await run.exitStatus()
    #expect(status == 128 + SIGKILL, "the apply ended before it was killed: \(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
}

/// The next apply succeeds and the fixed-target copy is as planned: a new copy (not the one made
/// before the kill) with all the origin's items, the job's capacity and tags, the parameter
/// pointing at it; the origin untouched and no table left over. Returns what the next apply printed.
@discardableResult
func expectResumed(
    _ w: Workspace, _ flow: ClientsToDev, madeBefore: LiveAWS, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> String {
    let resumed = try await w.dbcopy(["apply", "--auto-approve"])
    #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)", sourceLocation: sourceLocation)
    #expect(resumed.stdout.contains("Apply complete!"), sourceLocation: sourceLocation)
    let state = try await w.describe([flow.origin, flow.target])
    let copy = try #require(state.table(flow.target), sourceLocation: sourceLocation)
    #expect(copy.status == "ACTIVE", sourceLocation: sourceLocation)
    #expect(copy.items == ClientsToDev.items, sourceLocation: sourceLocation)
    #expect([copy.read, copy.write] == [3, 3], sourceLocation: sourceLocation)
    #expect(copy.indexes == ["by-email": [1, 1]], sourceLocation: sourceLocation)
    #expect(copy.ttl == "expires_at", sourceLocation: sourceLocation)
    #expect(copy.tags["dbcopy:job"] == flow.job, sourceLocation: sourceLocation)
    #expect(copy.tags["environment"] == "dev", sourceLocation: sourceLocation)
    let before = madeBefore.table(flow.target)?.tags["dbcopy:created-at"]
    #expect(copy.tags["dbcopy:created-at"] != before, "still the copy made before", sourceLocation: sourceLocation)
    #expect(state.parameters == [flow.parameter: copy.arn], sourceLocation: sourceLocation)
    #expect(state.table(flow.origin) == madeBefore.table(flow.origin), sourceLocation: sourceLocation)
    #expect(Set(state.allTables) == [flow.origin, flow.target], sourceLocation: sourceLocation)
    return resumed.stdout
}
