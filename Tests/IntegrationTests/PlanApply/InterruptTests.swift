import Foundation
import TestSupport
import Testing

/// Ctrl-C during apply (SIGINT, as the terminal sends it to the process): the first lets the
/// calls in flight finish and starts nothing new, the second exits at once; either way exit 130,
/// and the next apply continues from where the run stopped.
@Suite("dbcopy apply: Ctrl-C")
struct InterruptTests {
    @Test("Ctrl-C once: the backup under way finishes, nothing else starts, exit 130; the next apply converges")
    func once() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        run.send(SIGINT)
        try await eventually("Ctrl-C is acknowledged") { run.stderr.contains("Interrupt received") || !run.isRunning }
        #expect(run.stderr.contains("Interrupt received: finishing the AWS calls in flight and starting nothing new."))
        // Still waiting for the backup it started, which the proxy holds CREATING.
        #expect(run.isRunning)
        try await proxy.configure(HeldTransition.quick)
        try await proxy.resetState()
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Apply interrupted: 1 of 1 copies did not complete."))
        // The backup was waited for to the end; the safety backup, the delete and the restore never started.
        let stats = try await proxy.stats()
        #expect(stats.calls("CreateBackup") == 1)
        #expect(stats.calls("DescribeBackup", outcome: "ok") > 0)
        #expect(stats.calls("DeleteTable") == 0)
        #expect(stats.calls("RestoreTableFromBackup") == 0)
        #expect(try await w.describe([flow.target]).table(flow.target) == made.table(flow.target))

        let resumed = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains(" by an interrupted run)"))
        try await expectConverged(w, flow, madeBefore: made)
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("Ctrl-C twice: exits at once with 130; the next apply still converges")
    func twice() async throws {
        let (w, proxy, flow, made) = try await fixedTargetCopy(holding: .backup)
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") {
            try await proxy.stats().transitions["backups_creating", default: 0] > 0
        }
        run.send(SIGINT)
        try await eventually("Ctrl-C is acknowledged") { run.stderr.contains("Interrupt received") || !run.isRunning }
        run.send(SIGINT)
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Exiting now."))
        #expect(!run.stdout.contains("Apply interrupted"))
        #expect(try await proxy.stats().dataDeletes.isEmpty)

        _ = try await applyResumed(w, proxy, waitingFor: "dbcopy-\(flow.job)-\(timestampPattern): CREATING")
        try await expectConverged(w, flow, madeBefore: made)
    }
}
