import Foundation

extension CopyRun {
    /// The restore change: (safety backup, delete of the replaced target) → restore → ACTIVE →
    /// converge. With `resume`, only waits for an interrupted run's restore and converges it.
    func restore(_ step: RestoreStep, _ tables: any TableService) async throws {
        if step.resume {
            try await expectUnfinished(step.target, tables)
            report("finishing interrupted copy", step.target)
        } else {
            let source = try await restoreSource(step, tables)
            if let replacing = step.replacing { try await replace(step.target, replacing, tables) }
            let request = RestoreRequest(
                target: step.target, source: source, sourceTable: copy.origin, billing: step.billing,
                capacity: step.capacity,
                indexes: step.indexes, encryption: step.encryption)
            try await restoreLimiter.run {
                try await self.startRestore(request, tables)
                try await self.waitUntilActive(step.target, tables)
            }
        }
        try await converge(step, tables)
    }

    /// A resumed copy was planned as an interrupted run's restore, not yet tagged (tags come
    /// last). Tagged now, another apply (one this apply waited for with --lock-timeout) has
    /// finished it since: nothing is left to do, and its tags and parameter are that apply's.
    private func expectUnfinished(_ name: String, _ tables: any TableService) async throws {
        guard let table = try await tables.describeTable(name),
            let owner = try await tables.tags(ofResource: table.arn)[OwnershipTag.job]
        else { return }
        throw ExecutionError.changedSincePlan(
            "live state changed since the plan (\(name) was finished since, tagged \(OwnershipTag.job)=\(owner))")
    }

    private func restoreSource(_ step: RestoreStep, _ tables: any TableService) async throws -> RestoreRequest.Source {
        switch step.source {
        case .newBackup(let name):
            guard let arn = newBackupARN else { throw ExecutionError.failed("backup \(name) was not made") }
            return .backup(arn: arn)
        case .backup(let arn, let name, let inProgress):
            if inProgress { try await waitForBackup(arn, name: name, tables) }
            return .backup(arn: arn)
        case .pointInTime(let table, _, let at):
            return .pointInTime(table: table, at: at)
        }
    }

    /// Safety backup, then delete the fixed target, re-checking every safeguard first.
    private func replace(_ name: String, _ replacing: ReplacedTable, _ tables: any TableService) async throws {
        guard
            let table = try await tableForDeletion(
                name, plannedCreatedAt: replacing.createdAt, adopt: replacing.adopt,
                jobTurnedOnProtection: replacing.disableDeletionProtection, tables)
        else { return }
        if let safety = replacing.safetyBackupName {
            let arn: String
            if let made = replacing.safetyBackupARN {
                arn = made
            } else {
                report("creating safety backup", safety)
                arn = try await whenNotBusy("CreateBackup of \(name)") {
                    try await tables.createBackup(table: name, name: safety)
                }.arn
            }
            try await waitForBackup(arn, name: safety, tables)
        }
        try await delete(table, tables)
    }

    private func startRestore(_ request: RestoreRequest, _ tables: any TableService) async throws {
        report("restoring", request.target)
        do {
            try await whenNotBusy("the restore of \(request.target)") { try await tables.restore(request) }
        } catch  where isAWSError(error, code: "TableAlreadyExistsException") {
            // A retried call whose first attempt went through: fine if it is our restore.
            guard let table = try await tables.describeTable(request.target), restoredFrom(table, request.source) else {
                throw ExecutionError.changedSincePlan("table \(request.target) appeared since the plan")
            }
        }
    }

    private func restoredFrom(_ table: TableSnapshot, _ source: RestoreRequest.Source) -> Bool {
        switch source {
        case .backup(let arn): return table.restore?.sourceBackupARN == arn
        case .pointInTime: return table.restore?.sourceTableARN == copy.originARN
        }
    }

    /// Point the SSM parameter at the copy (its ARN as read back, when this run converged it).
    func publish(_ step: PutParameterStep, _ parameters: any ParameterService) async throws {
        let value = step.valueKind == .arn ? (tableARN ?? step.value) : step.value
        report("publishing SSM parameter", step.name)
        try await parameters.putParameter(step.name, value: value)
    }
}
