import Foundation
import TestSupport
import Testing

/// Kill-and-resume tests need an apply stopped in the middle of a backup, a restore or a delete,
/// and the next apply found still waiting for it, however loaded the machine is. The proxy holds
/// one kind of transition (`held`: it would last ten minutes) and keeps the others quick; the
/// test ends the held one with `resetState()` once it has seen what it wanted.
enum HeldTransition {
    case backup, restore, delete

    /// This transition held, the others short (half a second: still waited for, as in AWS).
    var settings: AWSProxy.Settings {
        AWSProxy.Settings(
            backupSeconds: self == .backup ? 600 : 0.5, restoreSeconds: self == .restore ? 600 : 0.5,
            deleteSeconds: self == .delete ? 600 : 0.5)
    }

    /// Nothing held: what the rest of a test runs with once it released the held transition.
    static let quick = AWSProxy.Settings(backupSeconds: 0.5, restoreSeconds: 0.5, deleteSeconds: 0.5)
}

/// Starts `apply --auto-approve` and kills it (SIGKILL) as soon as `condition` holds.
func applyKilled(
    _ w: Workspace, when what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let run = try w.start(["apply", "--auto-approve"])
    try await eventually(what) { try await condition() || !run.isRunning }
    run.send(SIGKILL)
    let status = try await run.exitStatus()
    #expect(
        status == 128 + SIGKILL, "ended before it was killed: \(run.stdout)\(run.stderr)",
        sourceLocation: sourceLocation)
}

/// Runs the next apply, which must wait for what the killed run left under way: once its
/// progress shows `waiting for RESOURCE: STATUS` matching `waitingFor`, the held transition is
/// ended and the rest runs quick. Returns what it printed, having checked that it succeeded.
func applyResumed(
    _ w: Workspace, _ proxy: AWSProxy, waitingFor pattern: String, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> String {
    let run = try w.start(["apply", "--auto-approve"])
    let waiting = try Regex("waiting for \(pattern)")
    try await eventually("the next apply to wait for \(pattern)") { run.stdout.contains(waiting) || !run.isRunning }
    #expect(run.stdout.contains(waiting), "\(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
    try await proxy.configure(HeldTransition.quick)
    try await proxy.resetState()
    let status = try await run.exitStatus()
    #expect(status == 0, "\(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.stdout.contains("Apply complete!"), sourceLocation: sourceLocation)
    return run.stdout
}

/// The fixed-target copy is as planned after a resumed apply: a new copy (not the one made before
/// the interruption) with all the origin's items, the job's capacity and tags, the parameter
/// pointing at it; the origin untouched and no table left over.
func expectConverged(
    _ w: Workspace, _ flow: ClientsToDev, madeBefore: LiveAWS, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
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
}

/// The fixed-target workflow's copy made once (quickly), then the proxy set to hold `held`; also
/// the live state after that first copy.
func fixedTargetCopy(holding held: HeldTransition) async throws -> (Workspace, AWSProxy, ClientsToDev, LiveAWS) {
    let proxy = try await AWSProxy.start(settings: .transparent)
    let w = try await Workspace.make(proxy: proxy)
    let flow = ClientsToDev(prefix: w.prefix)
    try await w.seed(flow.seeds)
    // A bounded wait: a run that waited for something that never comes fails instead of hanging CI.
    try w.write(planFile(w.prefix, jobs: flow.job(["wait_timeout: 5m"])))
    try await w.applied()
    let made = try await w.describe([flow.origin, flow.target])
    try await proxy.configure(held.settings)
    try await proxy.resetStats()
    try await waitForNextSecond()
    return (w, proxy, flow, made)
}

extension AWSProxy.Stats {
    /// Deletes of tables, backups and parameters: all but apply's own leases (`/dbcopy/leases/…`,
    /// released when a copy ends), which are bookkeeping, not anything a plan hands over.
    var dataDeletes: [Delete] { deletes.filter { !$0.resource.hasPrefix("/dbcopy/leases/") } }
}
