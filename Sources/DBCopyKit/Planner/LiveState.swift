import Foundation

/// What the planner knows of live AWS state: everything it decides from, read beforehand by
/// `LiveStateReader`, so that planning itself is a pure function (and testable from fixtures).
public struct LiveState: Sendable, Codable, Equatable {
    public var regions: [String: RegionSnapshot]

    public init(regions: [String: RegionSnapshot] = [:]) {
        self.regions = regions
    }

    public subscript(region: String) -> RegionSnapshot {
        get { regions[region] ?? RegionSnapshot() }
        set { regions[region] = newValue }
    }
}

/// One region of one account.
public struct RegionSnapshot: Sendable, Codable, Equatable {
    /// Every table name in the region, when some job needed the list (`match` origins, rotations).
    public var tableNames: [String]?
    /// Described tables by name.
    public var tables: [String: TableSnapshot]
    /// Names that were described and do not exist.
    public var absentTables: Set<String>
    /// Backups listed for the tables the jobs touch (origins, fixed targets), and any named by ARN.
    public var backups: [BackupSnapshot]
    /// SSM parameters that were looked up and exist.
    public var parameters: [String: ParameterSnapshot]
    /// SSM parameter names that were looked up and do not exist.
    public var absentParameters: Set<String>

    public init(
        tableNames: [String]? = nil, tables: [String: TableSnapshot] = [:], absentTables: Set<String> = [],
        backups: [BackupSnapshot] = [], parameters: [String: ParameterSnapshot] = [:],
        absentParameters: Set<String> = []
    ) {
        self.tableNames = tableNames
        self.tables = tables
        self.absentTables = absentTables
        self.backups = backups
        self.parameters = parameters
        self.absentParameters = absentParameters
    }

    /// Every table's backups, newest first: built once per plan, since each copy looks up its
    /// origin's and its target's among all of the region's.
    public func backupsByTable() -> [String: [BackupSnapshot]] {
        Dictionary(grouping: backups, by: \.tableName).mapValues { $0.sorted { $0.createdAt > $1.createdAt } }
    }
}

/// A DynamoDB table as DescribeTable (and, where read, ListTagsOfResource, DescribeTimeToLive,
/// DescribeContinuousBackups) reported it.
public struct TableSnapshot: Sendable, Codable, Equatable {
    public var name: String
    public var arn: String
    /// CREATING, UPDATING, DELETING, ACTIVE, INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED.
    public var status: String
    public var createdAt: Date
    public var itemCount: Int64
    public var sizeBytes: Int64
    public var billing: BillingMode
    /// Provisioned capacity (nil when on-demand).
    public var capacity: Capacity?
    public var indexes: [IndexSnapshot]
    public var encryption: EncryptionSnapshot?
    public var tableClass: TableClass?
    public var deletionProtection: Bool
    /// Present on tables made by a restore.
    public var restore: RestoreSnapshot?
    /// nil when not read.
    public var tags: [String: String]?
    /// nil when not read.
    public var ttl: TTLSnapshot?
    /// nil when not read.
    public var pointInTimeRecovery: PITRSnapshot?

    public init(
        name: String, arn: String, status: String = "ACTIVE", createdAt: Date, itemCount: Int64 = 0,
        sizeBytes: Int64 = 0, billing: BillingMode = .provisioned, capacity: Capacity? = nil,
        indexes: [IndexSnapshot] = [], encryption: EncryptionSnapshot? = nil, tableClass: TableClass? = nil,
        deletionProtection: Bool = false, restore: RestoreSnapshot? = nil, tags: [String: String]? = nil,
        ttl: TTLSnapshot? = nil, pointInTimeRecovery: PITRSnapshot? = nil
    ) {
        self.name = name
        self.arn = arn
        self.status = status
        self.createdAt = createdAt
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
        self.billing = billing
        self.capacity = capacity
        self.indexes = indexes
        self.encryption = encryption
        self.tableClass = tableClass
        self.deletionProtection = deletionProtection
        self.restore = restore
        self.tags = tags
        self.ttl = ttl
        self.pointInTimeRecovery = pointInTimeRecovery
    }

    public func index(named name: String) -> IndexSnapshot? { indexes.first { $0.name == name } }
}

public struct IndexSnapshot: Sendable, Codable, Equatable {
    public var name: String
    public var status: String
    public var capacity: Capacity?

    public init(name: String, status: String = "ACTIVE", capacity: Capacity? = nil) {
        self.name = name
        self.status = status
        self.capacity = capacity
    }
}

public struct EncryptionSnapshot: Sendable, Codable, Equatable {
    /// KMS, or nil for the AWS owned key.
    public var sseType: String?
    public var kmsKeyARN: String?

    public init(sseType: String?, kmsKeyARN: String?) {
        self.sseType = sseType
        self.kmsKeyARN = kmsKeyARN
    }
}

public struct RestoreSnapshot: Sendable, Codable, Equatable {
    public var sourceBackupARN: String?
    public var sourceTableARN: String?
    public var restoredAt: Date?
    public var inProgress: Bool

    public init(sourceBackupARN: String?, sourceTableARN: String?, restoredAt: Date?, inProgress: Bool) {
        self.sourceBackupARN = sourceBackupARN
        self.sourceTableARN = sourceTableARN
        self.restoredAt = restoredAt
        self.inProgress = inProgress
    }
}

public struct TTLSnapshot: Sendable, Codable, Equatable {
    /// ENABLED, ENABLING, DISABLED, DISABLING.
    public var status: String
    public var attributeName: String?

    public init(status: String, attributeName: String?) {
        self.status = status
        self.attributeName = attributeName
    }

    public var isEnabled: Bool { status == "ENABLED" || status == "ENABLING" }
}

public struct PITRSnapshot: Sendable, Codable, Equatable {
    public var enabled: Bool
    public var earliestRestorable: Date?
    public var latestRestorable: Date?

    public init(enabled: Bool, earliestRestorable: Date? = nil, latestRestorable: Date? = nil) {
        self.enabled = enabled
        self.earliestRestorable = earliestRestorable
        self.latestRestorable = latestRestorable
    }
}

public struct BackupSnapshot: Sendable, Codable, Equatable {
    public var arn: String
    public var name: String
    public var tableName: String
    public var tableARN: String?
    /// CREATING, AVAILABLE, DELETED.
    public var status: String
    /// USER, SYSTEM, AWS_BACKUP.
    public var type: String
    public var createdAt: Date
    public var sizeBytes: Int64?

    public init(
        arn: String, name: String, tableName: String, tableARN: String? = nil, status: String = "AVAILABLE",
        type: String = "USER", createdAt: Date, sizeBytes: Int64? = nil
    ) {
        self.arn = arn
        self.name = name
        self.tableName = tableName
        self.tableARN = tableARN
        self.status = status
        self.type = type
        self.createdAt = createdAt
        self.sizeBytes = sizeBytes
    }
}

public struct ParameterSnapshot: Sendable, Codable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
