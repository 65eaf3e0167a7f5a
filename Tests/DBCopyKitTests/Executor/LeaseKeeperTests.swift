import Foundation
import Testing

@testable import DBCopyKit

/// SSM in memory, with the create-only semantics the lease relies on.
final class MemoryParameters: ParameterService, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    /// Called after each successful put (to simulate a competitor writing in between).
    var afterPut: (@Sendable (String) -> Void)?

    func parameter(_ name: String) async throws -> String? { lock.withLock { values[name] } }
    func putParameter(_ name: String, value: String) async throws {
        lock.withLock { values[name] = value }
        afterPut?(name)
    }
    func createParameter(_ name: String, value: String) async throws -> Bool {
        lock.withLock {
            guard values[name] == nil else { return false }
            values[name] = value
            return true
        }
    }
    func deleteParameter(_ name: String) async throws { _ = lock.withLock { values.removeValue(forKey: name) } }
    func set(_ name: String, _ value: String) { lock.withLock { values[name] = value } }
    var all: [String: String] { lock.withLock { values } }
}

/// A clock that moves only when something sleeps: tests never really wait.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_795_342_500)
    var date: Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
    var waiter: Waiter {
        Waiter(sleeper: { [self] in advance($0) }, clock: { [self] in date })
    }
}

@Suite("Leases against concurrent applies")
struct LeaseKeeperTests {
    let copy = CopyPlan(
        job: "clients-to-dev", region: "eu-west-1", origin: "clients", originARN: nil, target: "clients_restored",
        waitTimeoutSeconds: 60)
    let name = "/dbcopy/leases/clients-to-dev/clients"

    func policy(host: String = "laptop", pid: Int32 = 100, wait: TimeInterval = 0, alive: Bool = true) -> LeasePolicy {
        LeasePolicy(host: host, pid: pid, runID: "run\(pid)", waitTimeout: wait, isAlive: { _ in alive })
    }

    func record(host: String, pid: Int32, expires: Date) -> String {
        LeaseRecord(
            holder: "\(host):\(pid):other", host: host, pid: pid, job: copy.job, origin: copy.origin,
            target: copy.target,
            acquiredAt: expires.addingTimeInterval(-300), expiresAt: expires
        ).json
    }

    @Test("a free lease is created, names its holder, and is deleted on release")
    func freeLease() async throws {
        let parameters = MemoryParameters()
        let clock = ManualClock()
        let keeper = LeaseKeeper(copy: copy, parameters: parameters, policy: policy(), waiter: clock.waiter)
        try await keeper.acquire()
        let stored = try #require(parameters.all[name].flatMap(LeaseRecord.parse))
        #expect(stored.holder == "laptop:100:run100")
        #expect(stored.target == "clients_restored")
        await keeper.release(completed: true)
        #expect(parameters.all[name] == nil)
    }

    @Test("an unfinished copy leaves its lease expired, naming the backup it made, and anyone takes it at once")
    func unfinishedCopy() async throws {
        let parameters = MemoryParameters()
        let clock = ManualClock()
        let keeper = LeaseKeeper(copy: copy, parameters: parameters, policy: policy(), waiter: clock.waiter)
        try await keeper.acquire()
        try await keeper.recordBackup("arn:backup")
        await keeper.release(completed: false)
        let left = try #require(parameters.all[name].flatMap(LeaseRecord.parse))
        #expect(left.backupARN == "arn:backup")
        #expect(left.expiresAt <= clock.date)
        let next = LeaseKeeper(
            copy: copy, parameters: parameters, policy: policy(host: "ci-runner", pid: 5), waiter: clock.waiter)
        try await next.acquire()
        #expect(parameters.all[name].flatMap(LeaseRecord.parse)?.holder == "ci-runner:5:run5")
        await next.release(completed: true)
    }

    @Test("a lease held by a live apply elsewhere fails at once, naming its holder, and is left alone")
    func heldElsewhere() async throws {
        let parameters = MemoryParameters()
        let clock = ManualClock()
        let theirs = record(host: "ci-runner", pid: 7, expires: clock.date.addingTimeInterval(200))
        parameters.set(name, theirs)
        let keeper = LeaseKeeper(copy: copy, parameters: parameters, policy: policy(), waiter: clock.waiter)
        do {
            try await keeper.acquire()
            Issue.record("took a lease another apply holds")
        } catch let error as ExecutionError {
            #expect(String(describing: error).hasPrefix("held by another apply (host ci-runner, pid 7, since "))
        }
        await keeper.release(completed: true)
        #expect(parameters.all[name] == theirs)
    }

