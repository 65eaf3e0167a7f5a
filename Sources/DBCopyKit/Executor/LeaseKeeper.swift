import Foundation

/// Takes, renews and gives back one copy's lease, so that two applies never work on the same
/// copy at once (see README, "Safety": concurrent applies).
///
/// SSM has no compare-and-swap, so: taking a free lease is a create-only PutParameter (atomic);
/// taking over an expired lease, or one whose holder on this host is dead, overwrites it and
/// reads it back after a pause (last writer wins); the holder renews it on a heartbeat and
/// stops its copy between steps if the lease is ever not its own.
actor LeaseKeeper {
    let name: String
    private var record: LeaseRecord
    let parameters: any ParameterService
    let policy: LeasePolicy
    let waiter: Waiter
    private var heartbeat: Task<Void, Never>?
    private(set) var lost: String?

    init(copy: CopyPlan, parameters: any ParameterService, policy: LeasePolicy, waiter: Waiter) {
        self.name = policy.parameterName(job: copy.job, origin: copy.origin)
        let now = waiter.clock()
        self.record = LeaseRecord(
            holder: policy.holder, host: policy.host, pid: policy.pid, job: copy.job, origin: copy.origin,
            target: copy.target, acquiredAt: now, expiresAt: now.addingTimeInterval(policy.duration))
        self.parameters = parameters
        self.policy = policy
        self.waiter = waiter
    }

    /// Takes the lease, waiting up to the policy's wait timeout (reporting who holds it meanwhile,
    /// so a waiting apply does not look hung); throws naming the holder if it cannot.
    func acquire(report: @Sendable (String, TimeInterval) -> Void = { _, _ in }) async throws {
        let start = waiter.clock()
        let deadline = start.addingTimeInterval(policy.waitTimeout)
        while true {
            let holder = try await attempt()
            guard let holder else { break }
            guard waiter.clock() < deadline else {
                throw ExecutionError.failed(
                    "held by \(holder.summary); nothing was done. Let it finish, or pass --lock-timeout 10m to wait")
            }
            report("held by \(holder.host) (pid \(holder.pid))", waiter.clock().timeIntervalSince(start))
            try await waiter.sleeper(min(5, max(0.2, deadline.timeIntervalSince(waiter.clock()))))
        }
        startHeartbeat()
    }

    /// nil when the lease is now ours, else the current holder.
    private func attempt() async throws -> LeaseRecord? {
        if try await parameters.createParameter(name, value: fresh().json) { return nil }
        guard let text = try await parameters.parameter(name) else { return try await attempt() }
        guard let current = LeaseRecord.parse(text) else { return try await takeOver() }
        if current.holder == policy.holder { return nil }
        let holderDead = current.host == policy.host && !policy.isAlive(current.pid)
        let expired = current.expiresAt <= waiter.clock()
        return holderDead || expired ? try await takeOver() : current
    }

    /// Overwrites a dead holder's lease and confirms after a pause that no one else did too.
    private func takeOver() async throws -> LeaseRecord? {
        let mine = fresh()
        try await parameters.putParameter(name, value: mine.json)
        try await waiter.sleeper(policy.settle)
        guard let text = try await parameters.parameter(name), let current = LeaseRecord.parse(text) else {
            return try await attempt()
        }
        return current.holder == policy.holder ? nil : current
    }

    private func fresh() -> LeaseRecord {
        var record = record
        record.expiresAt = waiter.clock().addingTimeInterval(policy.duration)
        return record
    }

    /// Renews on the wall clock (not the injected waiter: a test's instant sleeper would spin).
    private func startHeartbeat() {
        heartbeat = Task { [policy] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(policy.heartbeat * 1e9))
                if Task.isCancelled { return }
                await self.renew()
            }
        }
    }

    private func renew() async {
        do {
            guard let text = try await parameters.parameter(name), let current = LeaseRecord.parse(text),
                current.holder == policy.holder
            else {
                lost = "lost its lease \(name) to another apply"
                return
            }
            try await parameters.putParameter(name, value: fresh().json)
        } catch {
            // A failed renewal is retried on the next beat; the lease lasts several beats.
        }
    }

    /// Notes in the lease the backup this apply made, so that if it dies the next apply
    /// continues from that backup.
    func recordBackup(_ arn: String) async throws {
        record.backupARN = arn
        guard lost == nil else { return }
        try await parameters.putParameter(name, value: fresh().json)
    }

    /// Gives the lease back if it is still ours. A finished copy, or one that made nothing,
    /// deletes it; an unfinished one that made a backup (failed, interrupted) leaves it expired,
    /// so that any apply may take it at once and the next plan continues from that backup.
    func release(completed: Bool) async {
        heartbeat?.cancel()
        guard let text = try? await parameters.parameter(name), let current = LeaseRecord.parse(text),
            current.holder == policy.holder
        else { return }
        if completed || record.backupARN == nil {
            try? await parameters.deleteParameter(name)
        } else {
            var ended = record
            ended.expiresAt = waiter.clock()
            try? await parameters.putParameter(name, value: ended.json)
        }
    }
}
