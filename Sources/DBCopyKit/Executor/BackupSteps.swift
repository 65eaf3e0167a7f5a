import Foundation

extension CopyRun {
    /// CreateBackup, then wait until it is AVAILABLE.
    func createBackup(_ step: CreateBackupStep, _ tables: any TableService) async throws -> String {
        report("creating backup", step.backupName)
        let backup = try await whenNotBusy("CreateBackup of \(step.table)") {
            try await tables.createBackup(table: step.table, name: step.backupName)
        }
        // Noted before waiting: if this apply dies now, the next one continues from this backup.
        try await keeper?.recordBackup(backup.arn)
        try await waitForBackup(backup.arn, name: step.backupName, tables)
        return backup.arn
    }

    func waitForBackup(_ arn: String, name: String, _ tables: any TableService) async throws {
        try await waiter.wait(for: "backup \(name) to become AVAILABLE", timeout: timeout, report: progress(name)) {
            guard let backup = try await tables.describeBackup(arn) else {
                throw ExecutionError.failed("backup \(name) disappeared while it was being created")
            }
            return backup.status == "AVAILABLE" ? .done(()) : .pending(status: backup.status)
        }
    }

    /// Retention: delete one of the job's backups, after checking on fresh state that it is
    /// still the planned backup and no safeguard objects.
    func deleteBackup(_ step: DeleteBackupStep, _ tables: any TableService) async throws {
        guard let backup = try await tables.describeBackup(step.arn) else { return }
        guard backup.name == step.name else {
            throw ExecutionError.changedSincePlan("backup \(step.arn) is now named \(backup.name), not \(step.name)")
        }
        guard backup.status == "AVAILABLE" else {
            throw ExecutionError.changedSincePlan("backup \(step.name) is \(backup.status), not AVAILABLE")
        }
        let candidate = DeletionCandidate(kind: .backup, name: backup.name, job: copy.job, owner: copy.job)
        if let refusal = Safeguards.refusal(for: candidate, in: context) { throw ExecutionError.refused(refusal) }
        report("deleting backup", step.name)
        try await whenNotBusy("DeleteBackup of \(step.name)") { try await tables.deleteBackup(step.arn) }
    }
}
