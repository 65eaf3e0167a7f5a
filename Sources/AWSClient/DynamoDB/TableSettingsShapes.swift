import Foundation

// Tags, time to live and continuous backups (point-in-time recovery).

public struct TagResourceInput: Encodable, Sendable, Hashable {
    public var resourceArn: String
    public var tags: [Tag]
    public init(resourceArn: String, tags: [Tag]) {
        self.resourceArn = resourceArn
        self.tags = tags
    }
}

public struct UntagResourceInput: Encodable, Sendable, Hashable {
    public var resourceArn: String
    public var tagKeys: [String]
    public init(resourceArn: String, tagKeys: [String]) {
        self.resourceArn = resourceArn
        self.tagKeys = tagKeys
    }
}

public struct ListTagsOfResourceInput: Encodable, Sendable, Hashable {
    public var resourceArn: String
    public var nextToken: String?
    public init(resourceArn: String, nextToken: String? = nil) {
        self.resourceArn = resourceArn
        self.nextToken = nextToken
    }
}

public struct ListTagsOfResourceOutput: Decodable, Sendable, Hashable {
    public var tags: [Tag]?
    public var nextToken: String?
}

public struct TableNameInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public init(tableName: String) { self.tableName = tableName }
}

public struct TimeToLiveDescription: Codable, Sendable, Hashable {
    public var timeToLiveStatus: TimeToLiveStatus?
    public var attributeName: String?
}

public struct DescribeTimeToLiveOutput: Decodable, Sendable, Hashable {
    public var timeToLiveDescription: TimeToLiveDescription?
}

public struct TimeToLiveSpecification: Codable, Sendable, Hashable {
    public var enabled: Bool
    public var attributeName: String
    public init(enabled: Bool, attributeName: String) {
        self.enabled = enabled
        self.attributeName = attributeName
    }
}

public struct UpdateTimeToLiveInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public var timeToLiveSpecification: TimeToLiveSpecification
    public init(tableName: String, timeToLiveSpecification: TimeToLiveSpecification) {
        self.tableName = tableName
        self.timeToLiveSpecification = timeToLiveSpecification
    }
}

public struct UpdateTimeToLiveOutput: Decodable, Sendable, Hashable {
    public var timeToLiveSpecification: TimeToLiveSpecification?
}

public struct ContinuousBackupsDescription: Codable, Sendable, Hashable {
    public var continuousBackupsStatus: BackupFeatureStatus?
    public var pointInTimeRecoveryDescription: PointInTimeRecoveryDescription?
}

public struct PointInTimeRecoveryDescription: Codable, Sendable, Hashable {
    public var pointInTimeRecoveryStatus: BackupFeatureStatus?
    public var recoveryPeriodInDays: Int?
    public var earliestRestorableDateTime: Date?
    public var latestRestorableDateTime: Date?
}

/// Answer of DescribeContinuousBackups and UpdateContinuousBackups.
public struct ContinuousBackupsOutput: Decodable, Sendable, Hashable {
    public var continuousBackupsDescription: ContinuousBackupsDescription?
}

public struct PointInTimeRecoverySpecification: Codable, Sendable, Hashable {
    public var pointInTimeRecoveryEnabled: Bool
    public var recoveryPeriodInDays: Int?
    public init(pointInTimeRecoveryEnabled: Bool, recoveryPeriodInDays: Int? = nil) {
        self.pointInTimeRecoveryEnabled = pointInTimeRecoveryEnabled
        self.recoveryPeriodInDays = recoveryPeriodInDays
    }
}

public struct UpdateContinuousBackupsInput: Encodable, Sendable, Hashable {
    public var tableName: String
    public var pointInTimeRecoverySpecification: PointInTimeRecoverySpecification
    public init(tableName: String, pointInTimeRecoverySpecification: PointInTimeRecoverySpecification) {
        self.tableName = tableName
        self.pointInTimeRecoverySpecification = pointInTimeRecoverySpecification
    }
}
