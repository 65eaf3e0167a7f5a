import Foundation

/// Re-reads the live state a plan was computed from: before `apply SAVED` runs anything, and
/// for each copy right after its lease is taken (another apply may have just done the work).
enum PreconditionCheck {
    /// Why `precondition` no longer holds, or nil if it does.
    static func failure(_ precondition: Precondition, _ tables: any TableService) async throws -> String? {
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
        case .generations:
            let pattern = try PlanRegex(precondition.name)
            let current = try await tables.listTableNames().filter { pattern.matches($0) }
            guard !precondition.holds(forGenerations: current) else { return nil }
            let made = Set(current).subtracting(precondition.names ?? []).sorted().joined(separator: ", ")
            return "planned with \(precondition); now also \(made)"
        }
    }

    /// Every failure among `preconditions` (deduplicated, checked concurrently), sorted.
    static func failures(
        _ preconditions: [Precondition], services: @escaping LiveStateReader.ServicesForRegion, concurrency: Int = 32
    ) async throws -> [String] {
        var unique: [String: Precondition] = [:]
        for precondition in preconditions {
            unique["\(precondition.kind)/\(precondition.region)/\(precondition.name)"] = precondition
        }
        let limiter = AsyncLimiter(limit: concurrency)
        return try await withThrowingTaskGroup(of: String?.self) { group in
            for precondition in unique.values {
                let tables = try services(precondition.region).tables
                group.addTask { try await limiter.run { try await failure(precondition, tables) } }
            }
            var reasons: [String] = []
            for try await reason in group { if let reason { reasons.append(reason) } }
            return reasons.sorted()
        }
    }
}
