import DBCopyKit
import Foundation
import TestSupport
import Testing

/// The lease rules of README "Concurrent applies" one by one: `--lock-timeout` waits for the
/// holder and then stops, since the state it planned from is gone; a lease left by a dead
/// apply on this host is taken over at once; one held by another host blocks, naming that
/// host, until it expires.
@Suite("Concurrent applies: waiting for a lease, taking one over")
struct LeaseWaitTests {
    @Test(
        "--lock-timeout: the second apply waits for the first, then stops every copy ('live state changed'), doing nothing"
    )
    func lockTimeoutWaitsThenStops() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let fixed = ClientsToDev(prefix: w.prefix)
        let rotation = ProductionToStaging(prefix: w.prefix)
        // A third job: a rotation from a new backup, whose generation is named at planning time.
        let nightly = "\(w.prefix)-nightly"
        let nightlyJob =
            "  - name: \(nightly)\n    origin: \(rotation.users)\n    rotation: {name: \"{job}-{timestamp}\", keep: 2}\n"
        let jobs = [fixed.job, rotation.job, nightly]
        try await w.seed(fixed.seeds + rotation.seeds)
        try w.write(planFile(w.prefix, jobs: fixed.job(), rotation.job(keep: 2), nightlyJob))
        try await w.applied()
        try await proxy.configure(ConcurrentApplyTests.slow)
        try await waitForNextSecond()
        let before = try await w.describeAll()
        try await proxy.resetStats()

        let holder = try w.start(["apply", "--auto-approve", "--format", "json"])
        try await eventually("the first apply holds all four leases") {
            try await w.leases(of: jobs).count == 4 || !holder.isRunning
        }
        // Planned a second later: a new generation gets another name than the holder's.
        try await waitForNextSecond()
        let waiter = try w.start(["apply", "--auto-approve", "--format", "json", "--lock-timeout", "5m"])
        try await ConcurrentApplyTests.release(proxy, when: "the second apply waiting for a lease", [holder, waiter]) {
            $0[1].events.contains { $0.step == "waiting" && $0.resource?.hasPrefix("/dbcopy/leases/") == true }
        }
        #expect(try await holder.exitStatus() == 0, "\(holder.stdout)\(holder.stderr)")
        let status = try await waiter.exitStatus()
        let held = try #require(try ApplyOutput(holder.stdout).plan)
        let waited = try ApplyOutput(waiter.stdout)

        // It waited for the leases, then found the state each copy was planned from changed (a
        // target made again, a generation made or finished since) and stopped: nothing done twice.
        #expect(waited.events.contains { $0.step == "waiting" && $0.resource?.hasPrefix("/dbcopy/leases/") == true })
        #expect(waited.endings.count == 4)
        for (copy, ending) in waited.endings {
            #expect(ending.error?.contains("live state changed since the plan") == true, "\(copy): \(ending)")
        }
        #expect(status == 1)
        let stats = try await proxy.stats()
        #expect(stats.calls("RestoreTableFromBackup", outcome: "ok") == 4, "one restore per copy")
        #expect(PlannedDeletes([held]).unplanned(stats.deletes).isEmpty, "\(stats.deletes)")
        expectPlannedState(try await w.describeAll(), from: before, plan: held, "after both applies")
        #expect(try await w.leases(of: jobs).isEmpty)
    }

    @Test("a lease left by a dead apply on this host is taken over at once")
    func deadHolderOnThisHost() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        try await w.writeLease(
            job: flow.job, origin: flow.origin, target: flow.target, host: ProcessInfo.processInfo.hostName,
            pid: try deadPid(), expiresIn: 3600)

        let result = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n"))
        #expect(try await w.leases(of: [flow.job]).isEmpty)
        #expect(try await w.describe([flow.target]).table(flow.target)?.tags["dbcopy:job"] == flow.job)
    }

    @Test("a lease held by another host blocks, naming that host; with --lock-timeout, apply goes on once it expires")
    func otherHost() async throws {
        let proxy = try await AWSProxy.start(settings: .transparent)
        defer { Task { await proxy.stop() } }
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        try await w.writeLease(
            job: flow.job, origin: flow.origin, target: flow.target, host: "ci-runner-7", pid: 4242, expiresIn: 600)

        let blocked = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(blocked.status == 1)
        #expect(
            blocked.stdout.contains(
                "Error: job \"\(flow.job)\" (\(flow.origin)): held by another apply (host ci-runner-7, pid 4242, since "
            ),
            "\(blocked.stdout)\(blocked.stderr)")
        #expect(blocked.stdout.contains("nothing was done. Let it finish, or pass --lock-timeout 10m to wait"))
        let stats = try await proxy.stats()
        #expect(stats.calls("CreateBackup") == 0 && stats.calls("RestoreTableFromBackup") == 0 && stats.deletes.isEmpty)

        // A patient apply waits for the lease; the other host's last renewal then lets it expire in
        // a moment (it stopped renewing), and the waiting apply takes it over.
        let waiting = try w.start(["apply", "--auto-approve", "--lock-timeout", "2m"])
        let line = "waiting for /dbcopy/leases/\(flow.job)/\(flow.origin): held by ci-runner-7 (pid 4242)"
        try await eventually("the apply waiting for the lease") { waiting.stdout.contains(line) || !waiting.isRunning }
        #expect(waiting.stdout.contains(line), "\(waiting.stdout)\(waiting.stderr)")
        try await w.writeLease(
            job: flow.job, origin: flow.origin, target: flow.target, host: "ci-runner-7", pid: 4242, expiresIn: 2)
        let status = try await waiting.exitStatus()
        #expect(status == 0, "\(waiting.stdout)\(waiting.stderr)")
        #expect(waiting.stdout.hasSuffix("\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n"))
        #expect(try await w.leases(of: [flow.job]).isEmpty)
        #expect(try await w.describe([flow.target]).table(flow.target)?.tags["dbcopy:job"] == flow.job)
    }
}
