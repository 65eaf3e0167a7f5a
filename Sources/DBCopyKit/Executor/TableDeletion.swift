import Foundation

extension CopyRun {
    /// The table as it is now, if deleting it is still what the plan meant and every safeguard
    /// allows it on fresh state; nil if it is already gone.
    func tableForDeletion(
        _ name: String, plannedCreatedAt: Date, adopt: Bool, jobTurnedOnProtection: Bool,
        _ tables: any TableService
    ) async throws -> TableSnapshot? {
        guard let table = try await tables.describeTable(name) else { return nil }
        // A table's ARN does not change when it is deleted and made again: its creation time does.
        guard abs(table.createdAt.timeIntervalSince(plannedCreatedAt)) < 1 else {
            throw ExecutionError.changedSincePlan(
                "table \(name) was made again since the plan (created \(HumanFormat.minute(table.createdAt)))")
        }
        guard table.status == "ACTIVE" else {
            throw ExecutionError.changedSincePlan("table \(name) is \(table.status), not ACTIVE as planned")
        }
        let tags = try await tables.tags(ofResource: table.arn)
        let candidate = DeletionCandidate(
            kind: .table, name: name, job: copy.job, owner: tags[OwnershipTag.job], adopt: adopt,
            deletionProtection: table.deletionProtection, jobEnablesDeletionProtection: jobTurnedOnProtection)
        if let refusal = Safeguards.refusal(for: candidate, in: context) { throw ExecutionError.refused(refusal) }
        return table
    }

    /// Turns deletion protection off (only ever after the safeguard check allowed it), deletes,
    /// and waits until the table is gone.
    func delete(_ table: TableSnapshot, _ tables: any TableService) async throws {
        if table.deletionProtection {
            report("turning off deletion protection", table.name)
            try await whenNotBusy("UpdateTable of \(table.name)") {
                try await tables.updateTable(table.name, TableUpdate(deletionProtection: false))
            }
            try await waitUntilActive(table.name, tables)
        }
        report("deleting table", table.name)
        try await whenNotBusy("DeleteTable of \(table.name)") { try await tables.deleteTable(table.name) }
        try await waiter.wait(for: "table \(table.name) to be deleted", timeout: timeout, report: progress(table.name))
        {
            guard let current = try await tables.describeTable(table.name) else { return .done(()) }
            return .pending(status: current.status)
        }
    }

    /// Rotation: delete an old generation.
    func deleteGeneration(_ step: DeleteTableStep, _ tables: any TableService) async throws {
        guard
            let table = try await tableForDeletion(
                step.table, plannedCreatedAt: step.createdAt, adopt: false,
                jobTurnedOnProtection: step.disableDeletionProtection, tables)
        else { return }
        try await delete(table, tables)
    }

    /// Waits until the table is ACTIVE with no restore in progress and every index ACTIVE.
    @discardableResult
    func waitUntilActive(_ name: String, _ tables: any TableService) async throws -> TableSnapshot {
        try await waiter.wait(for: "table \(name) to become ACTIVE", timeout: timeout, report: progress(name)) {
            guard let table = try await tables.describeTable(name) else { return .pending(status: "NOT_FOUND") }
            if table.status != "ACTIVE" { return .pending(status: table.status) }
            if table.restore?.inProgress == true { return .pending(status: "RESTORING") }
            if let index = table.indexes.first(where: { $0.status != "ACTIVE" }) {
                return .pending(status: "index \(index.name) \(index.status)")
            }
            return .done(table)
        }
    }
}
