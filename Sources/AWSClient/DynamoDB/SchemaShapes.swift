import Foundation

// Shapes DynamoDB uses both in requests and in answers: key schema, capacity, projection,
// encryption and stream settings. Property names are the API's, in camelCase.

public struct AttributeDefinition: Codable, Sendable, Hashable {
    public var attributeName: String
    public var attributeType: ScalarAttributeType
    public init(attributeName: String, attributeType: ScalarAttributeType) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
}

public struct KeySchemaElement: Codable, Sendable, Hashable {
    public var attributeName: String
    public var keyType: KeyType
    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
}

public struct ProvisionedThroughput: Codable, Sendable, Hashable {
    public var readCapacityUnits: Int
    public var writeCapacityUnits: Int
    public init(readCapacityUnits: Int, writeCapacityUnits: Int) {
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
}

/// Maximum request units of an on-demand table or index (`-1`: no limit).
public struct OnDemandThroughput: Codable, Sendable, Hashable {
    public var maxReadRequestUnits: Int?
    public var maxWriteRequestUnits: Int?
    public init(maxReadRequestUnits: Int? = nil, maxWriteRequestUnits: Int? = nil) {
        self.maxReadRequestUnits = maxReadRequestUnits
        self.maxWriteRequestUnits = maxWriteRequestUnits
    }
}

public struct Projection: Codable, Sendable, Hashable {
    public var projectionType: ProjectionType?
    public var nonKeyAttributes: [String]?
    public init(projectionType: ProjectionType? = nil, nonKeyAttributes: [String]? = nil) {
        self.projectionType = projectionType
        self.nonKeyAttributes = nonKeyAttributes
    }
}

/// Encryption at rest as requested: `enabled: false` means AWS-owned keys, `true` with
/// `sseType: .kms` a KMS key (`kmsMasterKeyId`, or the AWS-managed key when `nil`).
public struct SSESpecification: Codable, Sendable, Hashable {
    public var enabled: Bool?
    public var sseType: SSEType?
    public var kmsMasterKeyId: String?
    public init(enabled: Bool? = nil, sseType: SSEType? = nil, kmsMasterKeyId: String? = nil) {
        self.enabled = enabled
        self.sseType = sseType
        self.kmsMasterKeyId = kmsMasterKeyId
    }
}

public struct StreamSpecification: Codable, Sendable, Hashable {
    public var streamEnabled: Bool
    public var streamViewType: StreamViewType?
    public init(streamEnabled: Bool, streamViewType: StreamViewType? = nil) {
        self.streamEnabled = streamEnabled
        self.streamViewType = streamViewType
    }
}

/// A global secondary index as created (CreateTable, restore overrides, UpdateTable Create).
public struct GlobalSecondaryIndex: Codable, Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?
    public init(
        indexName: String, keySchema: [KeySchemaElement], projection: Projection,
        provisionedThroughput: ProvisionedThroughput? = nil, onDemandThroughput: OnDemandThroughput? = nil
    ) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.provisionedThroughput = provisionedThroughput
        self.onDemandThroughput = onDemandThroughput
    }
}

public struct LocalSecondaryIndex: Codable, Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
    }
}

public struct Tag: Codable, Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
