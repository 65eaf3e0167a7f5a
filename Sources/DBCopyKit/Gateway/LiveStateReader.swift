import Foundation

/// Reads the live state the planner needs for the selected jobs, with bounded concurrency and
/// no redundant calls: each table is described once however many jobs touch it, table names
/// are listed once per region, and independent reads run side by side.
public struct LiveStateReader: Sendable {
    public typealias ServicesForRegion = @Sendable (String) throws -> RegionServices

    private let services: ServicesForRegion
    private let limiter: AsyncLimiter

    /// `concurrency`: AWS calls in flight at once, across regions.
    public init(services: @escaping ServicesForRegion, concurrency: Int = 32) {
        self.services = services
        self.limiter = AsyncLimiter(limit: concurrency)
    }

    /// `regions`: each job's region, as the planner will use it.
    public func read(jobs: [JobSpec], regions: [String: String]) async throws -> LiveState {
        let byRegion = Dictionary(grouping: jobs) { regions[$0.name] ?? $0.region ?? "" }
        return try await withThrowingTaskGroup(of: (String, RegionSnapshot).self) { group in
            for (region, regionJobs) in byRegion {
                let services = try services(region)
                let reader = RegionReader(jobs: regionJobs, services: services, limiter: limiter)
                group.addTask { (region, try await reader.read()) }
            }
            var state = LiveState()
            for try await (region, snapshot) in group { state.regions[region] = snapshot }
            return state
        }
    }
}

/// What to read about one table, merged over every job that touches it.
struct TableReads: Hashable {
    var tags = false
    var ttl = false
    var pointInTimeRecovery = false
    var backups = false

    mutating func formUnion(_ other: TableReads) {
        tags = tags || other.tags
        ttl = ttl || other.ttl
        pointInTimeRecovery = pointInTimeRecovery || other.pointInTimeRecovery
        backups = backups || other.backups
    }

    /// What this reads that `other` does not.
    func subtracting(_ other: TableReads) -> TableReads {
        TableReads(
            tags: tags && !other.tags, ttl: ttl && !other.ttl,
            pointInTimeRecovery: pointInTimeRecovery && !other.pointInTimeRecovery, backups: backups && !other.backups)
    }

    var isEmpty: Bool { !tags && !ttl && !pointInTimeRecovery && !backups }
}
