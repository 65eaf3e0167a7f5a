import Foundation

extension CopyPlanner {
    /// The restore with every override and post-restore setting; nil (with an error) when the
    /// job asks for something the origin cannot give (a GSI it lacks, provisioned without capacity).
    mutating func restoreStep(target: TargetPlan, source: SourceChoice) -> RestoreStep? {
        let originIndexes = Set(origin.indexes.map(\.name))
        for name in job.indexes.keys.sorted() where !originIndexes.contains(name) {
            let known =
                originIndexes.isEmpty ? "it has none" : "it has " + originIndexes.sorted().joined(separator: ", ")
            diagnostics.append(
                .error(
                    "job \"\(job.name)\": index \(name) is not a global secondary index of \(origin.name) (\(known))",
                    at: job.mark(of: "indexes.\(name)")))
        }
        guard originIndexes.isSuperset(of: job.indexes.keys) else { return nil }

        let billing = job.billing ?? (job.capacity != nil ? .provisioned : origin.billing)
        var capacity: Capacity? = nil
        var indexes: [String: Capacity] = [:]
        if billing == .provisioned {
            guard let tableCapacity = job.capacity ?? origin.capacity else {
                error("\(origin.name) is on-demand; billing: provisioned needs capacity: {read, write}", key: "billing")
                return nil
            }
            capacity = tableCapacity
            // The job's own capacity sizes every index it does not name; without one, each index
            // keeps the origin's capacity.
            for index in origin.indexes {
                indexes[index.name] = job.indexes[index.name] ?? job.capacity ?? index.capacity ?? tableCapacity
            }
        }
        var restoreSource: RestoreSource
        switch source {
        case .createBackup(let name): restoreSource = .newBackup(name: name)
        case .existing(let backup, _):
            restoreSource = .backup(arn: backup.arn, name: backup.name, inProgress: backup.status == "CREATING")
        case .pointInTime(let date): restoreSource = .pointInTime(table: origin.name, tableARN: origin.arn, at: date)
        }
        var replacing: ReplacedTable? = nil
        if case .replace(let table, let adopt, let disable, _) = target.kind {
            let made = job.backupBeforeReplace ? interruptedSafetyBackup(of: table) : nil
            replacing = ReplacedTable(
                arn: table.arn, createdAt: table.createdAt,
                safetyBackupName: job.backupBeforeReplace
                    ? made?.name
                        ?? job.safetyBackupName.render(job: job.name, origin: origin.name, timestamp: timestamp)
                    : nil,
                safetyBackupARN: made?.arn, disableDeletionProtection: disable, adopt: adopt)
        }
        let ttlAttribute = job.ttl == .copy && (origin.ttl?.isEnabled ?? false) ? origin.ttl?.attributeName : nil
        return RestoreStep(
            target: target.name, source: restoreSource, replacing: replacing, resume: !target.needsCopy,
            billing: billing, capacity: capacity, indexes: indexes, encryption: job.encryption,
            tags: copyTags(madeAt: target.needsCopy ? now : (target.existing?.createdAt ?? now)),
            ttlAttribute: ttlAttribute, pointInTimeRecovery: job.pointInTimeRecovery,
            deletionProtection: job.deletionProtection, tableClass: job.tableClass)
    }

    /// A safety backup of this very table (made after it was created, so not of an earlier copy
    /// under the same name) that a killed or interrupted run made and did not get to use: the
    /// table is still there, so the run stopped between backing it up and deleting it.
    private func interruptedSafetyBackup(of table: TableSnapshot) -> BackupSnapshot? {
        let template = job.safetyBackupName
        return (backupsByTable[table.name] ?? []).filter {
            ($0.status == "CREATING" || $0.status == "AVAILABLE") && $0.createdAt > table.createdAt
                && template.recognise($0.name, job: job.name, origin: origin.name) != nil
        }.max { $0.createdAt < $1.createdAt }
    }

    /// Copied origin tags (never `aws:*` or `dbcopy:*`), then the job's `tags`, then dbcopy's own.
    private func copyTags(madeAt: Date) -> [String: String] {
        var tags: [String: String] = [:]
        let originTags = (origin.tags ?? [:]).filter { !$0.key.hasPrefix("aws:") && !$0.key.hasPrefix("dbcopy:") }
        switch job.copyTags {
        case .none: break
        case .all: tags = originTags
        case .keys(let keys): tags = originTags.filter { keys.contains($0.key) }
        }
        tags.merge(job.tags) { _, jobValue in jobValue }
        tags[OwnershipTag.job] = job.name
        tags[OwnershipTag.origin] = origin.name
        tags[OwnershipTag.createdAt] = OwnershipTag.format(madeAt)
        return tags
    }

