import Foundation

/// RestoreTableFromBackup with every override DynamoDB accepts. Overrides left `nil` keep
/// what the backup recorded.
public struct RestoreTableFromBackupInput: Encodable, Sendable, Hashable {
    public var targetTableName: String
    public var backupArn: String
    public var overrides: RestoreOverrides

    public init(targetTableName: String, backupArn: String, overrides: RestoreOverrides = RestoreOverrides()) {
        self.targetTableName = targetTableName
        self.backupArn = backupArn
        self.overrides = overrides
    }

    private enum CodingKeys: String, CodingKey { case targetTableName, backupArn }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetTableName, forKey: .targetTableName)
        try container.encode(backupArn, forKey: .backupArn)
        try overrides.encode(to: encoder)
    }
}

/// RestoreTableToPointInTime: from `sourceTableName` or `sourceTableArn`, at `restoreDateTime`
/// or (with `useLatestRestorableTime`) as late as possible, with the same overrides.
public struct RestoreTableToPointInTimeInput: Encodable, Sendable, Hashable {
    public var sourceTableName: String?
    public var sourceTableArn: String?
    public var targetTableName: String
    public var useLatestRestorableTime: Bool?
    public var restoreDateTime: Date?
    public var overrides: RestoreOverrides

    public init(
        sourceTableName: String? = nil, sourceTableArn: String? = nil, targetTableName: String,
        useLatestRestorableTime: Bool? = nil, restoreDateTime: Date? = nil,
        overrides: RestoreOverrides = RestoreOverrides()
    ) {
        self.sourceTableName = sourceTableName
        self.sourceTableArn = sourceTableArn
        self.targetTableName = targetTableName
        self.useLatestRestorableTime = useLatestRestorableTime
        self.restoreDateTime = restoreDateTime
        self.overrides = overrides
    }

    private enum CodingKeys: String, CodingKey {
        case sourceTableName, sourceTableArn, targetTableName, useLatestRestorableTime, restoreDateTime
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sourceTableName, forKey: .sourceTableName)
        try container.encodeIfPresent(sourceTableArn, forKey: .sourceTableArn)
        try container.encode(targetTableName, forKey: .targetTableName)
        try container.encodeIfPresent(useLatestRestorableTime, forKey: .useLatestRestorableTime)
        try container.encodeIfPresent(restoreDateTime, forKey: .restoreDateTime)
        try overrides.encode(to: encoder)
    }
}

/// The overrides both restores share, encoded into the same JSON object as the rest of the input.
public struct RestoreOverrides: Encodable, Sendable, Hashable {
    public var billingModeOverride: BillingMode?
    public var provisionedThroughputOverride: ProvisionedThroughput?
    public var onDemandThroughputOverride: OnDemandThroughput?
    /// The complete list of global secondary indexes the restored table gets (omitting one drops it).
    public var globalSecondaryIndexOverride: [GlobalSecondaryIndex]?
    /// The complete list of local secondary indexes the restored table gets.
    public var localSecondaryIndexOverride: [LocalSecondaryIndex]?
    public var sseSpecificationOverride: SSESpecification?

    public init(
        billingModeOverride: BillingMode? = nil, provisionedThroughputOverride: ProvisionedThroughput? = nil,
        onDemandThroughputOverride: OnDemandThroughput? = nil,
        globalSecondaryIndexOverride: [GlobalSecondaryIndex]? = nil,
        localSecondaryIndexOverride: [LocalSecondaryIndex]? = nil, sseSpecificationOverride: SSESpecification? = nil
    ) {
        self.billingModeOverride = billingModeOverride
        self.provisionedThroughputOverride = provisionedThroughputOverride
        self.onDemandThroughputOverride = onDemandThroughputOverride
        self.globalSecondaryIndexOverride = globalSecondaryIndexOverride
        self.localSecondaryIndexOverride = localSecondaryIndexOverride
        self.sseSpecificationOverride = sseSpecificationOverride
    }
}
