import Foundation

// Inputs and outputs of the table operations: DescribeTable, ListTables, CreateTable (tests
// and demos only: the product never creates a table from scratch), UpdateTable, DeleteTable.

public struct DescribeTableInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
}

public struct DescribeTableOutput: Decodable, Sendable, Hashable {
    public var table: TableDescription?
}

public struct ListTablesInput: Encodable, Sendable, Hashable {
    public var exclusiveStartTableName: String?
    public var limit: Int?
    public init(exclusiveStartTableName: String? = nil, limit: Int? = nil) {
        self.exclusiveStartTableName = exclusiveStartTableName
        self.limit = limit
    }
}

public struct ListTablesOutput: Decodable, Sendable, Hashable {
    public var tableNames: [String]?
    /// Pass as `exclusiveStartTableName` for the next page; `nil` on the last page.
    public var lastEvaluatedTableName: String?
}

public struct CreateTableInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public var attributeDefinitions: [AttributeDefinition]
    public var keySchema: [KeySchemaElement]
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var globalSecondaryIndexes: [GlobalSecondaryIndex]?
    public var localSecondaryIndexes: [LocalSecondaryIndex]?
    public var sseSpecification: SSESpecification?
    public var streamSpecification: StreamSpecification?
    public var tableClass: TableClass?
    public var deletionProtectionEnabled: Bool?
    public var tags: [Tag]?

    public init(
        tableName: String, attributeDefinitions: [AttributeDefinition], keySchema: [KeySchemaElement],
        billingMode: BillingMode? = nil, provisionedThroughput: ProvisionedThroughput? = nil,
        globalSecondaryIndexes: [GlobalSecondaryIndex]? = nil, localSecondaryIndexes: [LocalSecondaryIndex]? = nil,
        sseSpecification: SSESpecification? = nil, streamSpecification: StreamSpecification? = nil,
        tableClass: TableClass? = nil, deletionProtectionEnabled: Bool? = nil, tags: [Tag]? = nil
    ) {
        self.tableName = tableName
        self.attributeDefinitions = attributeDefinitions
        self.keySchema = keySchema
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.sseSpecification = sseSpecification
        self.streamSpecification = streamSpecification
        self.tableClass = tableClass
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.tags = tags
    }
}

/// Answer of CreateTable, UpdateTable, DeleteTable and both restores.
public struct TableDescriptionOutput: Decodable, Sendable, Hashable {
    public var tableDescription: TableDescription?
}

public struct DeleteTableInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
}

/// UpdateTable: one kind of change per call is the safe habit (DynamoDB refuses some mixes).
public struct UpdateTableInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public var attributeDefinitions: [AttributeDefinition]?
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?
    public var globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]?
    public var sseSpecification: SSESpecification?
    public var streamSpecification: StreamSpecification?
    public var tableClass: TableClass?
    public var deletionProtectionEnabled: Bool?

    public init(
        tableName: String, attributeDefinitions: [AttributeDefinition]? = nil, billingMode: BillingMode? = nil,
        provisionedThroughput: ProvisionedThroughput? = nil, onDemandThroughput: OnDemandThroughput? = nil,
        globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]? = nil, sseSpecification: SSESpecification? = nil,
        streamSpecification: StreamSpecification? = nil, tableClass: TableClass? = nil,
        deletionProtectionEnabled: Bool? = nil
    ) {
        self.tableName = tableName
        self.attributeDefinitions = attributeDefinitions
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.onDemandThroughput = onDemandThroughput
        self.globalSecondaryIndexUpdates = globalSecondaryIndexUpdates
        self.sseSpecification = sseSpecification
        self.streamSpecification = streamSpecification
        self.tableClass = tableClass
        self.deletionProtectionEnabled = deletionProtectionEnabled
    }
}

/// One entry of `GlobalSecondaryIndexUpdates`: exactly one of create, update or delete.
public struct GlobalSecondaryIndexUpdate: Encodable, Sendable, Hashable {
    public struct Update: Encodable, Sendable, Hashable {
        public var indexName: String
        public var provisionedThroughput: ProvisionedThroughput?
        public var onDemandThroughput: OnDemandThroughput?
    }

    public struct Delete: Encodable, Sendable, Hashable {
        public var indexName: String
    }

    public var create: GlobalSecondaryIndex?
    public var update: Update?
    public var delete: Delete?

    public static func create(_ index: GlobalSecondaryIndex) -> Self { Self(create: index) }

    public static func update(
        indexName: String, provisionedThroughput: ProvisionedThroughput? = nil,
        onDemandThroughput: OnDemandThroughput? = nil
    ) -> Self {
        Self(
            update: Update(
                indexName: indexName, provisionedThroughput: provisionedThroughput,
                onDemandThroughput: onDemandThroughput))
    }

    public static func delete(indexName: String) -> Self { Self(delete: Delete(indexName: indexName)) }
}
