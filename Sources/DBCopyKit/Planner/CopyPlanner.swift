import Foundation

/// Plans one copy (one origin to one target): the backup, the restore (creating, replacing or
/// finishing the target), the SSM parameter, pruning old generations and backups. Changes are
/// appended in the order the executor carries them out.
struct CopyPlanner {
    let job: JobSpec
    let region: String
    let origin: TableSnapshot
    let snapshot: RegionSnapshot
    let context: SafeguardContext
    let now: Date
    let timestamp: String
    let rules: OwnershipRules

    var diagnostics: [Diagnostic] = []
    var changes: [ResourceChange] = []
    var notes: [String] = []
    var preconditions: [Precondition] = []

    /// The region's backups by table name, newest first.
    let backupsByTable: [String: [BackupSnapshot]]

    init(
        job: JobSpec, region: String, origin: TableSnapshot, snapshot: RegionSnapshot,
        backups: [String: [BackupSnapshot]], context: SafeguardContext, now: Date
    ) {
        self.job = job
        self.region = region
        self.origin = origin
        self.snapshot = snapshot
        self.context = context
        self.now = now
        self.timestamp = CopyTimestamp.format(now)
        self.backupsByTable = backups
        let originBackups = backups[origin.name] ?? []
        self.rules = OwnershipRules(
            job: job, origin: origin,
            ownBackups: originBackups.filter {
                job.backupName.recognise($0.name, job: job.name, origin: origin.name) != nil
            },
            originBackups: originBackups, now: now)
    }

    /// The copy, or nil when an error (recorded in `diagnostics`) leaves nothing to show.
    mutating func plan() -> CopyPlan? {
        guard ["ACTIVE", "UPDATING"].contains(origin.status) else {
            error("origin table \(origin.name) is \(origin.status); it must be ACTIVE to be copied", key: "origin")
            return nil
        }
        preconditions.append(.table(origin, region: region))
        if let lease {
            let who = "\(lease.host) (pid \(lease.pid), since \(HumanFormat.minute(lease.acquiredAt)))"
            notes.append(
                lease.expiresAt > now
                    ? "an apply on \(who) holds this copy's lease; apply waits for it (--lock-timeout) or stops"
                    : "an apply on \(who) stopped before finishing this copy; apply continues from where it stopped")
        }
        guard let target = planTarget() else { return nil }
        let errorsBefore = diagnostics.count
        var usedBackup: String? = nil
        if target.needsCopy {
            guard let source = planSource(target: target) else { return copyPlan(target) }
            usedBackup = source.backupARN
            guard let step = restoreStep(target: target, source: source) else { return copyPlan(target) }
            changes.append(restoreChange(target: target, source: source, step: step))
        } else if case .resume(let table) = target.kind {
            guard let step = restoreStep(target: target, source: resumedSource(table)) else { return copyPlan(target) }
            changes.append(resumeChange(table, step: step))
        }
        guard diagnostics.count == errorsBefore else { return copyPlan(target) }
        planParameter(target)
        planGenerationPruning(target)
        planRetention(usedBackup: usedBackup)
        return copyPlan(target)
    }

    private func copyPlan(_ target: TargetPlan) -> CopyPlan {
        CopyPlan(
            job: job.name, region: region, origin: origin.name, originARN: origin.arn, target: target.name,
            ssmParameter: job.ssmParameter.map { $0.name.render(job: job.name, origin: origin.name, timestamp: "") },
            notes: notes, changes: changes, preconditions: preconditions, waitTimeoutSeconds: job.waitTimeout.seconds)
    }

    mutating func error(_ message: String, key: String) {
        diagnostics.append(.error("job \"\(job.name)\": \(message)", at: job.mark(of: key)))
    }

    mutating func warning(_ message: String, key: String) {
        diagnostics.append(.warning("job \"\(job.name)\": \(message)", at: job.mark(of: key)))
    }

    /// This copy's lease, if an apply holds it or one that died left it.
    var lease: LeaseRecord? {
        snapshot.parameters[LeaseRecord.parameterName(job: job.name, origin: origin.name)].flatMap {
            LeaseRecord.parse($0.value)
        }
    }

    /// The ARN a table named `name` gets in the origin's account and region.
    func arn(ofTable name: String) -> String {
        guard let range = origin.arn.range(of: ":table/") else { return name }
        return origin.arn[..<range.upperBound] + name
    }

    /// Why no table may be created under `name`, if so.
    func creationRefusal(_ name: String) -> String? {
        if let pattern = context.protectingPattern(of: name) {
            return "\(name) matches protect pattern \"\(pattern)\": never a target"
        }
        if context.isOrigin(name) { return "\(name) is the origin of a job in this plan file: never a target" }
        return nil
    }

    /// DynamoDB's naming rule for tables and backups: 3–255 characters of `[a-zA-Z0-9_.-]`.
    static func isValidName(_ name: String) -> Bool {
        (3...255).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2E || byte == 0x2D
            }
    }
}
