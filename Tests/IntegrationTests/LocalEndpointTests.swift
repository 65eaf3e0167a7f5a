import AWSClient
import Foundation
import TestSupport
import Testing

/// The local endpoint behaves like DynamoDB where dbcopy and the tests rely on it.
@Suite("Local AWS endpoint")
struct LocalEndpointTests {
    @Test("ListTables pages in name order and a page may start after a table deleted meanwhile")
    func listTablesPaging() async throws {
        let session = try await TestSessions.local()
        let client = try session.dynamoDB(region: LocalAWSEndpoint.region)
        let prefix = uniqueName("paging")
        let names = ["e", "c", "a", "d", "b"].map { "\(prefix)-\($0)" }
        for name in names {
            let body =
                #"{"TableName": "\#(name)", "BillingMode": "PAY_PER_REQUEST", "#
                + #""KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "#
                + #""AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}]}"#
            _ = try await client.send(operation: "CreateTable", body: Data(body.utf8))
        }
        let first = try await client.listTables(ListTablesInput(exclusiveStartTableName: "\(prefix)-", limit: 2))
        #expect(first.tableNames == ["\(prefix)-a", "\(prefix)-b"])
        let boundary = try #require(first.lastEvaluatedTableName)
        // Another test deleting the table a page ended on must not hide the tables after it.
        _ = try await client.deleteTable(DeleteTableInput(tableName: boundary))
        let second = try await client.listTables(ListTablesInput(exclusiveStartTableName: boundary, limit: 2))
        #expect(second.tableNames == ["\(prefix)-c", "\(prefix)-d"])
    }
}
