import Foundation

/// Everything the planner decides from. No network, no clock of its own.
public struct PlannerInput: Sendable {
    public var document: PlanDocument
    /// `--job` names; nil for all jobs.
    public var selectedJobs: [String]?
    public var state: LiveState
    public var now: Date
    /// The region of each selected job (flag, job, environment, profile: resolved by the caller).
    public var regions: [String: String]

    public init(document: PlanDocument, selectedJobs: [String]?, state: LiveState, now: Date, regions: [String: String])
    {
        self.document = document
        self.selectedJobs = selectedJobs
        self.state = state
        self.now = now
        self.regions = regions
    }

    /// The selected jobs, in plan-file order.
    public var jobs: [JobSpec] {
        guard let selectedJobs else { return document.jobs }
        return document.jobs.filter { selectedJobs.contains($0.name) }
    }
}

/// (plan file, live state, clock) → the list of actions: a pure function, so `plan` and
/// `apply` can never disagree and every decision is unit-testable from fixtures.
public enum Planner {
    public static func plan(_ input: PlannerInput) -> Plan {
        let context = safeguardContext(input)
        var backupIndexes: [String: [String: [BackupSnapshot]]] = [:]
        var jobs: [JobPlan] = []
        for job in input.jobs {
            let region = input.regions[job.name] ?? job.region ?? "us-east-1"
            if backupIndexes[region] == nil { backupIndexes[region] = input.state[region].backupsByTable() }
            jobs.append(
                JobPlanner(
                    job: job, region: region, input: input, context: context, backups: backupIndexes[region] ?? [:]
                )
                .plan())
        }
        var plan = Plan(
            planFile: PlanFileReference(
                path: input.document.path, digest: "sha256:\(input.document.digest)", format: input.document.format),
            createdAt: input.now, selectedJobs: input.selectedJobs, safeguards: context, jobs: keepRestoreSources(jobs))
        plan.diagnostics = crossCopyConflicts(plan, document: input.document)
        return plan
    }

    /// Origins of every job in the file (not only the selected ones): a table that any job
    /// copies from is never deleted and never a target.
    static func safeguardContext(_ input: PlannerInput) -> SafeguardContext {
        var origins: [String] = []
        var patterns: [String] = []
        for job in input.document.jobs {
            switch job.origin {
            case .table(let name): origins.append(name)
            // The tables a pattern matches need no listing here: the context checks the pattern.
            case .match(let pattern): patterns.append(pattern)
            }
        }
        return SafeguardContext(
            protect: input.document.protect.map(\.glob), origins: Array(Set(origins)).sorted(),
            originPatterns: patterns)
    }

    /// Retention is planned job by job, so a job could destroy the backup that another job's
    /// copy restores from in the same apply (a `latest-backup` rotation using the newest backup
    /// a fixed-target job made): the restore would then fail, or run from a backup half gone.
    /// Such a backup stays, with a note; the job's retention takes it on a later apply.
    static func keepRestoreSources(_ jobs: [JobPlan]) -> [JobPlan] {
        var restoredFrom: [String: String] = [:]
        for copy in jobs.flatMap(\.copies) {
            for change in copy.changes {
                if case .restoreTable(let step) = change.operation, case .backup(let arn, _, _) = step.source {
                    restoredFrom[arn] = copy.job
                }
            }
        }
        guard !restoredFrom.isEmpty else { return jobs }
        return jobs.map { job in
            var job = job
            job.copies = job.copies.map { copy in
                var copy = copy
                copy.changes = copy.changes.filter { change in
                    guard case .deleteBackup(let step) = change.operation, let user = restoredFrom[step.arn] else {
                        return true
                    }
                    copy.notes.append("\(step.name) is kept: job \"\(user)\" restores from it")
                    return false
                }
                return copy
            }
            return job
        }
    }

    /// Two copies that would write the same table or the same SSM parameter.
    static func crossCopyConflicts(_ plan: Plan, document: PlanDocument) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var targets: [String: String] = [:]
        var parameters: [String: String] = [:]
        var backups: [String: String] = [:]
        for copy in plan.copies {
            let who = "job \"\(copy.job)\" (origin \(copy.origin))"
            let targetKey = "\(copy.region)/\(copy.target)"
            if let first = targets[targetKey] {
                diagnostics.append(
                    .error("\(who) and \(first) would both write table \(copy.target)", at: nil, file: document.path))
            } else {
                targets[targetKey] = who
            }
            for change in copy.changes where change.kind == .dynamodbBackup && change.action == .create {
                let key = "\(copy.region)/\(change.name)"
                if let first = backups[key], first != who {
                    diagnostics.append(
                        .error(
                            "\(who) and \(first) would both make a backup named \(change.name); "
                                + "use {origin} in backup_name to tell them apart", at: nil, file: document.path))
                }
                backups[key] = who
            }
            guard let parameter = copy.ssmParameter else { continue }
            let key = "\(copy.region)/\(parameter)"
            if let first = parameters[key] {
                diagnostics.append(
                    .error(
                        "\(who) and \(first) would both write SSM parameter \(parameter); "
                            + "use {origin} or {job} in ssm_parameter to tell them apart", at: nil, file: document.path)
                )
            } else {
                parameters[key] = who
            }
        }
        return diagnostics
    }
}
