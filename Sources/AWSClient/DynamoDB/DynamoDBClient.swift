import Foundation

/// DynamoDB's control plane, as dbcopy uses it, in one region. Made by `AWSSession.dynamoDB(region:)`.
///
/// Every call is retried by the session's policy. DynamoDB control-plane calls are safe to
/// repeat except in one way the caller must know: when a connection drops after DynamoDB
/// accepted a `CreateBackup`, the retry makes a second backup (same name, new ARN), and a
/// retried `RestoreTableFromBackup` may answer `TableAlreadyExistsException` for a restore that
/// in fact started. dbcopy's executor recognises both by backup name and `RestoreSummary`.
public struct DynamoDBClient: Sendable {
    let endpoint: ServiceEndpoint

    init(endpoint: ServiceEndpoint) { self.endpoint = endpoint }

    public var region: String { endpoint.region }
    /// The endpoint the calls go to (for messages and saved plans).
    public var endpointURL: URL { endpoint.url }

    /// Any DynamoDB operation by name, with a raw JSON body; returns the raw JSON answer.
    /// For tests and test support (CreateTable, PutItem, BatchWriteItem, Scan).
    public func send(operation: String, body: Data) async throws -> Data {
        try await endpoint.send(operation, body: body)
    }

    // MARK: Tables

    public func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput {
        try await endpoint.call("DescribeTable", input, as: DescribeTableOutput.self)
    }

    /// The table's description; `ResourceNotFoundException` when it does not exist.
    public func describeTable(tableName: String) async throws -> TableDescription {
        guard let table = try await describeTable(DescribeTableInput(tableName: tableName)).table else {
            throw AWSResponseError(service: "dynamodb", operation: "DescribeTable", detail: "no Table in the answer")
        }
        return table
    }

    /// One page of table names.
    public func listTables(_ input: ListTablesInput = ListTablesInput()) async throws -> ListTablesOutput {
        try await endpoint.call("ListTables", input, as: ListTablesOutput.self)
    }

    public func createTable(_ input: CreateTableInput) async throws -> TableDescriptionOutput {
        try await endpoint.call("CreateTable", input, as: TableDescriptionOutput.self)
    }

    public func updateTable(_ input: UpdateTableInput) async throws -> TableDescriptionOutput {
        try await endpoint.call("UpdateTable", input, as: TableDescriptionOutput.self)
    }

    public func deleteTable(_ input: DeleteTableInput) async throws -> TableDescriptionOutput {
        try await endpoint.call("DeleteTable", input, as: TableDescriptionOutput.self)
    }

    // MARK: Backups and restores

    public func createBackup(_ input: CreateBackupInput) async throws -> CreateBackupOutput {
        try await endpoint.call("CreateBackup", input, as: CreateBackupOutput.self)
    }

    /// CreateBackup that makes at most one backup. DynamoDB tells backups apart by ARN, not by
    /// name, so a CreateBackup repeated after its answer was lost makes a second backup of the
    /// same name. Here, after an attempt that may have reached DynamoDB, the table's backups are
    /// listed first: a backup of this name that was not there before the call is its answer.
    public func createBackupOnce(_ input: CreateBackupInput) async throws -> CreateBackupOutput {
        let filter = ListBackupsInput(tableName: input.tableName)
        let named = { @Sendable (backups: [BackupSummary]) in
            backups.filter { $0.backupName == input.backupName && $0.backupStatus != .deleted }
        }
        let earlier = Set(named(try await listAllBackups(filter)).compactMap(\.backupArn))
        return try await endpoint.call("CreateBackup", input, as: CreateBackupOutput.self) {
            guard
                let made = named(try await listAllBackups(filter)).first(where: {
                    !earlier.contains($0.backupArn ?? "")
                })
            else { return nil }
            let details = BackupDetails(
                backupArn: made.backupArn, backupName: made.backupName, backupSizeBytes: made.backupSizeBytes,
                backupStatus: made.backupStatus, backupType: made.backupType,
                backupCreationDateTime: made.backupCreationDateTime, backupExpiryDateTime: made.backupExpiryDateTime)
            return try AWSJSONCoding.encoder.encode(CreateBackupOutput(backupDetails: details))
        }
    }

    public func describeBackup(backupArn: String) async throws -> BackupDescriptionOutput {
        try await endpoint.call(
            "DescribeBackup", BackupArnInput(backupArn: backupArn), as: BackupDescriptionOutput.self)
    }

    /// One page of backups, filtered by DynamoDB (see `listAllBackups` for all pages).
    public func listBackups(_ input: ListBackupsInput) async throws -> ListBackupsOutput {
        try await endpoint.call("ListBackups", input, as: ListBackupsOutput.self)
    }

    public func deleteBackup(backupArn: String) async throws -> BackupDescriptionOutput {
        try await endpoint.call("DeleteBackup", BackupArnInput(backupArn: backupArn), as: BackupDescriptionOutput.self)
    }

    public func restoreTableFromBackup(_ input: RestoreTableFromBackupInput) async throws -> TableDescriptionOutput {
        try await endpoint.call("RestoreTableFromBackup", input, as: TableDescriptionOutput.self)
    }

    public func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws
        -> TableDescriptionOutput
    {
        try await endpoint.call("RestoreTableToPointInTime", input, as: TableDescriptionOutput.self)
    }

    // MARK: Tags, time to live, continuous backups

    public func tagResource(_ input: TagResourceInput) async throws {
        _ = try await endpoint.send("TagResource", body: AWSJSONCoding.encoder.encode(input))
    }

    public func untagResource(_ input: UntagResourceInput) async throws {
        _ = try await endpoint.send("UntagResource", body: AWSJSONCoding.encoder.encode(input))
    }

    /// One page of tags (see `listAllTags`).
    public func listTagsOfResource(_ input: ListTagsOfResourceInput) async throws -> ListTagsOfResourceOutput {
        try await endpoint.call("ListTagsOfResource", input, as: ListTagsOfResourceOutput.self)
    }

    public func describeTimeToLive(tableName: String) async throws -> DescribeTimeToLiveOutput {
        try await endpoint.call(
            "DescribeTimeToLive", TableNameInput(tableName: tableName), as: DescribeTimeToLiveOutput.self)
    }

    public func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput {
        try await endpoint.call("UpdateTimeToLive", input, as: UpdateTimeToLiveOutput.self)
    }

    public func describeContinuousBackups(tableName: String) async throws -> ContinuousBackupsOutput {
        try await endpoint.call(
            "DescribeContinuousBackups", TableNameInput(tableName: tableName), as: ContinuousBackupsOutput.self)
    }

    public func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> ContinuousBackupsOutput {
        try await endpoint.call("UpdateContinuousBackups", input, as: ContinuousBackupsOutput.self)
    }
}
