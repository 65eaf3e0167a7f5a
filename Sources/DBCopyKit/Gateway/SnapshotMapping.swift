import AWSClient
import Foundation

// AWS shapes → the planner's snapshots. Missing fields get neutral values, never a crash:
// endpoints (moto among them) leave some out.

extension TableSnapshot {
    init(_ description: TableDescription) {
        let onDemand = description.billingMode == .payPerRequest
        func capacity(_ throughput: ProvisionedThroughputDescription?) -> Capacity? {
            guard !onDemand, let read = throughput?.readCapacityUnits, let write = throughput?.writeCapacityUnits else {
                return nil
            }
            return Capacity(read: read, write: write)
        }
        let encryption = description.sseDescription.flatMap { sse -> EncryptionSnapshot? in
            guard sse.status?.rawValue == "ENABLED" || sse.status?.rawValue == "UPDATING" else { return nil }
            return EncryptionSnapshot(sseType: sse.sseType?.rawValue, kmsKeyARN: sse.kmsMasterKeyArn)
        }
        let restore = description.restoreSummary.map {
            RestoreSnapshot(
                sourceBackupARN: $0.sourceBackupArn, sourceTableARN: $0.sourceTableArn, restoredAt: $0.restoreDateTime,
                inProgress: $0.restoreInProgress ?? false)
        }
        self.init(
            name: description.tableName ?? "", arn: description.tableArn ?? "",
            status: description.tableStatus?.rawValue ?? "ACTIVE",
            createdAt: description.creationDateTime ?? .distantPast,
            itemCount: Int64(description.itemCount ?? 0), sizeBytes: Int64(description.tableSizeBytes ?? 0),
            billing: onDemand ? .onDemand : .provisioned, capacity: capacity(description.provisionedThroughput),
            indexes: (description.globalSecondaryIndexes ?? []).map {
                IndexSnapshot(
                    name: $0.indexName ?? "", status: $0.indexStatus?.rawValue ?? "ACTIVE",
                    capacity: capacity($0.provisionedThroughput))
            },
            encryption: encryption,
            tableClass: description.tableClassSummary?.tableClass.flatMap { tableClass in
                tableClass.rawValue == "STANDARD_INFREQUENT_ACCESS" ? .standardInfrequentAccess : .standard
            },
            deletionProtection: description.deletionProtectionEnabled ?? false, restore: restore)
    }
}

extension BackupSnapshot {
    init?(_ summary: BackupSummary) {
        guard let arn = summary.backupArn else { return nil }
        self.init(
            arn: arn, name: summary.backupName ?? "", tableName: summary.tableName ?? "", tableARN: summary.tableArn,
            status: summary.backupStatus?.rawValue ?? "AVAILABLE", type: summary.backupType?.rawValue ?? "USER",
            createdAt: summary.backupCreationDateTime ?? .distantPast,
            sizeBytes: summary.backupSizeBytes.map(Int64.init))
    }

    init?(_ details: BackupDetails, source: SourceTableDetails? = nil, tableName: String? = nil) {
        guard let arn = details.backupArn else { return nil }
        self.init(
            arn: arn, name: details.backupName ?? "",
            tableName: source?.tableName ?? tableName ?? Self.tableName(fromBackupARN: arn),
            tableARN: source?.tableArn, status: details.backupStatus?.rawValue ?? "AVAILABLE",
            type: details.backupType?.rawValue ?? "USER", createdAt: details.backupCreationDateTime ?? .distantPast,
            sizeBytes: details.backupSizeBytes.map(Int64.init))
    }

    /// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/ID` → NAME.
    static func tableName(fromBackupARN arn: String) -> String {
        let parts = arn.split(separator: "/")
        return parts.count >= 4 ? String(parts[1]) : ""
    }
}
