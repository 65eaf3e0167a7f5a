import Foundation

/// Workflow 1 of DESIGN.md ("backup production, delete the dev table, restore the backup into it
/// with smaller capacity"), as `plans/clients-to-dev.yaml` writes it, on a workspace's names.
struct ClientsToDev: Sendable {
    let prefix: String
    static let items = 120

    var job: String { "\(prefix)-clients-to-dev" }
    var origin: String { "\(prefix)-clients" }
    var target: String { "\(prefix)-clients_restored" }
    var parameter: String { "/\(prefix)/dev/clients/table-arn" }

    /// The origin: provisioned 50/50 with a 50/50 index, TTL on, two tags of its own.
    var seeds: [TableSeed] {
        [
            TableSeed(
                name: origin, key: "client_id", items: Self.items, capacity: [50, 50],
                gsi: [.init(name: "by-email", key: "email", capacity: [50, 50])], ttl: "expires_at",
                tags: ["team": "crm", "env": "production"])
        ]
    }

    /// The job; `replace` and the parameter's value (`arn` or `name`) as given, then `extra` lines
    /// (`"refresh: 1h"`) added to it.
    func job(replace: String = "true", parameterValue: String = "arn", _ extra: [String] = []) -> String {
        let lines = [
            "- name: \(job)", "  origin: \(origin)", "  target: \(target)", "  replace: \(replace)",
            "  billing: provisioned", "  capacity: {read: 3, write: 3}", "  indexes: {by-email: {read: 1, write: 1}}",
            "  ssm_parameter: {name: \"\(parameter)\", value: \(parameterValue)}", "  retention: {backups: 2}",
            "  tags: {environment: dev}",
        ]
        return (lines + extra.map { "  " + $0 }).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
}

/// Workflow 2 of DESIGN.md ("restore every `*-production` table's newest backup into a new
/// timestamped `*-staging-…` table and point an SSM parameter at it"), as
/// `plans/production-to-staging.yaml` writes it, on a workspace's names.
struct ProductionToStaging: Sendable {
    let prefix: String
    static let items = ["orders": 80, "users": 50]

    var job: String { "\(prefix)-staging" }
    var orders: String { "\(prefix)-orders-production" }
    var users: String { "\(prefix)-users-production" }
    var origins: [String] { [orders, users] }

    /// `PREFIX-orders-staging-` for `PREFIX-orders-production`: every generation's name starts so.
    func generationPrefix(_ origin: String) -> String {
        String(origin.dropLast("-production".count)) + "-staging-"
    }

    func parameter(_ origin: String) -> String { "/\(prefix)/staging/\(origin)/table-arn" }

    func backup(_ origin: String) -> String { origin + "-nightly" }

    /// Orders on-demand, users provisioned 20/20; each with a nightly backup and its owners' tags.
    var seeds: [TableSeed] {
        [
            TableSeed(
                name: orders, key: "order_id", items: Self.items["orders"]!, billing: "on-demand",
                tags: ["team": "orders", "cost-center": "1234", "secret": "not-copied"], backup: backup(orders)),
            TableSeed(
                name: users, key: "user_id", items: Self.items["users"]!, capacity: [20, 20],
                tags: ["team": "identity"], backup: backup(users)),
        ]
    }

    func job(keep: Int = 2, _ extra: [String] = []) -> String {
        let lines = [
            "- name: \(job)", "  origin: {match: \"^\(prefix)-.*-production$\"}", "  source: latest-backup",
            "  rotation: {pattern: \"(?i)-production$\", replacement: \"-staging\", keep: \(keep)}",
            "  billing: on-demand", "  ssm_parameter: /\(prefix)/staging/{origin}/table-arn",
            "  copy_tags: [team, cost-center]",
        ]
        return (lines + extra.map { "  " + $0 }).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The generations of `origin` among `tables`, oldest first (their names end in the timestamp).
    func generations(of origin: String, in tables: [String]) -> [String] {
        tables.filter { $0.hasPrefix(generationPrefix(origin)) }.sorted()
    }
}

/// A plan file: `protect` keeps the workspace's origins safe, as in `plans/demo.yaml`.
func planFile(_ prefix: String, protect: [String]? = nil, jobs: String...) -> String {
    let globs = (protect ?? ["\(prefix)-*-production", "\(prefix)-clients"]).map { "\"\($0)\"" }
    return "version: 1\nprotect: [\(globs.joined(separator: ", "))]\njobs:\n" + jobs.joined()
}

/// Waits until the wall clock's second changes. Backups and generations are named after the
/// second they were planned in (`YYYYMMDD-HH-mm-ss`), so two applies in one second would choose
/// the same generation name; a person never runs them that close together.
func waitForNextSecond() async throws {
    let now = Date().timeIntervalSince1970
    let next = now.rounded(.down) + 1.02
    try await Task.sleep(nanoseconds: UInt64((next - now) * 1e9))
}

/// `YYYYMMDD-HH-mm-ss`, as generated names end.
let timestampPattern = #"\d{8}-\d{2}-\d{2}-\d{2}"#
