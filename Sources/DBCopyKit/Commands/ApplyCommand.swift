import AWSClient
import ArgumentParser
import Foundation

/// `dbcopy apply [FILE or SAVED]`: prints the plan, asks for confirmation, carries it out.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out the plan: backup, (safety backup, delete), restore, converge, publish, prune.",
        discussion: """
            FILE is a plan file (planned now, then confirmed: type yes, or pass --auto-approve) or a \
            saved plan from `dbcopy plan --out` (not asked again: the review was the approval; refused \
            if live state moved since). Exit status: 0 success or nothing to do, 1 error or a job \
            failed, 3 refused by a safeguard or not approved (nothing was deleted), 130 interrupted.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A plan file, or a saved plan from `dbcopy plan --out`.")
    var file: String = "dbcopy.yaml"

    @Option(help: "Output format: text, or json (one JSON object per line).")
    var format: Format = .text

    @Flag(name: .customLong("auto-approve"), help: "Do not ask; apply the plan (for CI and schedules).")
    var autoApprove = false

    @Flag(name: .customLong("fail-fast"), help: "Start no new job after one fails.")
    var failFast = false

    @Flag(name: .customLong("no-lock"), help: "Take no leases (unsafe if another apply may run at the same time).")
    var noLock = false

    @Option(
        name: .customLong("lock-timeout"),
        help: "How long to wait for a job another apply holds (e.g. 10m); default 0s: fail at once.")
    var lockTimeout: String = "0s"

    @OptionGroup var aws: AWSOptions
    @OptionGroup var run: RunOptions

    func validate() throws {
        guard lockTimeout == "0s" || lockTimeout == "0" || DurationValue.parse(lockTimeout) != nil else {
            throw ValidationError("--lock-timeout: '\(lockTimeout)' is not a duration (e.g. 30s, 10m, 1h)")
        }
    }

    func run() async throws {
        let console = Console(noColor: run.noColor || format == .json)
        let pipeline = PlanPipeline(aws: aws, run: run, console: console)
        let data = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
        if SavedPlanFile.looksLikeSavedPlan(data) {
            try await applySaved(data, pipeline: pipeline, console: console)
        } else {
            try await applyFile(pipeline: pipeline, console: console)
        }
    }

    private func applyFile(pipeline: PlanPipeline, console: Console) async throws {
        let document = try pipeline.loadDocument(file)
        let session = try pipeline.session()
        let plan = try await pipeline.plan(document, session: session)
        try show(plan, console: console)
        guard try checkApplyable(plan, console: console) else { return }
        if !autoApprove {
            guard Approval.ask(console: console) else { throw DBCopyExitCode.refused.exitCode }
        }
        try await execute(plan, session: session, console: console)
    }

    private func applySaved(_ data: Data, pipeline: PlanPipeline, console: Console) async throws {
        guard run.jobs.isEmpty else {
            throw ValidationError("--job cannot narrow a saved plan: plan again with --job and --out")
        }
        let plan = try Plan.decode(fromJSON: data)
        let session = try pipeline.session()
        try show(plan, console: console)
        guard try checkApplyable(plan, console: console) else { return }
        let stale = try await SavedPlanCheck.staleReasons(plan) { try session.services(region: $0) }
        if !stale.isEmpty {
            for reason in stale { console.error("Saved plan is stale: \(reason)") }
            console.note("Nothing was changed. Run `dbcopy plan --out` again and review the new plan.")
            throw DBCopyExitCode.error.exitCode
        }
        try await execute(plan, session: session, console: console)
    }

    private func show(_ plan: Plan, console: Console) throws {
        switch format {
        case .text: console.output.write(PlanTextRenderer(style: console.outputStyle).render(plan))
        case .json: console.output.write(try ApplyJSONEvents.planLine(plan) + "\n")
        }
        console.errors.write(DiagnosticTextRenderer(style: console.errorStyle).render(plan))
    }

    /// False when there is nothing to do; throws the exit code when the plan may not run.
    private func checkApplyable(_ plan: Plan, console: Console) throws -> Bool {
        if !plan.errors.isEmpty { throw DBCopyExitCode.error.exitCode }
        if !plan.refusals.isEmpty {
            console.error("a safeguard refused \(plan.refusals.count) change(s); apply does nothing (see above)")
            throw DBCopyExitCode.refused.exitCode
        }
        return plan.summary.hasChanges
    }

    private func execute(_ plan: Plan, session: AWSSession, console: Console) async throws {
        let stop = StopSignal()
        // Kept until apply returns: its signal sources live as long as it does.
        let interrupts = InterruptHandler()
        interrupts.install(stop: stop, stream: console.errors)
        defer { withExtendedLifetime(interrupts) {} }
        let mode: ApplyProgress.Mode =
            format == .json
            ? .json
            : (console.output.isTerminal && ProcessInfo.processInfo.environment["TERM"] != "dumb" ? .live : .lines)
        let lease =
            noLock ? nil : LeasePolicy(waitTimeout: TimeInterval(DurationValue.parse(lockTimeout)?.seconds ?? 0))
        let options = ExecutorOptions(
            parallelism: run.parallelism, failFast: failFast, waiter: Waiter.fromEnvironment(), lease: lease)
        let executor = Executor(
            plan: plan, services: { try session.services(region: $0) }, options: options,
            events: ApplyProgress(mode: mode, stream: console.output), stop: stop)
        let report = await executor.run()
        console.output.write(format == .json ? ApplySummary.json(report) : ApplySummary.text(report))
        if report.interrupted { throw DBCopyExitCode.interrupted.exitCode }
        if report.failed { throw DBCopyExitCode.error.exitCode }
        if report.refused { throw DBCopyExitCode.refused.exitCode }
    }
}