    @Test("an expired lease, or one whose holder on this host is dead, is taken over")
    func takeOver() async throws {
        let clock = ManualClock()
        let expired = MemoryParameters()
        expired.set(name, record(host: "ci-runner", pid: 7, expires: clock.date.addingTimeInterval(-1)))
        let first = LeaseKeeper(copy: copy, parameters: expired, policy: policy(), waiter: clock.waiter)
        try await first.acquire()
        #expect(expired.all[name].flatMap(LeaseRecord.parse)?.holder == "laptop:100:run100")
        await first.release(completed: true)

        let dead = MemoryParameters()
        dead.set(name, record(host: "laptop", pid: 99, expires: clock.date.addingTimeInterval(250)))
        let second = LeaseKeeper(copy: copy, parameters: dead, policy: policy(alive: false), waiter: clock.waiter)
        try await second.acquire()
        #expect(dead.all[name].flatMap(LeaseRecord.parse)?.holder == "laptop:100:run100")
        await second.release(completed: true)
    }

    @Test("a takeover that another apply overwrites in the pause is lost, not shared")
    func takeOverRace() async throws {
        let clock = ManualClock()
        let parameters = MemoryParameters()
        parameters.set(name, record(host: "ci-runner", pid: 7, expires: clock.date.addingTimeInterval(-1)))
        let rival = record(host: "other-runner", pid: 8, expires: clock.date.addingTimeInterval(300))
        parameters.afterPut = { [parameters] name in parameters.set(name, rival) }
        let keeper = LeaseKeeper(copy: copy, parameters: parameters, policy: policy(), waiter: clock.waiter)
        await #expect(throws: ExecutionError.self) { try await keeper.acquire() }
        #expect(parameters.all[name] == rival)
    }

    @Test("--lock-timeout waits for the holder to finish")
    func waitsForRelease() async throws {
        let clock = ManualClock()
        let parameters = MemoryParameters()
        parameters.set(name, record(host: "ci-runner", pid: 7, expires: clock.date.addingTimeInterval(250)))
        // The other apply finishes after some 20 s of waiting.
        let finishAt = clock.date.addingTimeInterval(20)
        var waiter = clock.waiter
        waiter.sleeper = { [clock, parameters, name] seconds in
            clock.advance(seconds)
            if clock.date >= finishAt { try await parameters.deleteParameter(name) }
        }
        let keeper = LeaseKeeper(copy: copy, parameters: parameters, policy: policy(wait: 60), waiter: waiter)
        try await keeper.acquire()
        #expect(parameters.all[name].flatMap(LeaseRecord.parse)?.holder == "laptop:100:run100")
        #expect(clock.date >= finishAt)
        await keeper.release(completed: true)
    }
}

@Suite("Preconditions allow progress, not change")
struct PreconditionProgressTests {
    let created = Date(timeIntervalSince1970: 1_795_000_000)

    func table(_ status: String, created: Date? = nil) -> TableSnapshot {
        TableSnapshot(name: "t", arn: "arn:t", status: status, createdAt: created ?? self.created)
    }

    @Test(
        "a table may go CREATING → ACTIVE, ACTIVE ⇄ UPDATING or DELETING → gone; not disappear, be remade, or start DELETING"
    )
    func tables() {
        let deleting = Precondition.table(table("DELETING"), region: "r")
        #expect(deleting.holds(forTable: table("DELETING")))
        #expect(deleting.holds(forTable: nil))
        #expect(!deleting.holds(forTable: table("CREATING", created: created.addingTimeInterval(60))))
        let creating = Precondition.table(table("CREATING"), region: "r")
        #expect(creating.holds(forTable: table("ACTIVE")))
        let active = Precondition.table(table("ACTIVE"), region: "r")
        #expect(active.holds(forTable: table("UPDATING")))
        #expect(!active.holds(forTable: table("DELETING")))
        #expect(!active.holds(forTable: nil))
        #expect(!active.holds(forTable: table("ACTIVE", created: created.addingTimeInterval(60))))
        #expect(Precondition.absentTable("t", region: "r").holds(forTable: nil))
        #expect(!Precondition.absentTable("t", region: "r").holds(forTable: table("ACTIVE")))
    }

    @Test("a backup may go CREATING → AVAILABLE, not disappear")
    func backups() {
        let backup = BackupSnapshot(arn: "arn:b", name: "b", tableName: "t", status: "CREATING", createdAt: created)
        var available = backup
        available.status = "AVAILABLE"
        #expect(Precondition.backup(backup, region: "r").holds(forBackup: available))
        #expect(!Precondition.backup(available, region: "r").holds(forBackup: nil))
    }

    @Test("a rotation's generations may go (pruned), but none may appear: another apply made it")
    func generations() {
        let known = Precondition.generations(
            pattern: "^g-\\d{8}-\\d{2}-\\d{2}-\\d{2}$", names: ["g-1", "g-2"], region: "r")
        #expect(known.holds(forGenerations: ["g-1", "g-2"]))
        #expect(known.holds(forGenerations: ["g-2"]))
        #expect(!known.holds(forGenerations: ["g-1", "g-2", "g-3"]))
    }
}
