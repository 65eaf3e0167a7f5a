import AWSClient
import Foundation
import TestSupport
import Testing

/// What goes on the wire, checked on a scripted transport: moto ignores several of these members,
/// so only here can their encoding be seen.
@Suite("request encoding")
struct RequestEncodingTests {
    func client(_ transport: ScriptedTransport) throws -> DynamoDBClient {
        try TestSessions.scripted(transport).dynamoDB(region: "eu-west-1")
    }

    @Test("JSON protocol headers: target, content type, signature, user agent")
    func headers() async throws {
        let transport = ScriptedTransport([ScriptedTransport.ok(#"{"Table":{"TableName":"t"}}"#)])
        _ = try await client(transport).describeTable(tableName: "t")
        let request = try #require(transport.requests.first)
        func header(_ name: String) -> String? {
            request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://dynamodb.test.invalid/")
        #expect(header("X-Amz-Target") == "DynamoDB_20120810.DescribeTable")
        #expect(header("Content-Type") == "application/x-amz-json-1.0")
        #expect(header("User-Agent") == "dbcopy/test")
        #expect(header("Host") == "dynamodb.test.invalid")
        #expect(header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/") == true)
        #expect(header("Authorization")?.contains("/eu-west-1/dynamodb/aws4_request") == true)
        #expect(header("Authorization")?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target") == true)
        #expect(transport.jsonBody(0) as NSDictionary == ["TableName": "t"])
    }

    @Test("RestoreTableFromBackup sends every override in the same object")
    func restoreOverrides() async throws {
        let transport = ScriptedTransport()
        let overrides = RestoreOverrides(
            billingModeOverride: .provisioned,
            provisionedThroughputOverride: ProvisionedThroughput(readCapacityUnits: 3, writeCapacityUnits: 4),
            onDemandThroughputOverride: OnDemandThroughput(maxReadRequestUnits: 10),
            globalSecondaryIndexOverride: [
                GlobalSecondaryIndex(
                    indexName: "g", keySchema: [KeySchemaElement(attributeName: "e", keyType: .hash)],
                    projection: Projection(projectionType: .include, nonKeyAttributes: ["a"]),
                    provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 2))
            ],
            localSecondaryIndexOverride: [
                LocalSecondaryIndex(
                    indexName: "l", keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash)],
                    projection: Projection(projectionType: .keysOnly))
            ],
            sseSpecificationOverride: SSESpecification(enabled: true, sseType: .kms, kmsMasterKeyId: "alias/k"))
        _ = try await client(transport).restoreTableFromBackup(
            RestoreTableFromBackupInput(targetTableName: "t", backupArn: "arn:b", overrides: overrides))
        let body = String(decoding: transport.requests[0].body, as: UTF8.self)
        #expect(
            body
                == #"{"BackupArn":"arn:b","BillingModeOverride":"PROVISIONED","GlobalSecondaryIndexOverride":[{"IndexName":"g","KeySchema":[{"AttributeName":"e","KeyType":"HASH"}],"Projection":{"NonKeyAttributes":["a"],"ProjectionType":"INCLUDE"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":2}}],"LocalSecondaryIndexOverride":[{"IndexName":"l","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"OnDemandThroughputOverride":{"MaxReadRequestUnits":10},"ProvisionedThroughputOverride":{"ReadCapacityUnits":3,"WriteCapacityUnits":4},"SSESpecificationOverride":{"Enabled":true,"KMSMasterKeyId":"alias\/k","SSEType":"KMS"},"TargetTableName":"t"}"#
        )
    }

