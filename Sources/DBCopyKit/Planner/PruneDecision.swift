import Foundation

extension CopyPlanner {
    /// Point the job's SSM parameter at the copy, unless it already does.
    mutating func planParameter(_ target: TargetPlan) {
        guard let spec = job.ssmParameter else { return }
        let name = spec.name.render(job: job.name, origin: origin.name, timestamp: "")
        let tableARN = target.existing.map(\.arn) ?? arn(ofTable: target.name)
        let value = spec.value == .arn ? tableARN : target.name
        let current = snapshot.parameters[name]?.value
        guard current != value else { return }
        changes.append(
            ResourceChange(
                kind: .ssmParameter, name: name, action: current == nil ? .create : .update,
                reason: current == nil ? "value = \(value)" : "value → \(value)",
                details: current.map { ["was \($0)"] } ?? [],
                operation: .putParameter(
                    PutParameterStep(name: name, value: value, valueKind: spec.value, previousValue: current))))
    }

    /// Rotation: this job's generations beyond `keep`, the new (or resumed) one counting as one.
    mutating func planGenerationPruning(_ target: TargetPlan) {
        guard case .rotation(let rotation) = job.destination else { return }
        // The target (new, resumed or fresh) is one of the `keep`; `otherGenerations` excludes it.
        for table in target.otherGenerations.dropFirst(max(0, rotation.keep - 1)) {
            guard table.status == "ACTIVE" else {
                notes.append("\(table.name) is \(table.status); pruning it waits for a later apply")
                continue
            }
            let candidate = DeletionCandidate(
                kind: .table, name: table.name, job: job.name, owner: table.tags?[OwnershipTag.job],
                deletionProtection: table.deletionProtection,
                jobEnablesDeletionProtection: job.deletionProtection == true)
            preconditions.append(.table(table, region: region))
            changes.append(
                ResourceChange(
                    kind: .dynamodbTable, name: table.name, action: .destroy,
                    reason: "rotation: keeps the newest \(rotation.keep)",
                    details: ["made by dbcopy on \(HumanFormat.day(OwnershipRules.madeAt(table)))"],
                    refusal: Safeguards.refusal(for: candidate, in: context),
                    operation: .deleteTable(
                        DeleteTableStep(
                            table: table.name, arn: table.arn, createdAt: table.createdAt,
                            disableDeletionProtection: table.deletionProtection))))
        }
    }

    /// `retention`: the job's own backups of the origin, and the safety backups of a fixed target,
    /// each kept by count and age. Never the backup this run restores from, nor one a restore is using.
    mutating func planRetention(usedBackup: String?) {
        guard !job.retention.keepsEverything else { return }
        let inUse = Set(
            snapshot.tables.values.filter { $0.status == "CREATING" }.compactMap { $0.restore?.sourceBackupARN }
        )
        .union([usedBackup].compactMap { $0 })
        let makesBackup = changes.contains { $0.kind == .dynamodbBackup && $0.action == .create }
        prune(rules.ownBackups, adding: makesBackup, keeping: inUse)
        if case .table(let fixed) = job.destination {
            let safety = job.safetyBackupName
            let safetyBackups = (backupsByTable[fixed] ?? []).filter {
                safety.recognise($0.name, job: job.name, origin: origin.name) != nil
            }
            let makesSafetyBackup = changes.contains {
                if case .restoreTable(let step) = $0.operation { return step.replacing?.makesSafetyBackup == true }
                return false
            }
            prune(safetyBackups, adding: makesSafetyBackup, keeping: inUse)
        }
    }

    private mutating func prune(_ backups: [BackupSnapshot], adding newOne: Bool, keeping inUse: Set<String>) {
        let live = backups.filter { $0.status == "AVAILABLE" || $0.status == "CREATING" }
        for (index, backup) in live.enumerated() where backup.status == "AVAILABLE" && !inUse.contains(backup.arn) {
            var reason: String? = nil
            if let keep = job.retention.backups, index + (newOne ? 1 : 0) >= keep {
                reason = "retention: keeps the newest \(keep)"
            } else if let maxAge = job.retention.maxAge,
                now.timeIntervalSince(backup.createdAt) > TimeInterval(maxAge.seconds)
            {
                reason = "retention: older than \(maxAge.text)"
            }
            guard let reason else { continue }
            let candidate = DeletionCandidate(kind: .backup, name: backup.name, job: job.name, owner: job.name)
            preconditions.append(.backup(backup, region: region))
            changes.append(
                ResourceChange(
                    kind: .dynamodbBackup, name: backup.name, action: .destroy, reason: reason,
                    details: ["backup of \(backup.tableName), made \(HumanFormat.minute(backup.createdAt))"],
                    refusal: Safeguards.refusal(for: candidate, in: context),
                    operation: .deleteBackup(
                        DeleteBackupStep(arn: backup.arn, name: backup.name, table: backup.tableName))))
        }
    }
}