    func restoreChange(target: TargetPlan, source: SourceChoice, step: RestoreStep) -> ResourceChange {
        var reason = sourceDescription(source)
        var details = settingsDetails(step)
        var action = ResourceChange.Action.create
        var refusal: String? = nil
        switch target.kind {
        case .create(let why): refusal = why
        case .replace(let table, let adopt, _, let why):
            action = .replace
            refusal = why
            switch table.tags?[OwnershipTag.job] {
            case job.name?: reason += "; made by dbcopy on \(HumanFormat.day(OwnershipRules.madeAt(table)))"
            case let other?: reason += "; made by dbcopy job \"\(other)\""
            case nil where adopt && why == nil:
                reason += "; adopts \(table.name), which dbcopy did not make (replace: adopt)"
            case nil: reason += "; \(table.name) was not made by dbcopy"
            }
            if let safety = step.replacing?.safetyBackupName {
                let made = step.replacing?.safetyBackupARN != nil ? " (an interrupted run made it)" : ""
                details.append("safety backup \(safety) first\(made)")
            }
            if step.replacing?.disableDeletionProtection == true {
                details.append("deletion protection turned off first (this job turned it on)")
            }
        case .resume, .fresh: break
        }
        return ResourceChange(
            kind: .dynamodbTable, name: target.name, action: action, reason: reason, details: details,
            refusal: refusal, operation: .restoreTable(step))
    }

    func resumeChange(_ table: TableSnapshot, step: RestoreStep) -> ResourceChange {
        let state = table.status == "ACTIVE" ? "restored" : "still \(table.status)"
        return ResourceChange(
            kind: .dynamodbTable, name: table.name, action: .update,
            reason: "finish the copy an interrupted run started (\(state)): wait until ACTIVE, then apply settings",
            details: settingsDetails(step), operation: .restoreTable(step))
    }

    private func sourceDescription(_ source: SourceChoice) -> String {
        switch source {
        case .createBackup: return "restore from the new backup"
        case .existing(let backup, let resumed):
            if backup.status == "CREATING" {
                return "restore from backup \(backup.name) (an interrupted run is still making it)"
            }
            let made = "made \(HumanFormat.minute(backup.createdAt))"
            return "restore from backup \(backup.name) (\(resumed ? "\(made) by an interrupted run" : made))"
        case .pointInTime(let date):
            return "restore \(origin.name) as of " + (date.map(HumanFormat.minute) ?? "the latest restorable time")
        }
    }

    /// `billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1`, then settings.
    private func settingsDetails(_ step: RestoreStep) -> [String] {
        let originCapacity = origin.capacity.map { "\($0.read)/\($0.write)" } ?? origin.billing.rawValue
        var billing =
            "billing:  \(HumanFormat.billing(step.billing, step.capacity)) "
            + "(origin \(originCapacity))"
        for name in step.indexes.keys.sorted() {
            if let capacity = step.indexes[name] { billing += "   index \(name): \(capacity.read)/\(capacity.write)" }
        }
        var lines = [billing]
        let userTags = step.tags.filter { !$0.key.hasPrefix("dbcopy:") }.sorted { $0.key < $1.key }
        if !userTags.isEmpty {
            lines.append("tags:     " + userTags.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if let attribute = step.ttlAttribute { lines.append("ttl:      on (\(attribute), as the origin)") }
        if let pitr = step.pointInTimeRecovery { lines.append("point-in-time recovery: \(pitr ? "on" : "off")") }
        if let protection = step.deletionProtection {
            lines.append("deletion protection: \(protection ? "on" : "off")")
        }
        if let tableClass = step.tableClass { lines.append("table class: \(tableClass.rawValue)") }
        if let encryption = step.encryption {
            switch encryption {
            case .awsOwned: lines.append("encryption: AWS owned key")
            case .awsManaged: lines.append("encryption: AWS managed key (aws/dynamodb)")
            case .customerManaged(let key): lines.append("encryption: KMS key \(key)")
            }
        }
        return lines
    }
}
