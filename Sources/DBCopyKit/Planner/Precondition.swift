import Foundation

/// A fact of live state that a saved plan was computed from. `apply SAVED` re-reads each one
/// and refuses ("Saved plan is stale") if any no longer holds.
public struct Precondition: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable { case table, backup, generations }

    public var kind: Kind
    public var region: String
    /// Table name, backup ARN, or (`generations`) the anchored regular expression of a
    /// rotation's generation names for one origin.
    public var name: String
    public var exists: Bool
    public var arn: String?
    public var status: String?
    public var createdAt: Date?
    /// `generations`: the tables the expression matched when planned. A name that appears
    /// since means another apply made a generation of this copy.
    public var names: [String]?

    public static func table(_ table: TableSnapshot, region: String) -> Precondition {
        Precondition(
            kind: .table, region: region, name: table.name, exists: true, arn: table.arn, status: table.status,
            createdAt: table.createdAt)
    }

    public static func absentTable(_ name: String, region: String) -> Precondition {
        Precondition(kind: .table, region: region, name: name, exists: false)
    }

    public static func generations(pattern: String, names: [String], region: String) -> Precondition {
        Precondition(kind: .generations, region: region, name: pattern, exists: true, names: names.sorted())
    }

    public static func backup(_ backup: BackupSnapshot, region: String) -> Precondition {
        Precondition(
            kind: .backup, region: region, name: backup.arn, exists: true, arn: backup.arn, status: backup.status,
            createdAt: backup.createdAt)
    }

    public var description: String {
        if kind == .generations {
            let known = names?.isEmpty == false ? names!.joined(separator: ", ") : "none"
            return "generations matching \(name) in \(region): \(known)"
        }
        guard exists else { return "table \(name) in \(region) does not exist" }
        let state = [status, createdAt.map { "created \($0.formatted(.iso8601))" }]
            .compactMap { $0 }.joined(separator: ", ")
        return "\(kind.rawValue) \(name) in \(region) (\(state))"
    }

    /// Whether `current` (nil: absent now) is the same table, in the same state or one it moves
    /// to on its own (CREATING → ACTIVE; ACTIVE ⇄ UPDATING, which auto scaling causes; DELETING
    /// → gone).
    public func holds(forTable current: TableSnapshot?) -> Bool {
        guard let current else { return !exists || status == "DELETING" }
        return exists && current.arn == arn
            && current.createdAt.timeIntervalSince1970.rounded() == createdAt?.timeIntervalSince1970.rounded()
            && Self.compatible(planned: status, now: current.status, settled: ["ACTIVE", "UPDATING"])
    }

    /// Whether the generation names `current` (tables matching the pattern now) are only ones the
    /// plan knew: generations may go (pruned, deleted), none may have been made since.
    public func holds(forGenerations current: [String]) -> Bool {
        Set(current).isSubset(of: names ?? [])
    }

    /// Whether `current` is the same backup, in the same state or done since (CREATING → AVAILABLE).
    public func holds(forBackup current: BackupSnapshot?) -> Bool {
        guard let current else { return !exists }
        return exists && current.arn == arn
            && Self.compatible(planned: status, now: current.status, settled: ["AVAILABLE"])
    }

    private static func compatible(planned: String?, now: String, settled: Set<String>) -> Bool {
        guard let planned, planned != now else { return true }
        let moving: Set<String> = ["CREATING", "UPDATING"]
        return (moving.contains(planned) || settled.contains(planned)) && settled.contains(now)
    }
}
