import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The fault-injecting proxy (Tests/Support/aws_proxy.py) against moto, over plain HTTP.
/// Each test starts its own proxy in front of the shared moto server and uses its own names.
///
/// Checks made while a transition is in progress use transitions far longer than the test and
/// end them with `resetState()`: moto stalls for seconds now and then (its first SSM call in a
/// process loads AWS's public parameters while holding the GIL), so a short window can close
/// before the checks are made. `transitionsEndOnTheirOwn` covers the timers with short windows.
@Suite("Fault-injecting AWS proxy")
struct ProxyTests {
    @Test("forwards calls unchanged")
    func transparentForwarding() async throws {
        let proxy = try await AWSProxy.start()
        defer { Task { await proxy.stop() } }
        let direct = RawAWSCalls(endpoint: try await LocalAWSEndpoint.shared.endpointURL())
        let proxied = RawAWSCalls(endpoint: proxy.url)
        let name = uniqueName("proxy-fwd")

        let created = try await proxied.createTable(name)
        #expect(created.status == 200)
        #expect(created.value("TableDescription", "TableName") as? String == name)

        let viaProxy = try await proxied.dynamodb("DescribeTable", ["TableName": name])
        let viaMoto = try await direct.dynamodb("DescribeTable", ["TableName": name])
        #expect(viaProxy.status == 200)
        #expect(viaProxy.body == viaMoto.body)
        #expect(viaProxy.headers["x-amzn-requestid"] != nil)
        #expect(viaProxy.headers["content-length"] == String(viaProxy.body.count))

        // The Authorization header reaches moto untouched: it puts the table in the scope's region.
        var elsewhere = proxied
        elsewhere.region = "ap-southeast-2"
        let other = try await elsewhere.createTable(name)
        #expect((other.value("TableDescription", "TableArn") as? String)?.contains(":ap-southeast-2:") == true)

        let missing = try await proxied.dynamodb("DescribeTable", ["TableName": name + "-missing"])
        #expect(missing.status == 400)
        #expect(missing.errorCode == "ResourceNotFoundException")

        let stats = try await proxy.stats()
        #expect(stats.calls("CreateTable") == 2)
        #expect(stats.calls("DescribeTable") == 2)
        #expect(stats.outcomes["ok"] == 4)
    }

    @Test("keeps the client's connection alive across calls, though moto closes its own each time")
    func keepAlive() async throws {
        let proxy = try await AWSProxy.start()
        defer { Task { await proxy.stop() } }
        let connection = try PlainHTTPConnection(port: try #require(proxy.url.port))
        #expect(connection.dynamodb("ListTables") == 200)
        #expect(connection.dynamodb("DescribeTable", #"{"TableName": "proxy-keepalive-missing"}"#) == 400)
        #expect(connection.dynamodb("ListTables") == 200)
        let stats = try await proxy.stats()
        #expect(stats.connections == 1)
        #expect(stats.calls("ListTables") == 2)
    }

    @Test("adds the configured latency to every call")
    func latency() async throws {
        let proxy = try await AWSProxy.start(settings: .init(latencyMs: 50))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        _ = try await client.dynamodb("ListTables", [:])  // connection set up outside the measurement
        for _ in 0..<3 {
            let started = Date()
            let reply = try await client.dynamodb("ListTables", [:])
            #expect(reply.status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.045)
        }
    }

    @Test("a fixed seed gives the same sequence of throttles, 500s and drops")
    func seededFaultsRepeat() async throws {
        let settings = AWSProxy.Settings(
            throttleRate: 0.25, errorRate: 0.15, dropRate: 0.2, seed: 42, faultOperations: ["ListTables"])
        let proxy = try await AWSProxy.start(settings: settings)
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url, freshConnections: true)

        func run() async throws -> [String] {
            var outcomes: [String] = []
            for _ in 0..<40 { outcomes.append(try await client.dynamodb("ListTables", [:]).outcome) }
            return outcomes
        }
        let first = try await run()
        let firstStats = try await proxy.stats()
        try await proxy.configure(.init(seed: 42))  // restarts the sequence
        let second = try await run()

        #expect(first == second)
        #expect(first.contains("400 ThrottlingException"))
        #expect(first.contains("500 InternalServerError"))
        #expect(first.contains("dropped"))
        #expect(first.contains("200 "))
        // The proxy's own accounting agrees with what the client saw.
        #expect(firstStats.outcomes["throttled"] == first.filter { $0 == "400 ThrottlingException" }.count)
        #expect(firstStats.outcomes["error"] == first.filter { $0 == "500 InternalServerError" }.count)
        #expect(firstStats.outcomes["dropped"] == first.filter { $0 == "dropped" }.count)
        #expect(firstStats.calls("ListTables") == 40)
        // Calls outside fault_operations are never faulted and do not move the sequence.
        #expect(try await client.dynamodb("DescribeLimits", [:]).status == 200)
    }

