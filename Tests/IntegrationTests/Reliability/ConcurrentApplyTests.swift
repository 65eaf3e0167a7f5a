import DBCopyKit
import Foundation
import TestSupport
import Testing

/// Two applies of the same plan at the same moment (README "Concurrent applies"): each copy is
/// done by exactly one of them, restored once, its old table and backups deleted once; the other
/// stops that copy before doing anything, naming the apply that holds it, or with
/// `--lock-timeout` waits for it and then stops because the state it planned from has changed.
/// The proxy holds restores until the test has seen each copy lost by one of the two, so the
/// runs overlap however slow the machine is; backups and deletes take a second or so.
@Suite("Concurrent applies: one copy, one apply")
struct ConcurrentApplyTests {
    static let slow = AWSProxy.Settings(backupSeconds: 1, restoreSeconds: 600, deleteSeconds: 0.5, updateSeconds: 0.2)
    static let quick = AWSProxy.Settings(
        backupSeconds: 0.5, restoreSeconds: 0.5, deleteSeconds: 0.5, updateSeconds: 0.2)

    /// Waits until `condition` holds of what `runs` printed so far (or they all ended), then
    /// lets the held restores finish.
    static func release(
        _ proxy: AWSProxy, when what: String, _ runs: [RunningCommand], _ condition: ([ApplyOutput]) -> Bool
    ) async throws {
        try await eventually(what) {
            try condition(runs.map { try ApplyOutput($0.stdout) }) || runs.allSatisfy { !$0.isRunning }
        }
        try await proxy.configure(quick)
        try await proxy.resetState()
    }

    /// Both seed workflows (three copies: a fixed target, two rotation generations), applied once.
    private func workspace() async throws -> (Workspace, AWSProxy, [String]) {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let fixed = ClientsToDev(prefix: w.prefix)
        let rotation = ProductionToStaging(prefix: w.prefix)
        try await w.seed(fixed.seeds + rotation.seeds)
        try w.write(
            planFile(w.prefix, jobs: fixed.job(["wait_timeout: 10m"]), rotation.job(keep: 2, ["wait_timeout: 10m"])))
        try await w.applied()
        try await proxy.configure(Self.slow)
        return (w, proxy, [fixed.job, rotation.job])
    }

    @Test("started together, three times: every copy done once by one apply; the other names the holder and exits 1")
    func startedTogether() async throws {
        let (w, proxy, _) = try await workspace()
        defer { Task { await proxy.stop() } }
        let host = ProcessInfo.processInfo.hostName
        for round in 1...3 {
            try await waitForNextSecond()
            let before = try await w.describeAll()
            try await proxy.configure(Self.slow)
            try await proxy.resetStats()
            let runs = try [
                w.start(["apply", "--auto-approve", "--format", "json"]),
                w.start(["apply", "--auto-approve", "--format", "json"]),
            ]
            try await Self.release(proxy, when: "each copy lost by one apply", runs) { outputs in
                guard let copies = outputs.compactMap(\.plan).first?.copies else { return false }
                return copies.allSatisfy { copy in
                    outputs.contains { $0.endings["\(copy.job)/\(copy.origin)"]?.type == "errored" }
                }
            }
            var statuses: [Int32] = []
            for run in runs { statuses.append(try await run.exitStatus()) }
            let outputs = try runs.map { try ApplyOutput($0.stdout) }
            let plans = try outputs.map { try #require($0.plan, "round \(round): \($0)") }

            var doneBy: [String: Int] = [:]
            for copy in plans[0].copies.map({ "\($0.job)/\($0.origin)" }) {
                let endings = outputs.map { $0.endings[copy] }
                let winners = endings.indices.filter { endings[$0]?.type == "complete" }
                #expect(winners.count == 1, "round \(round): \(copy) ended \(endings)")
                guard let winner = winners.first, let loser = endings[1 - winner] else { continue }
                doneBy[copy] = winner
                let error = loser.error ?? ""
                let named = "held by another apply (host \(host), pid \(runs[winner].pid), since "
                #expect(
                    loser.type == "errored"
                        && (error.contains(named) || error.contains("live state changed since the plan")),
                    "round \(round): \(copy) in the other apply: \(loser)")
            }
            for (index, output) in outputs.enumerated() {
                let lost = output.endings.values.contains { $0.type != "complete" }
                #expect(statuses[index] == (lost ? 1 : 0), "round \(round), apply \(index): \(runs[index].stderr)")
            }
            // What the two did together is each copy as planned by the apply that did it.
            let done = plans[0].combining(plans[1]) { doneBy["\($0.job)/\($0.origin)"] == 1 }
            let stats = try await proxy.stats()
            #expect(stats.calls("RestoreTableFromBackup", outcome: "ok") == done.copies.count, "round \(round)")
            let backups =
                done.allChanges.filter { if case .createBackup = $0.operation { true } else { false } }.count
                + done.copies.filter {
                    $0.changes.contains {
                        if case .restoreTable(let s) = $0.operation {
                            s.replacing?.makesSafetyBackup == true
                        } else {
                            false
                        }
                    }
                }.count
            #expect(stats.calls("CreateBackup", outcome: "ok") == backups, "round \(round)")
            let unplanned = PlannedDeletes([done]).unplanned(stats.deletes)
            #expect(unplanned.isEmpty, "round \(round): deletes neither apply did by its plan: \(unplanned)")
            expectPlannedState(try await w.describeAll(), from: before, plan: done, "round \(round)")
        }
    }
}
