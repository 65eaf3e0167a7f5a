import Foundation

/// One copy's state machine: its planned changes in order (backup → restore, with the safety
/// backup and delete of a replaced target → converge → SSM → pruning). A failed step ends the
/// copy; the next apply picks up from live state.
actor CopyRun {
    let copy: CopyPlan
    let reference: CopyReference
    let services: LiveStateReader.ServicesForRegion
    let context: SafeguardContext
    let waiter: Waiter
    let events: any ApplyEventSink
    let stop: StopSignal
    let restoreLimiter: AsyncLimiter
    let lease: LeasePolicy?

    /// The backup this run's `createBackup` made, for the restore that follows.
    var newBackupARN: String?
    /// The copy's table ARN as read back after converging.
    var tableARN: String?
    /// This copy's lease, while held.
    var keeper: LeaseKeeper?

    init(
        copy: CopyPlan, services: @escaping LiveStateReader.ServicesForRegion, context: SafeguardContext,
        waiter: Waiter,
        events: any ApplyEventSink, stop: StopSignal, restoreLimiter: AsyncLimiter, lease: LeasePolicy?
    ) {
        self.copy = copy
        self.reference = CopyReference(copy)
        self.services = services
        self.context = context
        self.waiter = waiter
        self.events = events
        self.stop = stop
        self.restoreLimiter = restoreLimiter
        self.lease = lease
    }

    var timeout: TimeInterval { TimeInterval(copy.waitTimeoutSeconds) }

    func execute() async -> CopyOutcome {
        let start = waiter.clock()
        events.handle(.started(reference, at: start))
        var outcome = CopyOutcome(
            copy: reference, result: .succeeded, message: nil, duration: 0, added: 0, changed: 0, destroyed: 0)
        do {
            let region = try services(copy.region)
            if let lease {
                keeper = LeaseKeeper(copy: copy, parameters: region.parameters, policy: lease, waiter: waiter)
                try await keeper?.acquire(report: progress(lease.parameterName(job: copy.job, origin: copy.origin)))
                try await checkPreconditions(region.tables)
            }
            for change in copy.changes {
                if let why = stop.why {
                    throw why == StopSignal.interruptReason ? ExecutionError.interrupted : .failed(why)
                }
                if let lost = await keeper?.lost { throw ExecutionError.failed(lost) }
                try await perform(change, region)
                let counts = change.counts
                outcome.added += counts.add
                outcome.changed += counts.change
                outcome.destroyed += counts.destroy
            }
        } catch {
            let refused: Bool
            if case ExecutionError.refused = error { refused = true } else { refused = false }
            outcome.result = refused ? .refused : .failed
            if case ExecutionError.interrupted = error { outcome.result = .skipped }
            outcome.message = String(describing: error)
        }
        await keeper?.release(completed: outcome.result == .succeeded)
        outcome.duration = waiter.clock().timeIntervalSince(start)
        switch outcome.result {
        case .succeeded, .unchanged:
            events.handle(.completed(reference, duration: outcome.duration, at: waiter.clock()))
        case .skipped:
            events.handle(.skipped(reference, reason: outcome.message ?? "", at: waiter.clock()))
        case .failed, .refused:
            events.handle(
                .failed(
                    reference, error: outcome.message ?? "", refused: outcome.result == .refused,
                    duration: outcome.duration, at: waiter.clock()))
        }
        return outcome
    }

    /// With the lease held: is live state still what this copy was planned from? Another apply
    /// may have done (part of) the work between this plan and the lease.
    private func checkPreconditions(_ tables: any TableService) async throws {
        for precondition in copy.preconditions {
            if let failure = try await PreconditionCheck.failure(precondition, tables) {
                throw ExecutionError.changedSincePlan("live state changed since the plan (\(failure))")
            }
        }
    }

    private func perform(_ change: ResourceChange, _ region: RegionServices) async throws {
        switch change.operation {
        case .createBackup(let step): newBackupARN = try await createBackup(step, region.tables)
        case .restoreTable(let step): try await restore(step, region.tables)
        case .putParameter(let step): try await publish(step, region.parameters)
        case .deleteBackup(let step): try await deleteBackup(step, region.tables)
        case .deleteTable(let step): try await deleteGeneration(step, region.tables)
        }
    }

    func report(_ step: String, _ resource: String) {
        events.handle(.step(reference, step: step, resource: resource, at: waiter.clock()))
    }

    /// Reports each pending poll as a `waiting` event.
    func progress(_ resource: String) -> @Sendable (String, TimeInterval) -> Void {
        let events = events
        let reference = reference
        let clock = waiter.clock
        return { status, elapsed in
            events.handle(.waiting(reference, resource: resource, status: status, elapsed: elapsed, at: clock()))
        }
    }
}