    @Test("injected errors carry each protocol's shape and a request id")
    func errorShapes() async throws {
        let proxy = try await AWSProxy.start(settings: .init(throttleRate: 1))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let dynamo = try await client.dynamodb("ListTables", [:])
        #expect(dynamo.status == 400)
        #expect(dynamo.json["__type"] as? String == "com.amazonaws.dynamodb.v20120810#ThrottlingException")
        #expect(dynamo.headers["x-amzn-requestid"]?.isEmpty == false)
        #expect(dynamo.headers["content-type"] == "application/x-amz-json-1.0")
        let ssm = try await client.ssm("GetParameter", ["Name": "/nothing"])
        #expect(ssm.status == 400)
        #expect(ssm.json["__type"] as? String == "ThrottlingException")
        #expect(ssm.headers["content-type"] == "application/x-amz-json-1.1")

        try await proxy.configure(.init(throttleRate: 0, errorRate: 1))
        let failed = try await client.dynamodb("ListTables", [:])
        #expect(failed.status == 500)
        #expect(failed.errorCode == "InternalServerError")
        // The control API is never faulted.
        #expect(try await proxy.stats().outcomes["error"] == 1)
    }

    @Test("a drop after forwarding leaves the operation done upstream; a drop before does not")
    func dropsBeforeAndAfter() async throws {
        let proxy = try await AWSProxy.start(
            settings: .init(dropRate: 1, dropAfterShare: 1, faultOperations: ["CreateTable"]))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url, freshConnections: true)
        let after = uniqueName("proxy-drop-after")
        #expect(try await client.createTable(after).dropped)
        #expect(try await client.tableStatus(after) == "ACTIVE")

        try await proxy.configure(.init(dropAfterShare: 0))
        let before = uniqueName("proxy-drop-before")
        #expect(try await client.createTable(before).dropped)
        let missing = try await client.dynamodb("DescribeTable", ["TableName": before])
        #expect(missing.errorCode == "ResourceNotFoundException")

