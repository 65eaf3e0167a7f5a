import Foundation

/// Exactly what the executor does for one change. The executor never decides anything that
/// is not written here; it only re-checks safeguards against fresh state before a delete.
public enum Operation: Sendable, Equatable {
    case createBackup(CreateBackupStep)
    case restoreTable(RestoreStep)
    case putParameter(PutParameterStep)
    case deleteBackup(DeleteBackupStep)
    case deleteTable(DeleteTableStep)
}

/// CreateBackup of the origin; the restore of the same copy uses it.
public struct CreateBackupStep: Sendable, Codable, Equatable {
    public var table: String
    public var backupName: String

    public init(table: String, backupName: String) {
        self.table = table
        self.backupName = backupName
    }
}

/// Restore a table (after a safety backup and delete of the table it replaces), wait until
/// it is ACTIVE, then converge it to the planned settings.
public struct RestoreStep: Sendable, Codable, Equatable {
    public var target: String
    public var source: RestoreSource
    public var replacing: ReplacedTable?
    /// The target already exists from an interrupted run: do not restore, wait and converge.
    public var resume: Bool
    public var billing: BillingMode
    /// Table capacity when `billing` is provisioned.
    public var capacity: Capacity?
    /// GSI capacity when `billing` is provisioned; every GSI of the origin has an entry.
    public var indexes: [String: Capacity]
    public var encryption: EncryptionSpec?
    /// The complete tag set dbcopy puts on the copy, `dbcopy:*` included.
    public var tags: [String: String]
    /// Enable TTL on this attribute (copied from the origin).
    public var ttlAttribute: String?
    public var pointInTimeRecovery: Bool?
    public var deletionProtection: Bool?
    public var tableClass: TableClass?

    public init(
        target: String, source: RestoreSource, replacing: ReplacedTable? = nil, resume: Bool = false,
        billing: BillingMode, capacity: Capacity?, indexes: [String: Capacity] = [:],
        encryption: EncryptionSpec? = nil, tags: [String: String], ttlAttribute: String? = nil,
        pointInTimeRecovery: Bool? = nil, deletionProtection: Bool? = nil, tableClass: TableClass? = nil
    ) {
        self.target = target
        self.source = source
        self.replacing = replacing
        self.resume = resume
        self.billing = billing
        self.capacity = capacity
        self.indexes = indexes
        self.encryption = encryption
        self.tags = tags
        self.ttlAttribute = ttlAttribute
        self.pointInTimeRecovery = pointInTimeRecovery
        self.deletionProtection = deletionProtection
        self.tableClass = tableClass
    }
}

public enum RestoreSource: Sendable, Equatable {
    /// The backup this copy's `createBackup` step makes (by name).
    case newBackup(name: String)
    /// An existing backup; `inProgress` when it is still CREATING (from an interrupted run).
    case backup(arn: String, name: String, inProgress: Bool)
    /// RestoreTableToPointInTime of the origin; nil date: the latest restorable time.
    case pointInTime(table: String, tableARN: String, at: Date?)
}

/// The existing fixed target a restore replaces, as the planner saw it.
public struct ReplacedTable: Sendable, Codable, Equatable {
    public var arn: String
    public var createdAt: Date
    /// Backed up under this name before it is deleted (nil: `backup_before_replace: false`).
    public var safetyBackupName: String?
    /// Set when an interrupted run already made that safety backup of this very table (it is
    /// CREATING or AVAILABLE): the apply waits for it instead of making another.
    public var safetyBackupARN: String?
    /// Deletion protection is on and was turned on by this job's `deletion_protection: true`.
    public var disableDeletionProtection: Bool
    /// `replace: adopt` of a table dbcopy did not make.
    public var adopt: Bool

    /// Whether the apply makes a new safety backup (not `backup_before_replace: false`, and not
    /// one an interrupted run already made).
    public var makesSafetyBackup: Bool { safetyBackupName != nil && safetyBackupARN == nil }

    public init(
        arn: String, createdAt: Date, safetyBackupName: String?, safetyBackupARN: String? = nil,
        disableDeletionProtection: Bool, adopt: Bool
    ) {
        self.arn = arn
        self.createdAt = createdAt
        self.safetyBackupName = safetyBackupName
        self.safetyBackupARN = safetyBackupARN
        self.disableDeletionProtection = disableDeletionProtection
        self.adopt = adopt
    }
}

/// Point the SSM parameter at the copy.
public struct PutParameterStep: Sendable, Codable, Equatable {
    public var name: String
    /// The copy's table ARN or name, as the planner computed it (the executor checks it).
    public var value: String
    public var valueKind: SSMParameterSpec.Value
    public var previousValue: String?

    public init(name: String, value: String, valueKind: SSMParameterSpec.Value, previousValue: String?) {
        self.name = name
        self.value = value
        self.valueKind = valueKind
        self.previousValue = previousValue
    }
}

/// Retention: delete one of the job's own backups.
public struct DeleteBackupStep: Sendable, Codable, Equatable {
    public var arn: String
    public var name: String
    public var table: String

    public init(arn: String, name: String, table: String) {
        self.arn = arn
        self.name = name
        self.table = table
    }
}

/// Rotation: delete one of the job's own generations beyond `keep`.
public struct DeleteTableStep: Sendable, Codable, Equatable {
    public var table: String
    public var arn: String
    public var createdAt: Date
    public var disableDeletionProtection: Bool

    public init(table: String, arn: String, createdAt: Date, disableDeletionProtection: Bool) {
        self.table = table
        self.arn = arn
        self.createdAt = createdAt
        self.disableDeletionProtection = disableDeletionProtection
    }
}
