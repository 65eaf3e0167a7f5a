import AWSClient
import Foundation

extension AWSError: ServiceErrorCode {
    public var serviceErrorCode: String? { code }
}

/// `TableService` over the AWS client's DynamoDB operations: AWS shapes in, snapshots out.
public struct AWSTableService: TableService {
    let client: DynamoDBClient

    public init(client: DynamoDBClient) { self.client = client }

    public func listTableNames() async throws -> [String] { try await client.listAllTables() }

    public func describeTable(_ name: String) async throws -> TableSnapshot? {
        do {
            return TableSnapshot(try await client.describeTable(tableName: name))
        } catch  where isAWSError(error, code: "ResourceNotFoundException") {
            return nil
        }
    }

    public func tags(ofResource arn: String) async throws -> [String: String] {
        let tags = try await client.listAllTags(resourceArn: arn)
        return Dictionary(tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public func timeToLive(of table: String) async throws -> TTLSnapshot {
        let description = try await client.describeTimeToLive(tableName: table).timeToLiveDescription
        return TTLSnapshot(
            status: description?.timeToLiveStatus?.rawValue ?? "DISABLED", attributeName: description?.attributeName)
    }

    public func pointInTimeRecovery(of table: String) async throws -> PITRSnapshot {
        let description = try await client.describeContinuousBackups(tableName: table).continuousBackupsDescription
        let pitr = description?.pointInTimeRecoveryDescription
        return PITRSnapshot(
            enabled: pitr?.pointInTimeRecoveryStatus?.rawValue == "ENABLED",
            earliestRestorable: pitr?.earliestRestorableDateTime, latestRestorable: pitr?.latestRestorableDateTime)
    }

    public func backups(of table: String) async throws -> [BackupSnapshot] {
        let summaries = try await client.listAllBackups(ListBackupsInput(tableName: table, backupType: .all))
        return summaries.compactMap(BackupSnapshot.init).sorted { $0.createdAt > $1.createdAt }
    }

    public func describeBackup(_ arn: String) async throws -> BackupSnapshot? {
        do {
            guard let description = try await client.describeBackup(backupArn: arn).backupDescription,
                let details = description.backupDetails,
                let backup = BackupSnapshot(details, source: description.sourceTableDetails)
            else { return nil }
            return backup.status == "DELETED" ? nil : backup
        } catch  where isAWSError(error, code: "BackupNotFoundException") {
            return nil
        }
    }

    public func createBackup(table: String, name: String) async throws -> BackupSnapshot {
        // At most one backup per step: a repeated CreateBackup would leave a second one behind.
        let output = try await client.createBackupOnce(CreateBackupInput(tableName: table, backupName: name))
        guard let details = output.backupDetails, let backup = BackupSnapshot(details, tableName: table) else {
            throw ExecutionError.failed("CreateBackup of \(table) returned no backup details")
        }
        return backup
    }

    public func deleteBackup(_ arn: String) async throws {
        do {
            _ = try await client.deleteBackup(backupArn: arn)
        } catch  where isAWSError(error, code: "BackupNotFoundException") {
            return
        }
    }

    public func deleteTable(_ name: String) async throws {
        do {
            _ = try await client.deleteTable(DeleteTableInput(tableName: name))
        } catch  where isAWSError(error, code: "ResourceNotFoundException") {
            return
        }
    }

    public func tagResource(_ arn: String, tags: [String: String]) async throws {
        let list = tags.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) }
        try await client.tagResource(TagResourceInput(resourceArn: arn, tags: list))
    }

    public func enableTimeToLive(table: String, attribute: String) async throws {
        _ = try await client.updateTimeToLive(
            UpdateTimeToLiveInput(
                tableName: table,
                timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: attribute)))
    }

    public func setPointInTimeRecovery(table: String, enabled: Bool) async throws {
        _ = try await client.updateContinuousBackups(
            UpdateContinuousBackupsInput(
                tableName: table,
                pointInTimeRecoverySpecification: PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: enabled))
        )
    }
}
