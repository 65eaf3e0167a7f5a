import DBCopyKit
import Foundation
import TestSupport
import Testing

extension Workspace {
    /// Every table of the workspace described in full, with its backups and parameters.
    func describeAll() async throws -> LiveAWS {
        try await describe(try await describe().allTables)
    }
}

/// One `apply --auto-approve` through a faulty proxy, held to the reliability suite's bar: that
/// single run exits 0 (a failed run that a second apply would finish does not count), the
/// workspace ends exactly as its plan says, and the only deletes that reached AWS are ones
/// the plan listed (and the run's own leases), each once. Returns the plan and the state after.
@discardableResult
func expectFaultyApplySucceeds(
    _ w: Workspace, _ proxy: AWSProxy, _ label: String, _ seed: FaultSeed, extra: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> (plan: Plan, after: LiveAWS) {
    let context = "\(label), \(seed)"
    print("reliability: \(context)")
    let before = try await w.describeAll()
    try await proxy.resetStats()
    let (result, output) = try await w.applyJSON(extra)
    let stats = try await proxy.stats()
    print("reliability: \(label): \(stats.totalCalls) calls, outcomes \(stats.outcomes.filter { $0.value > 0 })")
    #expect(result.status == 0, "\(context)\n\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
    let plan = try #require(
        output.plan, "\(context): no plan printed\n\(result.stderr)", sourceLocation: sourceLocation)
    // The faults really happened: otherwise the run proves nothing.
    #expect(stats.outcomes["throttled", default: 0] > 0, "\(context)", sourceLocation: sourceLocation)
    let unplanned = PlannedDeletes([plan]).unplanned(stats.deletes)
    #expect(
        unplanned.isEmpty, "deletes the plan did not list: \(unplanned); \(context)", sourceLocation: sourceLocation)
    let after = try await w.describeAll()
    expectPlannedState(after, from: before, plan: plan, context, sourceLocation: sourceLocation)
    return (plan, after)
}
