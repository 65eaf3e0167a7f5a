import Foundation

extension DynamoDBClient {
    /// Every table name in the region, following `LastEvaluatedTableName`.
    public func listAllTables() async throws -> [String] {
        var names: [String] = []
        var start: String?
        repeat {
            let page = try await listTables(ListTablesInput(exclusiveStartTableName: start))
            names += page.tableNames ?? []
            start = page.lastEvaluatedTableName
        } while start != nil
        return names
    }

    /// Every backup matching `filter`, following `LastEvaluatedBackupArn`. The table, type and
    /// time filters are sent to DynamoDB and applied again here, so the answer is right even
    /// from an endpoint that ignores them.
    public func listAllBackups(_ filter: ListBackupsInput = ListBackupsInput()) async throws -> [BackupSummary] {
        var summaries: [BackupSummary] = []
        var input = filter
        repeat {
            let page = try await listBackups(input)
            summaries += page.backupSummaries ?? []
            input.exclusiveStartBackupArn = page.lastEvaluatedBackupArn
        } while input.exclusiveStartBackupArn != nil
        return summaries.filter { Self.matches($0, filter) }
    }

    static func matches(_ summary: BackupSummary, _ filter: ListBackupsInput) -> Bool {
        if let table = filter.tableName, summary.tableName != table { return false }
        if let type = filter.backupType, type != .all {
            // Mirrors DynamoDB: the SYSTEM filter and a USER filter compare by name.
            guard summary.backupType?.rawValue == type.rawValue else { return false }
        }
        let created = summary.backupCreationDateTime
        if let lower = filter.timeRangeLowerBound, let created, created < lower { return false }
        if let upper = filter.timeRangeUpperBound, let created, created >= upper { return false }
        return true
    }

    /// Every tag of a table or backup, following `NextToken`.
    public func listAllTags(resourceArn: String) async throws -> [Tag] {
        var tags: [Tag] = []
        var token: String?
        repeat {
            let page = try await listTagsOfResource(ListTagsOfResourceInput(resourceArn: resourceArn, nextToken: token))
            tags += page.tags ?? []
            token = page.nextToken
        } while token != nil
        return tags
    }
}
