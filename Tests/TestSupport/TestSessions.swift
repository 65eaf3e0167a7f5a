import AWSClient
import Foundation

/// Sessions for tests, isolated from the developer's own AWS configuration.
public enum TestSessions {
    /// A session against the shared local endpoint (moto), with its test credentials.
    public static func local(
        extraEnvironment: [String: String] = [:], debug: (@Sendable (String) -> Void)? = nil,
        transport: (any HTTPTransport)? = nil
    ) async throws -> AWSSession {
        let environment = try await LocalAWSEndpoint.shared.environment(extra: extraEnvironment)
        return try AWSSession(
            options: AWSSessionOptions(
                userAgent: "dbcopy/test", debug: debug, environment: environment, transport: transport))
    }

    /// A DynamoDB client on the local endpoint in the test region.
    public static func localDynamoDB() async throws -> DynamoDBClient {
        try await local().dynamoDB(region: LocalAWSEndpoint.region)
    }

    /// An environment with no AWS configuration at all: no variables, no files, no instance metadata.
    public static func bareEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "HOME": "/nonexistent-home", "AWS_CONFIG_FILE": "/nonexistent/config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// A table keyed by `pk` (string) with a `by-email` global secondary index, provisioned 5/5.
    public static func createTable(_ client: DynamoDBClient, name: String, tags: [Tag]? = nil) async throws
        -> TableDescription
    {
        let input = CreateTableInput(
            tableName: name,
            attributeDefinitions: [
                AttributeDefinition(attributeName: "pk", attributeType: .string),
                AttributeDefinition(attributeName: "email", attributeType: .string),
            ],
            keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash)],
            billingMode: .provisioned,
            provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5),
            globalSecondaryIndexes: [
                GlobalSecondaryIndex(
                    indexName: "by-email", keySchema: [KeySchemaElement(attributeName: "email", keyType: .hash)],
                    projection: Projection(projectionType: .all),
                    provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5))
            ],
            tags: tags)
        guard let table = try await client.createTable(input).tableDescription else {
            throw TestHarnessError("CreateTable returned no description")
        }
        return table
    }

    /// A temporary directory, removed by the caller with `FileManager.removeItem`.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dbcopy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
