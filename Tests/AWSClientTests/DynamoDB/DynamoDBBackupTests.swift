import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("DynamoDB backups and restores against the local endpoint")
struct DynamoDBBackupTests {
    @Test("CreateBackup, DescribeBackup, ListBackups with filters, RestoreTableFromBackup, DeleteBackup")
    func backupLifecycle() async throws {
        let client = try await TestSessions.localDynamoDB()
        let origin = uniqueName("backup-origin")
        _ = try await TestSessions.createTable(client, name: origin)
        let backupName = uniqueName("dbcopy-job")
        let created = try await client.createBackup(CreateBackupInput(tableName: origin, backupName: backupName))
        let arn = try #require(created.backupDetails?.backupArn)
        #expect(created.backupDetails?.backupName == backupName)
        #expect(created.backupDetails?.backupStatus != nil)

        let described = try await client.describeBackup(backupArn: arn).backupDescription
        #expect(described?.backupDetails?.backupStatus == .available)
        #expect(described?.sourceTableDetails?.tableName == origin)
        #expect(described?.sourceTableDetails?.keySchema == [KeySchemaElement(attributeName: "pk", keyType: .hash)])

        let all = try await client.listAllBackups(ListBackupsInput(tableName: origin))
        #expect(all.map(\.backupArn) == [arn])
        let page = try await client.listBackups(ListBackupsInput(tableName: origin, backupType: .user, limit: 10))
        #expect(page.backupSummaries?.contains { $0.backupArn == arn } == true)
        // moto ignores these filters; listAllBackups applies them again.
        let none = try await client.listAllBackups(ListBackupsInput(tableName: origin, backupType: .system))
        #expect(none.isEmpty)
        let future = try await client.listAllBackups(
            ListBackupsInput(tableName: origin, timeRangeLowerBound: Date().addingTimeInterval(3600)))
        #expect(future.isEmpty)
        let recent = try await client.listAllBackups(
            ListBackupsInput(
                tableName: origin, timeRangeLowerBound: Date().addingTimeInterval(-3600),
                timeRangeUpperBound: Date().addingTimeInterval(3600)))
        #expect(recent.count == 1)

        let target = uniqueName("backup-target")
        let overrides = RestoreOverrides(
            billingModeOverride: .provisioned,
            provisionedThroughputOverride: ProvisionedThroughput(readCapacityUnits: 3, writeCapacityUnits: 3),
            globalSecondaryIndexOverride: [
                GlobalSecondaryIndex(
                    indexName: "by-email", keySchema: [KeySchemaElement(attributeName: "email", keyType: .hash)],
                    projection: Projection(projectionType: .all),
                    provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1))
            ],
            localSecondaryIndexOverride: [],
            sseSpecificationOverride: SSESpecification(enabled: true, sseType: .kms))
        let restored = try await client.restoreTableFromBackup(
            RestoreTableFromBackupInput(targetTableName: target, backupArn: arn, overrides: overrides))
        #expect(restored.tableDescription?.tableName == target)
        let table = try await client.describeTable(tableName: target)
        #expect(table.restoreSummary?.sourceBackupArn == arn)

        let deleted = try await client.deleteBackup(backupArn: arn).backupDescription
        #expect(deleted?.backupDetails?.backupArn == arn)
        #expect(try await client.listAllBackups(ListBackupsInput(tableName: origin)).isEmpty)
        await #expect(throws: AWSError.self) { try await client.describeBackup(backupArn: arn) }
        _ = try await client.deleteTable(DeleteTableInput(tableName: target))
        _ = try await client.deleteTable(DeleteTableInput(tableName: origin))
    }

    /// moto only reads SourceTableName; RequestEncodingTests checks SourceTableArn is sent.
    @Test("RestoreTableToPointInTime at the latest time and at an instant")
    func pointInTimeRestore() async throws {
        let client = try await TestSessions.localDynamoDB()
        let origin = uniqueName("pitr-origin")
        let arn = try #require(try await TestSessions.createTable(client, name: origin).tableArn)
        _ = try await client.updateContinuousBackups(
            UpdateContinuousBackupsInput(
                tableName: origin,
                pointInTimeRecoverySpecification: PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: true)))

        let latest = uniqueName("pitr-latest")
        let byName = try await client.restoreTableToPointInTime(
            RestoreTableToPointInTimeInput(
                sourceTableName: origin, targetTableName: latest, useLatestRestorableTime: true,
                overrides: RestoreOverrides(billingModeOverride: .payPerRequest)))
        #expect(byName.tableDescription?.tableName == latest)

        let instant = uniqueName("pitr-instant")
        let byArn = try await client.restoreTableToPointInTime(
            RestoreTableToPointInTimeInput(
                sourceTableName: origin, targetTableName: instant, restoreDateTime: Date().addingTimeInterval(-1)))
        #expect(byArn.tableDescription?.tableName == instant)
        #expect(try await client.describeTable(tableName: instant).restoreSummary?.sourceTableArn == arn)

        for name in [latest, instant, origin] { _ = try await client.deleteTable(DeleteTableInput(tableName: name)) }
    }
}
