import Foundation

/// DescribeTable's `Table` (and the table in CreateTable, UpdateTable, DeleteTable and restore
/// answers). Every member is optional, as in the API: answers carry what applies.
public struct TableDescription: Codable, Sendable, Hashable {
    public var tableName: String?
    public var tableArn: String?
    public var tableId: String?
    public var tableStatus: TableStatus?
    public var creationDateTime: Date?
    public var attributeDefinitions: [AttributeDefinition]?
    public var keySchema: [KeySchemaElement]?
    public var provisionedThroughput: ProvisionedThroughputDescription?
    public var billingModeSummary: BillingModeSummary?
    public var onDemandThroughput: OnDemandThroughput?
    public var tableSizeBytes: Int?
    public var itemCount: Int?
    public var globalSecondaryIndexes: [GlobalSecondaryIndexDescription]?
    public var localSecondaryIndexes: [LocalSecondaryIndexDescription]?
    public var streamSpecification: StreamSpecification?
    public var latestStreamArn: String?
    public var restoreSummary: RestoreSummary?
    public var sseDescription: SSEDescription?
    public var tableClassSummary: TableClassSummary?
    public var deletionProtectionEnabled: Bool?

    /// The billing mode, defaulting as DynamoDB does: a table without a summary is provisioned.
    public var billingMode: BillingMode { billingModeSummary?.billingMode ?? .provisioned }
}

public struct ProvisionedThroughputDescription: Codable, Sendable, Hashable {
    public var readCapacityUnits: Int?
    public var writeCapacityUnits: Int?
    public var numberOfDecreasesToday: Int?
    public var lastIncreaseDateTime: Date?
    public var lastDecreaseDateTime: Date?
}

public struct BillingModeSummary: Codable, Sendable, Hashable {
    public var billingMode: BillingMode?
    public var lastUpdateToPayPerRequestDateTime: Date?
}

public struct GlobalSecondaryIndexDescription: Codable, Sendable, Hashable {
    public var indexName: String?
    public var indexArn: String?
    public var indexStatus: IndexStatus?
    public var backfilling: Bool?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
    public var provisionedThroughput: ProvisionedThroughputDescription?
    public var onDemandThroughput: OnDemandThroughput?
    public var indexSizeBytes: Int?
    public var itemCount: Int?
}

public struct LocalSecondaryIndexDescription: Codable, Sendable, Hashable {
    public var indexName: String?
    public var indexArn: String?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
    public var indexSizeBytes: Int?
    public var itemCount: Int?
}

/// Where a restored table came from: how dbcopy recognises its own in-flight restores.
public struct RestoreSummary: Codable, Sendable, Hashable {
    public var sourceBackupArn: String?
    public var sourceTableArn: String?
    public var restoreDateTime: Date?
    public var restoreInProgress: Bool?
}

public struct SSEDescription: Codable, Sendable, Hashable {
    public var status: SSEStatus?
    public var sseType: SSEType?
    public var kmsMasterKeyArn: String?
    public var inaccessibleEncryptionDateTime: Date?
}

public struct TableClassSummary: Codable, Sendable, Hashable {
    public var tableClass: TableClass?
    public var lastUpdateDateTime: Date?
}
