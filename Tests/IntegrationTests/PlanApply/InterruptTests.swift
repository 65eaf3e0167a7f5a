import Foundation
import TestSupport
import Testing

/// Ctrl-C during apply (SIGINT, as the terminal sends it to the process): the first lets the
/// calls in flight finish and starts nothing new, the second exits at once; either way exit 130,
/// and the next apply continues from where the run stopped.
@Suite("dbcopy apply: Ctrl-C")
struct InterruptTests {
    @Test("Ctrl-C once: the backup under way finishes, nothing else starts, exit 130; the next apply uses that backup")
    func once() async throws {
        let (w, proxy, flow, made) = try await copyWithSlowBackups()
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") { try await proxy.stats().transitions["backups_creating", default: 0] > 0 }
        run.send(SIGINT)
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Interrupt received: finishing the AWS calls in flight and starting nothing new."))
        #expect(run.stdout.contains("Apply interrupted: 1 of 1 copies did not complete."))
        // The backup was waited for to the end; the safety backup, the delete and the restore never started.
        #expect(run.stdout.contains(try Regex("waiting for dbcopy-\(flow.job)-\(timestampPattern): CREATING")))
        let stats = try await proxy.stats()
        #expect(stats.calls("CreateBackup") == 1)
        #expect(stats.transitions["backups_creating"] == 0)
        #expect(stats.calls("DeleteTable") == 0)
        #expect(stats.calls("RestoreTableFromBackup") == 0)
        #expect(try await w.describe([flow.target]).table(flow.target) == made.table(flow.target))

        let resumed = try await expectResumed(w, flow, madeBefore: made)
        #expect(resumed.contains(" by an interrupted run)"))
        #expect(try await w.describe().backups(of: flow.origin).count == 2)
    }

    @Test("Ctrl-C twice: exits at once with 130; the next apply still converges")
    func twice() async throws {
        let (w, proxy, flow, made) = try await copyWithSlowBackups()
        defer { Task { await proxy.stop() } }

        let run = try w.start(["apply", "--auto-approve"])
        try await eventually("the backup is CREATING") { try await proxy.stats().transitions["backups_creating", default: 0] > 0 }
        run.send(SIGINT)
        try await eventually("the first Ctrl-C is acknowledged") { run.stderr.contains("Interrupt received") }
        run.send(SIGINT)
        let status = try await run.exitStatus()
        #expect(status == 130, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Exiting now."))
        #expect(try await proxy.stats().deletes.isEmpty)

        try await expectResumed(w, flow, madeBefore: made)
    }

    /// The fixed-target copy made once, then backups made slow (4 s) so that Ctrl-C lands during one.
    private func copyWithSlowBackups() async throws -> (Workspace, AWSProxy, ClientsToDev, LiveAWS) {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let first = try await w.dbcopy(["apply", "--auto-approve"])
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        let made = try await w.describe([flow.origin, flow.target])
        try await proxy.configure(.init(backupSeconds: 4))
        try await proxy.resetStats()
        try await waitForNextSecond()
        return (w, proxy, flow, made)
    }
}
