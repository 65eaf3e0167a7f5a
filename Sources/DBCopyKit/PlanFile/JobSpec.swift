import Foundation

/// One copy job of a plan file, with `defaults` applied. Every key of the plan file
/// reference (README, "Plan file") has a property here.
public struct JobSpec: Sendable, Equatable {
    /// `name`: unique, `[a-z0-9][a-z0-9_-]*`.
    public var name: String
    /// Where the job's mapping starts.
    public var mark: SourceMark?
    /// Where each key was written (`"capacity"`, `"indexes.by-email"`, `"rotation.keep"`…),
    /// so that later stages (the planner) can point at the line that caused a problem.
    /// A key inherited from `defaults` points into `defaults`.
    public var keyMarks: [String: SourceMark]

    /// `region`: nil means the session's region (flag, environment, profile).
    public var region: String?
    public var origin: OriginSelector
    public var source: SourceSpec
    /// `backup_name`: default `dbcopy-{job}-{timestamp}`.
    public var backupName: NameTemplate
    /// Exactly one of `target` and `rotation`.
    public var destination: Destination
    public var replace: ReplacePolicy
    /// `backup_before_replace`: default true.
    public var backupBeforeReplace: Bool
    /// nil: as the origin.
    public var billing: BillingMode?
    public var capacity: Capacity?
    /// GSI name → capacity; names are checked against the origin by the planner.
    public var indexes: [String: Capacity]
    public var encryption: EncryptionSpec?
    public var tableClass: TableClass?
    public var deletionProtection: Bool?
    public var pointInTimeRecovery: Bool?
    public var ttl: TTLPolicy
    /// Tags put on the copy (besides dbcopy's own `dbcopy:*` tags).
    public var tags: [String: String]
    public var copyTags: CopyTags
    /// A copy younger than this is fresh and not redone; nil: every apply copies.
    public var refresh: DurationValue?
    public var ssmParameter: SSMParameterSpec?
    public var retention: RetentionSpec
    /// `wait_timeout`: default 6h.
    public var waitTimeout: DurationValue

    public init(
        name: String, mark: SourceMark? = nil, keyMarks: [String: SourceMark] = [:], region: String? = nil,
        origin: OriginSelector, source: SourceSpec = .newBackup,
        backupName: NameTemplate = NameTemplate.defaultBackupName, destination: Destination,
        replace: ReplacePolicy = .never, backupBeforeReplace: Bool = true, billing: BillingMode? = nil,
        capacity: Capacity? = nil, indexes: [String: Capacity] = [:], encryption: EncryptionSpec? = nil,
        tableClass: TableClass? = nil, deletionProtection: Bool? = nil, pointInTimeRecovery: Bool? = nil,
        ttl: TTLPolicy = .copy, tags: [String: String] = [:], copyTags: CopyTags = .none,
        refresh: DurationValue? = nil, ssmParameter: SSMParameterSpec? = nil,
        retention: RetentionSpec = RetentionSpec(), waitTimeout: DurationValue = .defaultWaitTimeout
    ) {
        self.name = name
        self.mark = mark
        self.keyMarks = keyMarks
        self.region = region
        self.origin = origin
        self.source = source
        self.backupName = backupName
        self.destination = destination
        self.replace = replace
        self.backupBeforeReplace = backupBeforeReplace
        self.billing = billing
        self.capacity = capacity
        self.indexes = indexes
        self.encryption = encryption
        self.tableClass = tableClass
        self.deletionProtection = deletionProtection
        self.pointInTimeRecovery = pointInTimeRecovery
        self.ttl = ttl
        self.tags = tags
        self.copyTags = copyTags
        self.refresh = refresh
        self.ssmParameter = ssmParameter
        self.retention = retention
        self.waitTimeout = waitTimeout
    }

    /// The mark of `key` if it was written, else of the job itself.
    public func mark(of key: String) -> SourceMark? { keyMarks[key] ?? mark }
}

/// `origin`: a table name (`origin: NAME` or `{table: NAME}`) or every table whose name
/// matches a regular expression (`{match: REGEX}`, ICU syntax, e.g. `(?i)-production$`).
public enum OriginSelector: Sendable, Equatable {
    case table(String)
    case match(String)
}

