import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("DynamoDB table operations against the local endpoint")
struct DynamoDBTableTests {
    @Test("CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable")
    func tableLifecycle() async throws {
        let client = try await TestSessions.localDynamoDB()
        let name = uniqueName("tables")
        let created = try await TestSessions.createTable(client, name: name)
        #expect(created.tableName == name)

        let table = try await client.describeTable(tableName: name)
        #expect(table.tableStatus == .active)
        #expect(table.tableArn?.hasSuffix(":table/\(name)") == true)
        #expect(table.keySchema == [KeySchemaElement(attributeName: "pk", keyType: .hash)])
        #expect(table.provisionedThroughput?.readCapacityUnits == 5)
        #expect(table.globalSecondaryIndexes?.first?.indexName == "by-email")
        #expect(table.billingMode == .provisioned)
        #expect(table.creationDateTime.map { abs($0.timeIntervalSinceNow) < 3600 } == true)

        let page = try await client.listTables(ListTablesInput(limit: 100))
        #expect(page.tableNames != nil)
        #expect(try await client.listAllTables().contains(name))

        let throughput = try await client.updateTable(
            UpdateTableInput(
                tableName: name,
                provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 7, writeCapacityUnits: 3),
                globalSecondaryIndexUpdates: [
                    .update(
                        indexName: "by-email",
                        provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 2, writeCapacityUnits: 1))
                ]))
        #expect(throughput.tableDescription?.provisionedThroughput?.readCapacityUnits == 7)
        let protected = try await client.updateTable(UpdateTableInput(tableName: name, deletionProtectionEnabled: true))
        #expect(protected.tableDescription?.deletionProtectionEnabled == true)
        await #expect(throws: AWSError.self) { try await client.deleteTable(DeleteTableInput(tableName: name)) }
        _ = try await client.updateTable(UpdateTableInput(tableName: name, deletionProtectionEnabled: false))
        let onDemand = try await client.updateTable(UpdateTableInput(tableName: name, billingMode: .payPerRequest))
        #expect(onDemand.tableDescription?.billingMode == .payPerRequest)
        let infrequent = try await client.updateTable(
            UpdateTableInput(tableName: name, tableClass: .standardInfrequentAccess))
        #expect(infrequent.tableDescription?.tableName == name)
        let encrypted = try await client.updateTable(
            UpdateTableInput(tableName: name, sseSpecification: SSESpecification(enabled: true, sseType: .kms)))
        #expect(encrypted.tableDescription?.tableName == name)

        let deleted = try await client.deleteTable(DeleteTableInput(tableName: name))
        #expect(deleted.tableDescription?.tableName == name)
        #expect(try await !client.listAllTables().contains(name))
    }

    @Test("a missing table is an AWSError that prints as one line with the code and request id")
    func missingTable() async throws {
        let client = try await TestSessions.localDynamoDB()
        let name = uniqueName("missing")
        do {
            _ = try await client.describeTable(tableName: name)
            Issue.record("DescribeTable of a missing table succeeded")
        } catch let error as AWSError {
            #expect(error.service == "dynamodb")
            #expect(error.operation == "DescribeTable")
            #expect(error.code == "ResourceNotFoundException")
            #expect(error.httpStatus == 400)
            #expect(error.requestID?.isEmpty == false)
            #expect(error.description.hasPrefix("dynamodb DescribeTable: ResourceNotFoundException: "))
            #expect(error.description.contains("(request id "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("raw send: PutItem and Scan without typed shapes")
    func rawSend() async throws {
        let client = try await TestSessions.localDynamoDB()
        let name = uniqueName("raw")
        _ = try await TestSessions.createTable(client, name: name)
        let put = #"{"TableName":"\#(name)","Item":{"pk":{"S":"a"},"email":{"S":"a@example.com"}}}"#
        _ = try await client.send(operation: "PutItem", body: Data(put.utf8))
        let scan = try await client.send(operation: "Scan", body: Data(#"{"TableName":"\#(name)"}"#.utf8))
        let object = try JSONSerialization.jsonObject(with: scan) as? [String: Any]
        #expect(object?["Count"] as? Int == 1)
        _ = try await client.deleteTable(DeleteTableInput(tableName: name))
    }

    @Test("tags, time to live and continuous backups")
    func tableSettings() async throws {
        let client = try await TestSessions.localDynamoDB()
        let name = uniqueName("settings")
        let arn = try #require(
            try await TestSessions.createTable(client, name: name, tags: [Tag(key: "team", value: "a")]).tableArn)

        try await client.tagResource(
            TagResourceInput(resourceArn: arn, tags: [Tag(key: "dbcopy:job", value: "j1"), Tag(key: "x", value: "y")]))
        var tags = try await client.listAllTags(resourceArn: arn)
        #expect(
            Set(tags) == [Tag(key: "team", value: "a"), Tag(key: "dbcopy:job", value: "j1"), Tag(key: "x", value: "y")])
        try await client.untagResource(UntagResourceInput(resourceArn: arn, tagKeys: ["x"]))
        tags = try await client.listTagsOfResource(ListTagsOfResourceInput(resourceArn: arn)).tags ?? []
        #expect(!tags.contains(Tag(key: "x", value: "y")))

        #expect(
            try await client.describeTimeToLive(tableName: name).timeToLiveDescription?.timeToLiveStatus == .disabled)
        let ttl = try await client.updateTimeToLive(
            UpdateTimeToLiveInput(
                tableName: name,
                timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: "expires")))
        #expect(ttl.timeToLiveSpecification?.attributeName == "expires")
        let described = try await client.describeTimeToLive(tableName: name).timeToLiveDescription
        #expect(described?.timeToLiveStatus == .enabled)
        #expect(described?.attributeName == "expires")

        let before = try await client.describeContinuousBackups(tableName: name).continuousBackupsDescription
        #expect(before?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .disabled)
        let after = try await client.updateContinuousBackups(
            UpdateContinuousBackupsInput(
                tableName: name,
                pointInTimeRecoverySpecification: PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: true)))
        #expect(
            after.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled)
        #expect(after.continuousBackupsDescription?.pointInTimeRecoveryDescription?.earliestRestorableDateTime != nil)
        _ = try await client.deleteTable(DeleteTableInput(tableName: name))
    }
}
