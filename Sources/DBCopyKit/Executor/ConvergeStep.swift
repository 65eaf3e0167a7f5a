import Foundation

extension CopyRun {
    /// Reads the restored table back and makes it what the plan says: capacity and billing
    /// (where an endpoint ignored the restore's overrides), table class, encryption, TTL, PITR,
    /// deletion protection, and finally the tags: `dbcopy:job` last marks the copy complete.
    func converge(_ step: RestoreStep, _ tables: any TableService) async throws {
        var table = try await waitUntilActive(step.target, tables)
        tableARN = table.arn
        let capacity = capacityUpdate(step, table)
        if !capacity.isEmpty {
            report("setting capacity", step.target)
            try await whenNotBusy("UpdateTable of \(step.target)") {
                try await tables.updateTable(step.target, capacity)
            }
            table = try await waitUntilActive(step.target, tables)
        }
        if let tableClass = step.tableClass, table.tableClass != tableClass {
            report("setting table class", step.target)
            try await whenNotBusy("UpdateTable of \(step.target)") {
                try await tables.updateTable(step.target, TableUpdate(tableClass: tableClass))
            }
            table = try await waitUntilActive(step.target, tables)
        }
        if let encryption = step.encryption, !matches(table.encryption, encryption) {
            report("setting encryption", step.target)
            try await whenNotBusy("UpdateTable of \(step.target)") {
                try await tables.updateTable(step.target, TableUpdate(encryption: encryption))
            }
            table = try await waitUntilActive(step.target, tables)
        }
        if let attribute = step.ttlAttribute {
            let ttl = try await tables.timeToLive(of: step.target)
            if !(ttl.isEnabled && ttl.attributeName == attribute) {
                report("enabling TTL", step.target)
                try await whenNotBusy("UpdateTimeToLive of \(step.target)") {
                    try await tables.enableTimeToLive(table: step.target, attribute: attribute)
                }
            }
        }
        if let enabled = step.pointInTimeRecovery {
            let pitr = try await tables.pointInTimeRecovery(of: step.target)
            if pitr.enabled != enabled {
                report("setting point-in-time recovery", step.target)
                try await whenNotBusy("UpdateContinuousBackups of \(step.target)") {
                    try await tables.setPointInTimeRecovery(table: step.target, enabled: enabled)
                }
            }
        }
        if let protection = step.deletionProtection, table.deletionProtection != protection {
            report("setting deletion protection", step.target)
            try await whenNotBusy("UpdateTable of \(step.target)") {
                try await tables.updateTable(step.target, TableUpdate(deletionProtection: protection))
            }
            table = try await waitUntilActive(step.target, tables)
        }
        report("tagging", step.target)
        let arn = table.arn
        try await whenNotBusy("TagResource of \(step.target)") { try await tables.tagResource(arn, tags: step.tags) }
    }

    private func capacityUpdate(_ step: RestoreStep, _ table: TableSnapshot) -> TableUpdate {
        var update = TableUpdate()
        if table.billing != step.billing {
            update.billing = step.billing
            update.capacity = step.capacity
            update.indexes = step.indexes
            return update
        }
        guard step.billing == .provisioned else { return update }
        if table.capacity != step.capacity { update.capacity = step.capacity }
        for (name, capacity) in step.indexes where table.index(named: name)?.capacity != capacity {
            update.indexes[name] = capacity
        }
        return update
    }

    private func matches(_ current: EncryptionSnapshot?, _ wanted: EncryptionSpec) -> Bool {
        switch wanted {
        case .awsOwned: return current?.sseType == nil
        case .awsManaged: return current?.sseType == "KMS"
        case .customerManaged(let key): return current?.sseType == "KMS" && current?.kmsKeyARN?.hasSuffix(key) == true
        }
    }
}
