import Foundation

/// A DynamoDB backup ARN, `arn:PARTITION:dynamodb:REGION:ACCOUNT:table/TABLE/backup/ID`, taken
/// apart so that the table it was made of can be compared with the job's origin.
public struct BackupARN: Sendable, Equatable {
    public var partition: String
    public var region: String
    public var account: String
    public var tableName: String
    public var backupID: String

    /// nil unless `text` has the shape above with a 12-digit account and a valid table name.
    public init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[1].hasPrefix("aws"), fields[2] == "dynamodb",
            NameRules.regionProblem(String(fields[3])) == nil,
            fields[4].count == 12, fields[4].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let path = fields[5].split(separator: "/", omittingEmptySubsequences: false)
        guard path.count == 4, path[0] == "table", path[2] == "backup",
            NameRules.nameProblem(String(path[1]), kind: "table name") == nil,
            !path[3].isEmpty, path[3].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        partition = String(fields[1])
        region = String(fields[3])
        account = String(fields[4])
        tableName = String(path[1])
        backupID = String(path[3])
    }
}

/// RFC 3339 times (`2026-11-20T08:00:00Z`, `2026-11-20T09:00:00.5+01:00`) for
/// `source: {point_in_time: TIME}`.
public enum RFC3339 {
    public static func parse(_ text: String) -> Date? {
        // A new formatter per call: parsing happens a few times per plan file, and formatters
        // are not Sendable.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