/// `source`: what the copy is restored from.
public enum SourceSpec: Sendable, Equatable {
    /// `backup` (default): a new on-demand backup of the origin, named from `backup_name`.
    case newBackup
    /// `latest-backup`: the newest AVAILABLE backup of the origin of any type (USER, SYSTEM, AWS_BACKUP).
    case latestBackup
    /// `point-in-time` (latest restorable time, nil) or `{point_in_time: RFC3339}`.
    case pointInTime(Date?)
    /// `{backup_arn: ARN}`: this existing backup.
    case backupARN(String)
}

/// Exactly one of `target` (a fixed name) or `rotation` (timestamped generations).
public enum Destination: Sendable, Equatable {
    case table(String)
    case rotation(RotationSpec)
}

/// `rotation`: each apply makes a new generation; generations beyond `keep` are destroyed.
public struct RotationSpec: Sendable, Equatable {
    public var naming: RotationNaming
    /// How many generations to keep, counting the new one (at least 1).
    public var keep: Int

    public init(naming: RotationNaming, keep: Int) {
        self.naming = naming
        self.keep = keep
    }
}

public enum RotationNaming: Sendable, Equatable {
    /// `{name: TEMPLATE}` with `{origin}`, `{job}`, `{timestamp}`.
    case template(NameTemplate)
    /// `{pattern, replacement}`: the origin name with the regex replaced (`$0` = whole match),
    /// then `-` and the UTC timestamp `YYYYMMDD-HH-mm-ss`.
    case pattern(regex: String, replacement: String)
}

/// `replace`: whether an existing fixed target may be deleted and restored over.
public enum ReplacePolicy: String, Sendable, Equatable, Codable {
    /// `false` (default): an existing target is an error.
    case never = "false"
    /// `true`: may delete an existing target that dbcopy made for this job.
    case owned = "true"
    /// `adopt`: also a target that dbcopy did not make (once; afterwards it carries the job's tags).
    case adopt
}

public enum BillingMode: String, Sendable, Equatable, Codable {
    case provisioned
    case onDemand = "on-demand"

    /// The DynamoDB API value.
    public var awsValue: String { self == .provisioned ? "PROVISIONED" : "PAY_PER_REQUEST" }
}

/// Provisioned read and write capacity units.
public struct Capacity: Sendable, Equatable, Codable {
    public var read: Int
    public var write: Int

    public init(read: Int, write: Int) {
        self.read = read
        self.write = write
    }

    /// DynamoDB's default per-table quota; numbers outside 1...maximum are rejected.
    public static let maximum = 40_000
}

/// `encryption`: `aws-owned`, `aws-managed`, or `{kms_key: KEY}` (customer managed).
public enum EncryptionSpec: Sendable, Equatable {
    case awsOwned
    case awsManaged
    case customerManaged(kmsKey: String)
}

/// `table_class`: `standard` or `standard-infrequent-access`.
public enum TableClass: String, Sendable, Equatable, Codable {
    case standard
    case standardInfrequentAccess = "standard-infrequent-access"

    public var awsValue: String { self == .standard ? "STANDARD" : "STANDARD_INFREQUENT_ACCESS" }
}

/// `ttl`: `copy` (default: the origin's TTL attribute is enabled on the copy) or `false`.
public enum TTLPolicy: String, Sendable, Equatable, Codable {
    case copy
    case disabled = "false"
}

/// `copy_tags`: `false` (default), `true` (all of the origin's tags but `aws:*` and `dbcopy:*`),
/// or a list of tag keys to copy.
public enum CopyTags: Sendable, Equatable {
    case none
    case all
    case keys([String])
}

/// `ssm_parameter`: a name (template with `{origin}`, `{job}`) or `{name, value: arn|name}`.
public struct SSMParameterSpec: Sendable, Equatable {
    public enum Value: String, Sendable, Equatable, Codable { case arn, name }

    public var name: NameTemplate
    public var value: Value

    public init(name: NameTemplate, value: Value = .arn) {
        self.name = name
        self.value = value
    }
}

/// `retention`: which of the job's own backups to keep. Both nil: keep all.
public struct RetentionSpec: Sendable, Equatable {
    /// Keep the newest N (counting the one this run makes).
    public var backups: Int?
    /// Destroy backups older than this.
    public var maxAge: DurationValue?

    public init(backups: Int? = nil, maxAge: DurationValue? = nil) {
        self.backups = backups
        self.maxAge = maxAge
    }

    public var keepsEverything: Bool { backups == nil && maxAge == nil }
}
