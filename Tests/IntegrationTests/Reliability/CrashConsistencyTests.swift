import DBCopyKit
import Foundation
import TestSupport
import Testing

/// Crash consistency: `kill -9` of `dbcopy apply` at 20 moments spread over a seven-copy run,
/// each followed by a normal apply that must exit 0 and leave the state the plan file asks for:
/// origins untouched, every copy finished with its origin's items, no orphan table, no backup
/// beyond retention, no lease left; and neither run deleted anything its plan did not list.
///
/// The state carries on from one round to the next, so every killed run has the whole job to
/// do (back up, safety-back up, turn off deletion protection, delete, restore, converge,
/// publish, prune). A moment is a number of AWS calls into the run, not a time: the k-th of 20
/// rounds kills somewhere in the k-th twentieth of the calls a whole run makes, at a point the
/// seed chooses, so the kills cover every phase however fast the machine is.
@Suite("Crash consistency: apply killed (SIGKILL) at 20 moments, the next apply converges")
struct CrashConsistencyTests {
    static let rounds = 20
    /// All seven copies at once: a shorter run, and every kill lands in several copies' steps.
    static let allAtOnce = ["--parallelism", "8"]

    @Test("20 kills spread over a 7-copy run; after each, one normal apply reaches the planned state")
    func twentyKills() async throws {
        let seed = FaultSeed(4_099)
        var random = seed.generator
        // Transitions short enough for CI, long enough that kills land inside them.
        let proxy = try await AWSProxy.start(
            settings: AWSProxy.Settings(backupSeconds: 0.2, restoreSeconds: 0.3, deleteSeconds: 0.2, updateSeconds: 0.1)
        )
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let plan = CrashPlan(prefix: w.prefix)
        try await w.seed(plan.seeds)
        try w.write(plan.planFile)
        let origins = try await w.describe(plan.origins)

        // The first apply makes every copy; the second, measured, is what each killed run redoes.
        let first = try await w.applyJSON(Self.allAtOnce)
        try #require(first.0.status == 0, "\(first.0.stdout)\(first.0.stderr)")
        try await waitForNextSecond()
        try await proxy.resetStats()
        let measured = try await w.applyJSON(Self.allAtOnce)
        try #require(measured.0.status == 0, "\(measured.0.stdout)\(measured.0.stderr)")
        let callsPerRun = try await proxy.stats().totalCalls
        print("crash: \(seed); a whole run makes about \(callsPerRun) AWS calls")

        var phasesHit: [String: Int] = [:]
        for round in 0..<Self.rounds {
            let share = (Double(round) + Double.random(in: 0.05..<0.95, using: &random)) / Double(Self.rounds)
            let moment = max(1, Int(share * Double(callsPerRun)))
            let context = "round \(round + 1) (kill after \(moment) calls), \(seed)"
            try await waitForNextSecond()
            try await proxy.resetStats()

            let killed = try await killApply(w, proxy, afterCalls: moment)
            let phase = Self.phase(killed.output)
            phasesHit[phase.summary, default: 0] += 1
            print("crash: round \(round + 1): killed after \(killed.calls) of ~\(callsPerRun) calls: \(phase.detail)")

            try await waitForNextSecond()
            let (resumed, output) = try await w.applyJSON(Self.allAtOnce)
            #expect(resumed.status == 0, "\(context)\n\(resumed.stdout)\(resumed.stderr)")
            let stats = try await proxy.stats()
            let planned = PlannedDeletes([killed.output.plan, output.plan].compactMap { $0 })
            let unplanned = planned.unplanned(stats.deletes)
            #expect(unplanned.isEmpty, "deletes no plan listed: \(unplanned); \(context)")
            try await expectCrashInvariants(w, plan, origins: origins, context)
        }
        print("crash: phases the kills hit: \(phasesHit.sorted { $0.key < $1.key })")
    }

    /// Starts an apply and kills it (SIGKILL) once the proxy has seen `afterCalls` calls of it.
    private func killApply(_ w: Workspace, _ proxy: AWSProxy, afterCalls: Int) async throws
        -> (output: ApplyOutput, calls: Int)
    {
        let run = try w.start(["apply", "--auto-approve", "--format", "json"] + Self.allAtOnce)
        var calls = 0
        try await eventually("\(afterCalls) calls") {
            calls = try await proxy.stats().totalCalls
            return calls >= afterCalls || !run.isRunning
        }
        run.send(SIGKILL)
        let status = try await run.exitStatus()
        if status != 128 + SIGKILL { print("crash: the run ended (\(status)) before it was killed") }
        return (try ApplyOutput(run.stdout), calls)
    }

    /// Where the killed run was: each copy's last step (`restoring`, `waiting: CREATING`, …).
    static func phase(_ output: ApplyOutput) -> (summary: String, detail: String) {
        guard output.plan != nil else { return ("reading live state", "reading live state (no plan printed yet)") }
        let steps = output.lastEventOfEachCopy.sorted { $0.key < $1.key }.map { copy, event -> (String, String) in
            let step =
                switch event.type {
                case "progress": event.step == "waiting" ? "waiting: \(event.status ?? "?")" : event.step ?? "?"
                case "start": "taking its lease"
                default: event.type
                }
            // `it-1a2b3c4d-rot-m/it-1a2b3c4d-e-production` → `rot-m/e`.
            let parts = copy.split(separator: "/").map { $0.split(separator: "-").dropFirst(2) }
            return ((parts.first ?? []).joined(separator: "-") + "/" + ((parts.last ?? []).first ?? ""), step)
        }
        if steps.isEmpty { return ("planned, no copy started", "planned, no copy started") }
        let busiest = Dictionary(steps.map { ($0.1, 1) }, uniquingKeysWith: +).max { $0.value < $1.value }?.key ?? ""
        return (busiest, steps.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
    }
}
