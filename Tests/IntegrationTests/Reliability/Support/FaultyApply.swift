import DBCopyKit
import Foundation
import TestSupport
import Testing

/// The seed of a reliability test's fault sequence: fixed per test so that a failure can be
/// run again, and overridable to explore others (`DBCOPY_RELIABILITY_SEED=99 swift test
/// --skip-build --filter Reliability`). Every test prints the seed it runs with, and puts it in
/// its failure messages.
///
/// The proxy's dice give the same sequence of faults for the same seed. dbcopy makes calls
/// concurrently, so which call meets which fault also depends on timing: a seed makes a run
/// likely, not certain, to fail the same way again.
struct FaultSeed: CustomStringConvertible, Sendable {
    let value: Int

    init(_ fixed: Int) {
        let override = ProcessInfo.processInfo.environment["DBCOPY_RELIABILITY_SEED"].flatMap { Int($0) }
        value = override ?? fixed
    }

    var description: String { "fault seed \(value) (rerun: DBCOPY_RELIABILITY_SEED=\(value))" }

    /// The network: 20% of calls throttled, 5% answered with a 500, 2% of connections
    /// dropped (half of those after AWS did the work), on every operation. Transitions are slow
    /// enough (up to about a second) that dbcopy polls them and meets `ResourceInUseException`,
    /// `TableInUseException` and `BackupInUseException` while they last, as in AWS.
    var faults: AWSProxy.Settings {
        AWSProxy.Settings(
            latencyMs: 0, throttleRate: 0.2, errorRate: 0.05, dropRate: 0.02, dropAfterShare: 0.5, seed: value,
            faultOperations: [], backupSeconds: 0.6, restoreSeconds: 1.0, deleteSeconds: 0.5, updateSeconds: 0.3)
    }

    /// A seeded random number generator for the choices a test makes (kill moments).
    var generator: SplitMix64 { SplitMix64(seed: UInt64(truncatingIfNeeded: value)) }
}

/// A small deterministic generator (SplitMix64): Swift's `SystemRandomNumberGenerator` cannot be seeded.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