        let stats = try await proxy.stats()
        #expect(stats.outcomes["dropped"] == 2)
        #expect(stats.droppedAfterUpstream == 1)
    }

    @Test("backups stay CREATING for backup_seconds; restoring or deleting them meanwhile is refused")
    func slowBackups() async throws {
        let proxy = try await AWSProxy.start(settings: .init(backupSeconds: 600))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let table = uniqueName("proxy-backup")
        _ = try await client.createTable(table)

        let created = try await client.dynamodb("CreateBackup", ["TableName": table, "BackupName": "b1"])
        #expect(created.value("BackupDetails", "BackupStatus") as? String == "CREATING")
        let arn = try #require(created.value("BackupDetails", "BackupArn") as? String)
        #expect(try await client.backupStatus(arn) == "CREATING")
        let listed = try await client.dynamodb("ListBackups", ["TableName": table])
        let summaries = listed.json["BackupSummaries"] as? [[String: Any]] ?? []
        #expect(summaries.first { $0["BackupArn"] as? String == arn }?["BackupStatus"] as? String == "CREATING")

        let restore = ["BackupArn": arn, "TargetTableName": table + "-copy"]
        #expect(try await client.dynamodb("RestoreTableFromBackup", restore).errorCode == "BackupInUseException")
        #expect(try await client.dynamodb("DeleteBackup", ["BackupArn": arn]).errorCode == "BackupInUseException")

        try await proxy.resetState()
        #expect(try await client.backupStatus(arn) == "AVAILABLE")
        #expect(try await client.dynamodb("RestoreTableFromBackup", restore).status == 200)
        #expect(try await proxy.stats().calls("RestoreTableFromBackup", outcome: "conflict") == 1)
    }

    @Test("restored tables stay CREATING with RestoreInProgress; changes meanwhile are refused")
    func slowRestores() async throws {
        let proxy = try await AWSProxy.start(settings: .init(restoreSeconds: 600))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let origin = uniqueName("proxy-restore")
        let copy = origin + "-copy"
        _ = try await client.createTable(origin)
        let backup = try await client.dynamodb("CreateBackup", ["TableName": origin, "BackupName": "b"])
        let arn = try #require(backup.value("BackupDetails", "BackupArn") as? String)

        let restored = try await client.dynamodb("RestoreTableFromBackup", ["BackupArn": arn, "TargetTableName": copy])
        #expect(restored.value("TableDescription", "TableStatus") as? String == "CREATING")
        #expect(restored.value("TableDescription", "RestoreSummary", "RestoreInProgress") as? Bool == true)
        let described = try await client.dynamodb("DescribeTable", ["TableName": copy])
        #expect(described.value("Table", "TableStatus") as? String == "CREATING")
        #expect(described.value("Table", "RestoreSummary", "RestoreInProgress") as? Bool == true)
        let tableArn = try #require(described.value("Table", "TableArn") as? String)
        let listed = try await client.allTableNames()
        #expect(listed.contains(copy))

        let refused: [(String, [String: Any], String)] = [
            ("UpdateTable", ["TableName": copy, "BillingMode": "PAY_PER_REQUEST"], "ResourceInUseException"),
            ("DeleteTable", ["TableName": copy], "ResourceInUseException"),
            (
                "TagResource", ["ResourceArn": tableArn, "Tags": [["Key": "k", "Value": "v"]]], "ResourceInUseException"
            ),
            (
                "UpdateTimeToLive",
                ["TableName": copy, "TimeToLiveSpecification": ["Enabled": true, "AttributeName": "ttl"]],
                "ResourceInUseException"
            ),
            (
                "UpdateContinuousBackups",
                ["TableName": copy, "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": true]],
                "ContinuousBackupsUnavailableException"
            ),
            ("CreateBackup", ["TableName": copy, "BackupName": "too-early"], "TableInUseException"),
            ("RestoreTableFromBackup", ["BackupArn": arn, "TargetTableName": copy], "TableInUseException"),
            ("Scan", ["TableName": copy], "ResourceNotFoundException"),
        ]
        for (operation, body, code) in refused {
            let reply = try await client.dynamodb(operation, body)
            #expect(reply.errorCode == code, "\(operation)")
        }

        try await proxy.resetState()
        #expect(try await client.tableStatus(copy) == "ACTIVE")
        let done = try await client.dynamodb("DescribeTable", ["TableName": copy])
        #expect(done.value("Table", "RestoreSummary", "RestoreInProgress") as? Bool == false)
        #expect(try await client.dynamodb("DeleteTable", ["TableName": copy]).status == 200)
    }

    @Test("deleted tables stay DELETING and listed; restoring into the name meanwhile is refused")
    func slowDeletes() async throws {
        let proxy = try await AWSProxy.start(settings: .init(deleteSeconds: 600))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let table = uniqueName("proxy-delete")
        _ = try await client.createTable(table)
        let backup = try await client.dynamodb("CreateBackup", ["TableName": table, "BackupName": "b"])
        let arn = try #require(backup.value("BackupDetails", "BackupArn") as? String)

        let deleted = try await client.dynamodb("DeleteTable", ["TableName": table])
        #expect(deleted.value("TableDescription", "TableStatus") as? String == "DELETING")
        #expect(try await client.tableStatus(table) == "DELETING")
        let listed = try await client.allTableNames()
        #expect(listed.contains(table))
        // DynamoDB documents a repeated DeleteTable of a DELETING table as no error.
        let again = try await client.dynamodb("DeleteTable", ["TableName": table])
        #expect(again.status == 200)
        #expect(again.value("TableDescription", "TableStatus") as? String == "DELETING")
        let restore = ["BackupArn": arn, "TargetTableName": table]
        #expect(try await client.dynamodb("RestoreTableFromBackup", restore).errorCode == "TableInUseException")

        try await proxy.resetState()
        #expect(
            try await client.dynamodb("DescribeTable", ["TableName": table]).errorCode == "ResourceNotFoundException")
        #expect(try await client.dynamodb("RestoreTableFromBackup", restore).status == 200)
        let deletes = try await proxy.stats().deletes
        #expect(deletes.map(\.resource) == [table])  // the repeated DeleteTable never reached moto
    }

    @Test("updated tables stay UPDATING; another update or a delete meanwhile is refused")
    func slowUpdates() async throws {
        let proxy = try await AWSProxy.start(settings: .init(updateSeconds: 600))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let table = uniqueName("proxy-update")
        _ = try await client.createTable(table)
        let update: [String: Any] = [
            "TableName": table, "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": ["ReadCapacityUnits": 5, "WriteCapacityUnits": 5],
        ]
        let updated = try await client.dynamodb("UpdateTable", update)
        #expect(updated.value("TableDescription", "TableStatus") as? String == "UPDATING")
        #expect(try await client.tableStatus(table) == "UPDATING")
        #expect(try await client.dynamodb("UpdateTable", update).errorCode == "ResourceInUseException")
        #expect(try await client.dynamodb("DeleteTable", ["TableName": table]).errorCode == "ResourceInUseException")
        try await proxy.resetState()
        #expect(try await client.tableStatus(table) == "ACTIVE")
        #expect(try await client.dynamodb("DeleteTable", ["TableName": table]).status == 200)
    }

    @Test("each transition ends by itself when its time has passed")
    func transitionsEndOnTheirOwn() async throws {
        let proxy = try await AWSProxy.start(
            settings: .init(backupSeconds: 0.3, restoreSeconds: 0.3, deleteSeconds: 0.3, updateSeconds: 0.3))
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let origin = uniqueName("proxy-timers")
        let (copy, doomed) = (origin + "-copy", origin + "-doomed")
        _ = try await client.createTable(origin)
        _ = try await client.createTable(doomed)

        // The response of the call that starts a transition already shows it (no race).
        let backup = try await client.dynamodb("CreateBackup", ["TableName": origin, "BackupName": "b"])
        #expect(backup.value("BackupDetails", "BackupStatus") as? String == "CREATING")
        let arn = try #require(backup.value("BackupDetails", "BackupArn") as? String)
        let update: [String: Any] = ["TableName": origin, "BillingMode": "PAY_PER_REQUEST"]
        #expect(
            try await client.dynamodb("UpdateTable", update).value("TableDescription", "TableStatus") as? String
                == "UPDATING")
        let deleted = try await client.dynamodb("DeleteTable", ["TableName": doomed])
        #expect(deleted.value("TableDescription", "TableStatus") as? String == "DELETING")

        #expect(try await eventually { try await client.backupStatus(arn) == "AVAILABLE" })
        let restored = try await client.dynamodb("RestoreTableFromBackup", ["BackupArn": arn, "TargetTableName": copy])
        #expect(restored.value("TableDescription", "TableStatus") as? String == "CREATING")

        #expect(try await eventually { try await client.tableStatus(copy) == "ACTIVE" })
        #expect(try await eventually { try await client.tableStatus(origin) == "ACTIVE" })
        #expect(
            try await eventually {
                try await client.dynamodb("DescribeTable", ["TableName": doomed]).errorCode
                    == "ResourceNotFoundException"
            })
        #expect(try await proxy.stats().transitions.values.allSatisfy { $0 == 0 })
    }

    @Test("counts calls per operation and logs every delete the upstream confirmed")
    func accounting() async throws {
        let proxy = try await AWSProxy.start()
        defer { Task { await proxy.stop() } }
        let client = RawAWSCalls(endpoint: proxy.url)
        let table = uniqueName("proxy-stats")
        let parameter = "/dbcopy-proxy-tests/\(table)"
        _ = try await client.createTable(table)
        let backup = try await client.dynamodb("CreateBackup", ["TableName": table, "BackupName": "b"])
        let arn = try #require(backup.value("BackupDetails", "BackupArn") as? String)
        _ = try await client.ssm("PutParameter", ["Name": parameter, "Value": "v", "Type": "String"])
        for _ in 0..<3 { _ = try await client.tableStatus(table) }

        #expect(try await client.dynamodb("DeleteBackup", ["BackupArn": arn]).status == 200)
        #expect(try await client.dynamodb("DeleteTable", ["TableName": table]).status == 200)
        #expect(try await client.ssm("DeleteParameter", ["Name": parameter]).status == 200)
        // A delete that fails upstream removed nothing and is not logged.
        #expect(try await client.dynamodb("DeleteTable", ["TableName": table]).status == 400)

        let stats = try await proxy.stats()
        #expect(stats.calls("DescribeTable") == 3)
        #expect(stats.calls("DeleteTable") == 2)
        #expect(stats.calls("PutParameter", service: "ssm") == 1)
        #expect(stats.totalCalls == 10)
        #expect(stats.statuses["400"] == 1)
        #expect(stats.deletes.map(\.operation) == ["DeleteBackup", "DeleteTable", "DeleteParameter"])
        #expect(stats.deletes.map(\.resource) == [arn, table, parameter])
        #expect(stats.deletes.allSatisfy { $0.delivered && $0.region == "eu-west-1" })

        try await proxy.resetStats()
        let reset = try await proxy.stats()
        #expect(reset.totalCalls == 0)
        #expect(reset.deletes.isEmpty)
    }

    @Test("the control API rejects settings it does not know")
    func controlAPIValidates() async throws {
        let proxy = try await AWSProxy.start()
        defer { Task { await proxy.stop() } }
        await #expect(throws: TestHarnessError.self) {
            try await proxy.configure(.init(throttleRate: 0.8, errorRate: 0.5))  // more than 100 %
        }
        var request = URLRequest(url: proxy.url.appendingPathComponent("__proxy/config"))
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"latency": 50}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 400)
        #expect(String(decoding: body, as: UTF8.self).contains("unknown setting"))
    }
}
