import Foundation
import TestSupport
import Testing

/// Ctrl-C during apply (SIGINT, as the terminal sends it to the process): the first lets the
/// AWS calls in flight finish, ends waits at their next poll and starts nothing new; the second
/// exits at once; either way exit 130, and the next apply continues from where the run stopped.
@Suite("dbcopy apply: Ctrl-C")
struct InterruptTests {
    @Test("Ctrl-C once: no new step, the wait for the backup ends, exit 130; the next apply continues from that backup")
    func once() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        run.send(SIGINT)
        // The proxy still holds the backup CREATING: exiting now shows the wait was ended, not finished.
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Interrupt received: finishing the AWS calls in flight and starting nothing new."))
        #expect(run.stdout.contains("Apply interrupted: 1 of 1 copies did not complete."))
        let stats = try await proxy.stats()
        #expect(stats.calls("CreateBackup") == 1)
        #expect(stats.calls("DeleteTable") == 0)
        #expect(stats.calls("RestoreTableFromBackup") == 0)
        #expect(try await w.describe([flow.target]).table(flow.target) == made.table(flow.target))

        // The backup finishes meanwhile; the lease the interrupted run left names it, so the next
        // apply restores from it instead of making another.
        try await proxy.configure(HeldTransition.quick)
        try await proxy.resetState()
        let resumed = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains(" by an interrupted run)"))
        #expect(try await proxy.stats().calls("CreateBackup") == 2)  // the reused one, and the safety backup
        try await expectConverged(w, flow, madeBefore: made)
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("Ctrl-C twice: the second exits at once with 130, even with a call in flight; the next apply still converges")
    func twice() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        // The next poll hangs in the proxy: a call in flight that the first Ctrl-C waits for.
        try await proxy.configure(AWSProxy.Settings(latencyMs: 60_000))
        try await eventually("a call is in flight") { try await proxy.stats().inFlight > 0 || !run.isRunning }
        run.send(SIGINT)
        try await eventually("Ctrl-C is acknowledged") { run.stderr.contains("Interrupt received") || !run.isRunning }
        #expect(run.isRunning, "the first Ctrl-C must wait for the call in flight")
        run.send(SIGINT)
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Exiting now."))
        #expect(!run.stdout.contains("Apply interrupted"))
        try await proxy.configure(AWSProxy.Settings(latencyMs: 0))
        #expect(try await proxy.stats().dataDeletes.isEmpty)

        _ = try await applyResumed(w, proxy, waitingFor: "dbcopy-\(flow.job)-\(timestampPattern): CREATING")
        try await expectConverged(w, flow, madeBefore: made)
    }
}
