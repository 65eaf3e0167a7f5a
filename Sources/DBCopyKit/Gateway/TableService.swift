import Foundation

/// DynamoDB as dbcopy uses it, in the planner's terms, for one region. The live-state reader
/// and the executor go through this; `AWSTableService` implements it over the AWS client.
public protocol TableService: Sendable {
    func listTableNames() async throws -> [String]
    /// nil when the table does not exist. Tags, TTL and PITR are left nil (read separately).
    func describeTable(_ name: String) async throws -> TableSnapshot?
    func tags(ofResource arn: String) async throws -> [String: String]
    func timeToLive(of table: String) async throws -> TTLSnapshot
    func pointInTimeRecovery(of table: String) async throws -> PITRSnapshot
    /// Every backup of `table` (any type, any status), newest first.
    func backups(of table: String) async throws -> [BackupSnapshot]
    /// nil when the backup does not exist (or is DELETED).
    func describeBackup(_ arn: String) async throws -> BackupSnapshot?
    func createBackup(table: String, name: String) async throws -> BackupSnapshot
    func deleteBackup(_ arn: String) async throws
    func restore(_ request: RestoreRequest) async throws
    func deleteTable(_ name: String) async throws
    func updateTable(_ name: String, _ update: TableUpdate) async throws
    func tagResource(_ arn: String, tags: [String: String]) async throws
    func enableTimeToLive(table: String, attribute: String) async throws
    func setPointInTimeRecovery(table: String, enabled: Bool) async throws
}

/// SSM Parameter Store as dbcopy uses it, for one region.
public protocol ParameterService: Sendable {
    /// nil when the parameter does not exist.
    func parameter(_ name: String) async throws -> String?
    /// The values of those of `names` that exist (at most 10 names: one GetParameters call).
    func parameters(_ names: [String]) async throws -> [String: String]
    /// Creates or overwrites a String parameter.
    func putParameter(_ name: String, value: String) async throws
    /// Creates the parameter only if it does not exist; false if it already did.
    func createParameter(_ name: String, value: String) async throws -> Bool
    func deleteParameter(_ name: String) async throws
}

extension ParameterService {
    /// One `parameter(_:)` call per name, for services without a batch read.
    public func parameters(_ names: [String]) async throws -> [String: String] {
        var values: [String: String] = [:]
        for name in names { values[name] = try await parameter(name) }
        return values
    }
}

/// The services of one region.
public struct RegionServices: Sendable {
    public var tables: any TableService
    public var parameters: any ParameterService

    public init(tables: any TableService, parameters: any ParameterService) {
        self.tables = tables
        self.parameters = parameters
    }
}

/// A restore with every override dbcopy sets.
public struct RestoreRequest: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case backup(arn: String)
        /// nil date: the latest restorable time.
        case pointInTime(table: String, at: Date?)
    }

    public var target: String
    public var source: Source
    /// The origin: its index definitions (key schema, projection) go with GSI capacity overrides.
    public var sourceTable: String
    public var billing: BillingMode
    public var capacity: Capacity?
    /// GSI name → capacity (provisioned only).
    public var indexes: [String: Capacity]
    public var encryption: EncryptionSpec?

    public init(
        target: String, source: Source, sourceTable: String, billing: BillingMode, capacity: Capacity?,
        indexes: [String: Capacity],
        encryption: EncryptionSpec?
    ) {
        self.target = target
        self.source = source
        self.sourceTable = sourceTable
        self.billing = billing
        self.capacity = capacity
        self.indexes = indexes
        self.encryption = encryption
    }
}

/// One UpdateTable call's worth of changes; nil fields are left alone.
public struct TableUpdate: Sendable, Equatable {
    public var billing: BillingMode?
    public var capacity: Capacity?
    public var indexes: [String: Capacity]
    public var tableClass: TableClass?
    public var deletionProtection: Bool?
    public var encryption: EncryptionSpec?

    public init(
        billing: BillingMode? = nil, capacity: Capacity? = nil, indexes: [String: Capacity] = [:],
        tableClass: TableClass? = nil, deletionProtection: Bool? = nil, encryption: EncryptionSpec? = nil
    ) {
        self.billing = billing
        self.capacity = capacity
        self.indexes = indexes
        self.tableClass = tableClass
        self.deletionProtection = deletionProtection
        self.encryption = encryption
    }

    public var isEmpty: Bool {
        billing == nil && capacity == nil && indexes.isEmpty && tableClass == nil && deletionProtection == nil
            && encryption == nil
    }
}
