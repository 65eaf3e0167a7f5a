import Foundation

// Backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup.

public struct CreateBackupInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public var backupName: String
    public init(tableName: String, backupName: String) {
        self.tableName = tableName
        self.backupName = backupName
    }
}

public struct CreateBackupOutput: Codable, Sendable, Hashable {
    public var backupDetails: BackupDetails?
}

public struct BackupDetails: Codable, Sendable, Hashable {
    public var backupArn: String?
    public var backupName: String?
    public var backupSizeBytes: Int?
    public var backupStatus: BackupStatus?
    public var backupType: BackupType?
    public var backupCreationDateTime: Date?
    public var backupExpiryDateTime: Date?
}

public struct BackupArnInput: Encodable, Sendable, Hashable {
    public var backupArn: String
    public init(backupArn: String) { self.backupArn = backupArn }
}

/// Answer of DescribeBackup and DeleteBackup.
public struct BackupDescriptionOutput: Decodable, Sendable, Hashable {
    public var backupDescription: BackupDescription?
}

public struct BackupDescription: Codable, Sendable, Hashable {
    public var backupDetails: BackupDetails?
    public var sourceTableDetails: SourceTableDetails?
    public var sourceTableFeatureDetails: SourceTableFeatureDetails?
}

/// The origin table as it was when the backup was taken: what a restore will recreate.
public struct SourceTableDetails: Codable, Sendable, Hashable {
    public var tableName: String?
    public var tableId: String?
    public var tableArn: String?
    public var tableSizeBytes: Int?
    public var keySchema: [KeySchemaElement]?
    public var tableCreationDateTime: Date?
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?
    public var itemCount: Int?
    public var billingMode: BillingMode?
}

public struct SourceTableFeatureDetails: Codable, Sendable, Hashable {
    public var localSecondaryIndexes: [LocalSecondaryIndexInfo]?
    public var globalSecondaryIndexes: [GlobalSecondaryIndexInfo]?
    public var streamDescription: StreamSpecification?
    public var timeToLiveDescription: TimeToLiveDescription?
    public var sseDescription: SSEDescription?
}

public struct LocalSecondaryIndexInfo: Codable, Sendable, Hashable {
    public var indexName: String?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
}

public struct GlobalSecondaryIndexInfo: Codable, Sendable, Hashable {
    public var indexName: String?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?
}

/// ListBackups. The type and time filters are applied by DynamoDB; `listAllBackups` applies
/// them again on the answers, so endpoints that ignore them (moto) still give right results.
public struct ListBackupsInput: Encodable, Sendable, Hashable {
    public var tableName: String?
    public var backupType: BackupTypeFilter?
    /// Only backups created at or after this instant.
    public var timeRangeLowerBound: Date?
    /// Only backups created before this instant.
    public var timeRangeUpperBound: Date?
    public var exclusiveStartBackupArn: String?
    public var limit: Int?

    public init(
        tableName: String? = nil, backupType: BackupTypeFilter? = nil, timeRangeLowerBound: Date? = nil,
        timeRangeUpperBound: Date? = nil, exclusiveStartBackupArn: String? = nil, limit: Int? = nil
    ) {
        self.tableName = tableName
        self.backupType = backupType
        self.timeRangeLowerBound = timeRangeLowerBound
        self.timeRangeUpperBound = timeRangeUpperBound
        self.exclusiveStartBackupArn = exclusiveStartBackupArn
        self.limit = limit
    }
}

public struct ListBackupsOutput: Decodable, Sendable, Hashable {
    public var backupSummaries: [BackupSummary]?
    /// Pass as `exclusiveStartBackupArn` for the next page; `nil` on the last page.
    public var lastEvaluatedBackupArn: String?
}

public struct BackupSummary: Codable, Sendable, Hashable {
    public var tableName: String?
    public var tableId: String?
    public var tableArn: String?
    public var backupArn: String?
    public var backupName: String?
    public var backupCreationDateTime: Date?
    public var backupExpiryDateTime: Date?
    public var backupStatus: BackupStatus?
    public var backupType: BackupType?
    public var backupSizeBytes: Int?
}
