import Foundation
import TestSupport

/// A table to create before a test, with items (`seed_tables.py tables`).
struct TableSeed: Encodable, Sendable {
    struct Index: Encodable, Sendable {
        var name: String
        var key: String
        var capacity: [Int]?
    }

    var name: String
    var key = "id"
    var items = 0
    /// `provisioned` (default) or `on-demand`.
    var billing: String?
    /// `[read, write]`, default `[5, 5]`.
    var capacity: [Int]?
    var gsi: [Index]?
    /// TTL attribute to enable.
    var ttl: String?
    var tags: [String: String]?
    var pitr: Bool?
    /// A backup to make once the items are in.
    var backup: String?
    var deletionProtection: Bool?

    enum CodingKeys: String, CodingKey {
        case name, key, items, billing, capacity, gsi, ttl, tags, pitr, backup
        case deletionProtection = "deletion_protection"
    }
}

/// Live state as boto3 sees it (`seed_tables.py describe`), limited to one workspace's names.
struct LiveAWS: Decodable, Sendable {
    struct Table: Decodable, Sendable, Equatable {
        let arn: String
        let status: String
        /// Counted with a Scan, not DescribeTable's estimate.
        let items: Int
        /// `PROVISIONED` or `PAY_PER_REQUEST`.
        let billing: String
        let read: Int?
        let write: Int?
        /// Index name → `[read, write]` (nil entries when on-demand).
        let indexes: [String: [Int?]]
        let tags: [String: String]
        let ttl: String?
        let pitr: Bool
        let deletionProtection: Bool

        enum CodingKeys: String, CodingKey {
            case arn, status, items, billing, read, write, indexes, tags, ttl, pitr
            case deletionProtection = "deletion_protection"
        }

        /// The tags dbcopy adds to every table it makes.
        var ownershipTags: [String: String] { tags.filter { $0.key.hasPrefix("dbcopy:") } }
    }

    struct Backup: Decodable, Sendable, Equatable {
        let name: String
        let table: String
        let status: String
        let arn: String
    }

    /// The tables asked about; nil when absent.
    let tables: [String: Table?]
    /// Every table of the workspace.
    let allTables: [String]
    /// Every backup of the workspace's tables.
    let backups: [Backup]
    /// The workspace's SSM parameters (under `/PREFIX/`), name → value.
    let parameters: [String: String]

    enum CodingKeys: String, CodingKey {
        case tables, backups, parameters
        case allTables = "all_tables"
    }

    /// The described table `name`; nil when it does not exist.
    func table(_ name: String) -> Table? { tables[name] ?? nil }

    func backups(of table: String) -> [Backup] { backups.filter { $0.table == table } }

    func backupNames(of table: String) -> Set<String> { Set(backups(of: table).map(\.name)) }
}

extension Workspace {
    /// Creates the tables (with items, TTL, tags, backups) on moto.
    func seed(_ tables: [TableSeed]) async throws {
        let json = String(decoding: try JSONEncoder().encode(tables), as: UTF8.self)
        _ = try await seedTables(["tables", json])
    }

    /// Live state of this workspace: `tables` described in full, and every table, backup and
    /// SSM parameter whose name carries the prefix.
    func describe(_ tables: [String] = []) async throws -> LiveAWS {
        let output = try await seedTables(
            ["--prefix", prefix, "--parameter-path", "/\(prefix)", "describe"] + tables)
        return try JSONDecoder().decode(LiveAWS.self, from: Data(output.utf8))
    }

    /// One AWS call made as a person would make it (boto3: operation in snake_case), to change
    /// live state behind dbcopy's back. Returns the answer's JSON object.
    @discardableResult
    func aws(_ service: String, _ operation: String, _ parameters: [String: any Sendable]) async throws -> [String: Any]
    {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: parameters), as: UTF8.self)
        let output = try await seedTables(["aws", service, operation, json])
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }
}