    @Test("RestoreTableToPointInTime sends source ARN, instant as epoch seconds, and overrides")
    func pointInTime() async throws {
        let transport = ScriptedTransport()
        _ = try await client(transport).restoreTableToPointInTime(
            RestoreTableToPointInTimeInput(
                sourceTableArn: "arn:t", targetTableName: "copy",
                restoreDateTime: Date(timeIntervalSince1970: 1_700_000_000.5),
                overrides: RestoreOverrides(billingModeOverride: .payPerRequest)))
        #expect(
            transport.jsonBody(0) as NSDictionary
                == [
                    "SourceTableArn": "arn:t", "TargetTableName": "copy", "RestoreDateTime": 1_700_000_000.5,
                    "BillingModeOverride": "PAY_PER_REQUEST",
                ])
        _ = try await client(transport).restoreTableToPointInTime(
            RestoreTableToPointInTimeInput(sourceTableName: "t", targetTableName: "copy", useLatestRestorableTime: true)
        )
        #expect(
            transport.jsonBody(1) as NSDictionary == [
                "SourceTableName": "t", "TargetTableName": "copy", "UseLatestRestorableTime": true,
            ])
    }

    @Test("ListBackups sends table, type, time range and start key")
    func listBackupsFilters() async throws {
        let transport = ScriptedTransport()
        _ = try await client(transport).listBackups(
            ListBackupsInput(
                tableName: "t", backupType: .user, timeRangeLowerBound: Date(timeIntervalSince1970: 100),
                timeRangeUpperBound: Date(timeIntervalSince1970: 200), exclusiveStartBackupArn: "arn:x", limit: 5))
        #expect(
            transport.jsonBody(0) as NSDictionary
                == [
                    "TableName": "t", "BackupType": "USER", "TimeRangeLowerBound": 100, "TimeRangeUpperBound": 200,
                    "ExclusiveStartBackupArn": "arn:x", "Limit": 5,
                ])
    }

    @Test("UpdateTable encodes index updates, SSE, table class and deletion protection")
    func updateTable() async throws {
        let transport = ScriptedTransport()
        _ = try await client(transport).updateTable(
            UpdateTableInput(
                tableName: "t", billingMode: .provisioned,
                provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1),
                globalSecondaryIndexUpdates: [
                    .update(
                        indexName: "g",
                        provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 2, writeCapacityUnits: 3)),
                    .delete(indexName: "old"),
                ],
                sseSpecification: SSESpecification(enabled: false), tableClass: .standard,
                deletionProtectionEnabled: true))
        let body = transport.jsonBody(0)
        #expect(body["BillingMode"] as? String == "PROVISIONED")
        #expect(body["TableClass"] as? String == "STANDARD")
        #expect(body["DeletionProtectionEnabled"] as? Bool == true)
        #expect((body["SSESpecification"] as? [String: Any])?["Enabled"] as? Bool == false)
        let updates = body["GlobalSecondaryIndexUpdates"] as? [[String: Any]]
        #expect(updates?.count == 2)
        #expect((updates?[0]["Update"] as? [String: Any])?["IndexName"] as? String == "g")
        #expect((updates?[1]["Delete"] as? [String: Any])?["IndexName"] as? String == "old")
    }

    @Test("pagination follows LastEvaluatedTableName, LastEvaluatedBackupArn and NextToken")
    func pagination() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.ok(#"{"TableNames":["a","b"],"LastEvaluatedTableName":"b"}"#),
            ScriptedTransport.ok(#"{"TableNames":["c"]}"#),
            ScriptedTransport.ok(
                #"{"BackupSummaries":[{"BackupArn":"1","BackupType":"USER","BackupCreationDateTime":150}],"LastEvaluatedBackupArn":"1"}"#
            ),
            ScriptedTransport.ok(
                #"{"BackupSummaries":[{"BackupArn":"2","BackupType":"SYSTEM","BackupCreationDateTime":160},{"BackupArn":"3","BackupType":"USER","BackupCreationDateTime":500}]}"#
            ),
            ScriptedTransport.ok(#"{"Tags":[{"Key":"a","Value":"1"}],"NextToken":"n"}"#),
            ScriptedTransport.ok(#"{"Tags":[{"Key":"b","Value":"2"}]}"#),
        ])
        let client = try client(transport)
        #expect(try await client.listAllTables() == ["a", "b", "c"])
        #expect(transport.jsonBody(1)["ExclusiveStartTableName"] as? String == "b")
        let backups = try await client.listAllBackups(
            ListBackupsInput(
                backupType: .user, timeRangeLowerBound: Date(timeIntervalSince1970: 100),
                timeRangeUpperBound: Date(timeIntervalSince1970: 200)))
        #expect(backups.map(\.backupArn) == ["1"])
        #expect(transport.jsonBody(3)["ExclusiveStartBackupArn"] as? String == "1")
        #expect(
            try await client.listAllTags(resourceArn: "arn:t") == [
                Tag(key: "a", value: "1"), Tag(key: "b", value: "2"),
            ])
        #expect(transport.jsonBody(5)["NextToken"] as? String == "n")
    }

    @Test("PutParameter create-only sends Overwrite false; SSM uses JSON 1.1")
    func putParameter() async throws {
        let transport = ScriptedTransport()
        let ssm = try TestSessions.scripted(transport).ssm(region: "eu-west-1")
        _ = try await ssm.putParameter(PutParameterInput(name: "/p", value: "v", overwrite: false))
        #expect(
            transport.jsonBody(0) as NSDictionary == ["Name": "/p", "Value": "v", "Type": "String", "Overwrite": false])
        let headers = transport.requests[0].headers
        #expect(headers.contains(HTTPHeader("X-Amz-Target", "AmazonSSM.PutParameter")))
        #expect(headers.contains(HTTPHeader("Content-Type", "application/x-amz-json-1.1")))
    }

    @Test("STS uses the query protocol with a form body")
    func stsQuery() async throws {
        let xml = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
            <Credentials><AccessKeyId>AK</AccessKeyId><SecretAccessKey>S&amp;K</SecretAccessKey><SessionToken>T</SessionToken>
            <Expiration>2026-11-22T16:00:00Z</Expiration></Credentials>
            <AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn><AssumedRoleId>ID:s</AssumedRoleId></AssumedRoleUser>
            </AssumeRoleResult></AssumeRoleResponse>
            """
        let transport = ScriptedTransport([ScriptedTransport.ok(xml)])
        let sts = try TestSessions.scripted(transport).sts(region: "eu-west-1")
        let output = try await sts.assumeRole(
            AssumeRoleInput(roleArn: "arn:aws:iam::1:role/r", roleSessionName: "s p", durationSeconds: 900))
        #expect(output.credentials.secretAccessKey == "S&K")
        #expect(output.credentials.expiration == Date(timeIntervalSince1970: 1_795_363_200))
        #expect(output.assumedRoleArn == "arn:aws:sts::1:assumed-role/r/s")
        let body = String(decoding: transport.requests[0].body, as: UTF8.self)
        #expect(
            body
                == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s%20p&DurationSeconds=900"
        )
    }
}
