import Foundation

/// `apply SAVED`: re-reads every precondition the plan was computed from.
enum SavedPlanCheck {
    /// One line per precondition that no longer holds; empty when the plan is current.
    static func staleReasons(_ plan: Plan, services: @escaping LiveStateReader.ServicesForRegion) async throws
        -> [String]
    {
        var unique: [String: Precondition] = [:]
        for precondition in plan.copies.flatMap(\.preconditions) {
            unique["\(precondition.kind)/\(precondition.region)/\(precondition.name)"] = precondition
        }
        let limiter = AsyncLimiter(limit: 32)
        return try await withThrowingTaskGroup(of: String?.self) { group in
            for precondition in unique.values {
                let tables = try services(precondition.region).tables
                group.addTask {
                    try await limiter.run { try await Self.check(precondition, tables) }
                }
            }
            var reasons: [String] = []
            for try await reason in group { if let reason { reasons.append(reason) } }
            return reasons.sorted()
        }
    }

    private static func check(_ precondition: Precondition, _ tables: any TableService) async throws -> String? {
        switch precondition.kind {
        case .table:
            let current = try await tables.describeTable(precondition.name)
            guard !precondition.holds(forTable: current) else { return nil }
            let now = current.map { "now \($0.status), created \($0.createdAt.formatted(.iso8601))" } ?? "now absent"
            return "planned with \(precondition); \(now)"
        case .backup:
            let current = try await tables.describeBackup(precondition.name)
            guard !precondition.holds(forBackup: current) else { return nil }
            return "planned with \(precondition); now \(current?.status ?? "absent")"
        }
    }
}
