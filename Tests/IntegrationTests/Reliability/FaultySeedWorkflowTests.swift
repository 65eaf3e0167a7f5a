import Foundation
import TestSupport
import Testing

/// The reliability suite, part one: both seed workflows of DESIGN.md applied three times in a
/// row (made, replaced or rotated, then pruned by retention or `keep`) through a proxy that
/// throttles 20% of calls, fails 5% with a 500 and drops 2% of connections, with DynamoDB's
/// transitions lasting up to a second. Every single apply must succeed and end in exactly its
/// planned state, deleting nothing its plan did not list.
@Suite("Reliability: the seed workflows under throttling, 500s and dropped connections")
struct FaultySeedWorkflowTests {
    @Test("fixed target (clients → clients_restored): made, replaced twice, retention applied; every apply exits 0")
    func fixedTarget() async throws {
        let seed = FaultSeed(1_061)
        let proxy = try await AWSProxy.start(settings: seed.faults)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(["wait_timeout: 10m"])))

        for round in 1...3 {
            if round > 1 { try await waitForNextSecond() }
            let (plan, after) = try await expectFaultyApplySucceeds(w, proxy, "clients-to-dev apply \(round)", seed)
            #expect(plan.summary.destroy == [0, 1, 2][round - 1], "\(seed)")
            #expect(after.backups(of: flow.origin).count <= 2, "retention: \(seed)")
            #expect(after.backups(of: flow.target).count <= 2, "retention of safety backups: \(seed)")
        }
    }

    @Test("rotation (every *-production table → a new *-staging generation): keep 2 holds; every apply exits 0")
    func rotation() async throws {
        let seed = FaultSeed(2_029)
        let proxy = try await AWSProxy.start(settings: seed.faults)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 2, ["wait_timeout: 10m"])))

        for round in 1...3 {
            if round > 1 { try await waitForNextSecond() }
            let (plan, after) = try await expectFaultyApplySucceeds(
                w, proxy, "production-to-staging apply \(round)", seed)
            #expect(plan.summary.destroy == [0, 0, 2][round - 1], "\(seed)")
            for origin in flow.origins {
                #expect(flow.generations(of: origin, in: after.allTables).count == min(round, 2), "keep 2: \(seed)")
            }
        }
    }
}
