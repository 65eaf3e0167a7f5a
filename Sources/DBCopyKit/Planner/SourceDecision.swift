import Foundation

/// What a copy is restored from.
enum SourceChoice {
    /// A new on-demand backup, made by this run.
    case createBackup(name: String)
    /// An existing backup (`latest-backup`, `{backup_arn}`, or this job's own backup left by an
    /// interrupted run).
    case existing(BackupSnapshot, resumed: Bool)
    case pointInTime(Date?)

    var backupARN: String? {
        if case .existing(let backup, _) = self { return backup.arn }
        return nil
    }
}

extension CopyPlanner {
    mutating func planSource(target: TargetPlan) -> SourceChoice? {
        switch job.source {
        case .newBackup:
            if let pending = pendingBackup(target: target) {
                preconditions.append(.backup(pending, region: region))
                return .existing(pending, resumed: true)
            }
            let name = job.backupName.render(job: job.name, origin: origin.name, timestamp: timestamp)
            guard Self.isValidName(name) else {
                error(
                    "backup name \(name) is not valid (3–255 characters of letters, digits, _ . -)", key: "backup_name")
                return nil
            }
            changes.append(
                ResourceChange(
                    kind: .dynamodbBackup, name: name, action: .create,
                    reason: "backup of \(origin.name) (\(originSize))",
                    operation: .createBackup(CreateBackupStep(table: origin.name, backupName: name))))
            return .createBackup(name: name)
        case .latestBackup:
            guard let latest = rules.originBackups.first(where: { $0.status == "AVAILABLE" }) else {
                error("source is latest-backup but \(origin.name) has no AVAILABLE backup in \(region)", key: "source")
                return nil
            }
            preconditions.append(.backup(latest, region: region))
            return .existing(latest, resumed: false)
        case .backupARN(let arn):
            guard let backup = snapshot.backups.first(where: { $0.arn == arn }) else {
                error("backup \(arn) does not exist in \(region)", key: "source")
                return nil
            }
            guard backup.status == "AVAILABLE" else {
                error("backup \(backup.name) is \(backup.status); it must be AVAILABLE", key: "source")
                return nil
            }
            guard backup.tableName == origin.name else {
                error(
                    "backup \(backup.name) is of table \(backup.tableName), not of the origin \(origin.name)",
                    key: "source")
                return nil
            }
            preconditions.append(.backup(backup, region: region))
            return .existing(backup, resumed: false)
        case .pointInTime(let date):
            guard let pitr = origin.pointInTimeRecovery, pitr.enabled else {
                error("source is point-in-time but point-in-time recovery is off on \(origin.name)", key: "source")
                return nil
            }
            if let date, let earliest = pitr.earliestRestorable, let latest = pitr.latestRestorable,
                date < earliest || date > latest
            {
                error(
                    "\(date.formatted(.iso8601)) is outside \(origin.name)'s restorable window "
                        + "(\(earliest.formatted(.iso8601)) to \(latest.formatted(.iso8601)))", key: "source")
                return nil
            }
            return .pointInTime(date)
        }
    }

    /// `1,204 items, 3.1 MB`. DynamoDB refreshes these figures about every six hours, so a
    /// size of 0 next to items means "not reported yet", not empty: then only the items show.
    private var originSize: String {
        let items = "\(HumanFormat.count(origin.itemCount)) items"
        guard origin.sizeBytes > 0 || origin.itemCount == 0 else { return items }
        return "\(items), \(HumanFormat.bytes(origin.sizeBytes))"
    }

    /// This job's backup left by an interrupted run, to continue with instead of starting over:
    /// one still CREATING, or the AVAILABLE one an interrupted apply's lease names, if no copy
    /// was restored from it yet. (Any other AVAILABLE backup may be a finished run's: using it
    /// would restore old data.)
    private func pendingBackup(target: TargetPlan) -> BackupSnapshot? {
        if let creating = rules.ownBackups.first(where: { $0.status == "CREATING" }) { return creating }
        guard let noted = lease?.backupARN else { return nil }
        let copies = [target.existing].compactMap { $0 } + target.otherGenerations
        let used = Set(copies.compactMap { $0.restore?.sourceBackupARN })
        return rules.ownBackups.first { $0.arn == noted && $0.status == "AVAILABLE" && !used.contains($0.arn) }
    }

    /// Where a table being resumed was restored from (for display; nothing is restored again).
    func resumedSource(_ table: TableSnapshot) -> SourceChoice {
        if let arn = table.restore?.sourceBackupARN, let backup = snapshot.backups.first(where: { $0.arn == arn }) {
            return .existing(backup, resumed: true)
        }
        return .pointInTime(nil)
    }
}
