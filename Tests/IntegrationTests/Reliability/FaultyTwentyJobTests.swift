import Foundation
import TestSupport
import Testing

/// The reliability suite, part two: a 20-job plan over ten origins (23 copies) applied three
/// times through the faulty proxy: everything made; every fixed target replaced and every
/// rotation grown; then pruned by `keep` and `retention`. Every apply must exit 0 on its own,
/// end exactly as planned, and delete only what it planned.
@Suite("Reliability: a 20-job plan under throttling, 500s and dropped connections")
struct FaultyTwentyJobTests {
    @Test("three applies of 20 jobs each exit 0 and end exactly as planned; keep and retention hold")
    func twentyJobs() async throws {
        let seed = FaultSeed(3_217)
        let proxy = try await AWSProxy.start(settings: seed.faults)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let plan = TwentyJobPlan(prefix: w.prefix)
        try await w.seed(plan.seeds)
        try w.write(plan.planFile)

        for round in 1...3 {
            if round > 1 { try await waitForNextSecond() }
            let (applied, after) = try await expectFaultyApplySucceeds(
                w, proxy, "20 jobs, apply \(round)", seed, extra: ["--parallelism", "8"])
            #expect(applied.copies.count == 23, "\(seed)")
            // A backup another job restores from this apply is kept beyond retention (the planner says so in a note).
            let kept = Set(
                applied.copies.flatMap(\.notes).compactMap { note in
                    note.range(of: " is kept: job ").map { String(note[..<$0.lowerBound]) }
                })
            expectKeepAndRetention(after, plan, kept: kept, "apply \(round), \(seed)")
        }
    }

    /// Each rotation keeps at most `keep` generations of each origin, each job at most
    /// `retention` backups of each table it backs up (besides those `kept` for another job's
    /// restore), and every copy is dbcopy's (tagged).
    private func expectKeepAndRetention(_ state: LiveAWS, _ plan: TwentyJobPlan, kept: Set<String>, _ context: String) {
        for job in plan.jobs {
            for origin in job.origins {
                if let prefix = job.generationPrefix?[origin], let keep = job.keep {
                    let generations = state.allTables.filter { $0.hasPrefix(prefix) }
                    #expect(
                        (1...keep).contains(generations.count), "\(job.name) of \(origin): \(generations); \(context)")
                    for generation in generations {
                        #expect(state.table(generation)?.tags["dbcopy:job"] == job.name, "\(generation); \(context)")
                    }
                }
            }
            guard let retention = job.retention else { continue }
            for (table, prefixes) in job.backupPrefixes {
                let names = state.backups(of: table).map(\.name).filter { name in
                    prefixes.contains { name.hasPrefix($0) } && !kept.contains(name)
                }
                #expect(names.count <= retention, "\(job.name)'s backups of \(table): \(names); \(context)")
            }
        }
        let untagged = state.allTables.filter { name in
            !plan.origins.contains(name) && state.table(name)?.tags["dbcopy:job"] == nil
        }
        #expect(untagged.isEmpty, "tables no job finished: \(untagged); \(context)")
    }
}
