import Foundation

public struct ExecutorOptions: Sendable {
    /// Copies running at once (`--parallelism`).
    public var parallelism: Int
    /// Stop starting new copies after one fails (`--fail-fast`).
    public var failFast: Bool
    /// Restores in flight at once per region (DynamoDB allows 50 per account).
    public var restoresPerRegion: Int
    public var waiter: Waiter
    /// Leases against concurrent applies; nil with `--no-lock`.
    public var lease: LeasePolicy?

    public init(
        parallelism: Int = 4, failFast: Bool = false, restoresPerRegion: Int = 50, waiter: Waiter = Waiter(),
        lease: LeasePolicy? = LeasePolicy()
    ) {
        self.parallelism = max(1, parallelism)
        self.failFast = failFast
        self.restoresPerRegion = restoresPerRegion
        self.waiter = waiter
        self.lease = lease
    }
}

/// Carries out a plan's changes: copies in parallel (bounded), each copy's changes in order.
/// It decides nothing the plan did not; before every delete it re-checks the safeguards
/// against fresh state.
public struct Executor: Sendable {
    let plan: Plan
    let services: LiveStateReader.ServicesForRegion
    let options: ExecutorOptions
    let events: any ApplyEventSink
    let stop: StopSignal

    public init(
        plan: Plan, services: @escaping LiveStateReader.ServicesForRegion, options: ExecutorOptions,
        events: any ApplyEventSink, stop: StopSignal
    ) {
        self.plan = plan
        self.services = services
        self.options = options
        self.events = events
        self.stop = stop
    }

    public func run() async -> ApplyReport {
        let copies = plan.copies
        var restoreLimiters: [String: AsyncLimiter] = [:]
        for region in Set(copies.map(\.region)) {
            restoreLimiters[region] = AsyncLimiter(limit: options.restoresPerRegion)
        }
        var outcomes = [CopyOutcome?](repeating: nil, count: copies.count)
        await withTaskGroup(of: (Int, CopyOutcome).self) { group in
            var next = 0
            func startNext() {
                while next < copies.count {
                    let index = next
                    next += 1
                    let copy = copies[index]
                    if !copy.hasChanges {
                        outcomes[index] = CopyOutcome(
                            copy: CopyReference(copy), result: .unchanged, message: nil, duration: 0, added: 0,
                            changed: 0,
                            destroyed: 0)
                        continue
                    }
                    if let why = stop.why {
                        events.handle(.skipped(CopyReference(copy), reason: why, at: options.waiter.clock()))
                        outcomes[index] = CopyOutcome(
                            copy: CopyReference(copy), result: .skipped, message: why, duration: 0, added: 0,
                            changed: 0,
                            destroyed: 0)
                        continue
                    }
                    var waiter = options.waiter
                    waiter.isInterrupted = { [stop] in stop.why == StopSignal.interruptReason }
                    let run = CopyRun(
                        copy: copy, services: services, context: plan.safeguards, waiter: waiter,
                        events: events, stop: stop, restoreLimiter: restoreLimiters[copy.region]!, lease: options.lease)
                    group.addTask { (index, await run.execute()) }
                    return
                }
            }
            for _ in 0..<options.parallelism { startNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if options.failFast, outcome.result == .failed || outcome.result == .refused {
                    stop.stop("--fail-fast: job \"\(outcome.copy.job)\" failed")
                }
                startNext()
            }
        }
        return ApplyReport(outcomes: outcomes.compactMap { $0 }, interrupted: stop.why == StopSignal.interruptReason)
    }
}

extension StopSignal {
    public static let interruptReason = "interrupted (Ctrl-C)"
}
