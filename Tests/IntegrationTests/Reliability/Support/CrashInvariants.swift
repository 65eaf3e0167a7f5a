import Foundation
import TestSupport
import Testing

extension Workspace {
    /// Lease parameters (`/dbcopy/leases/JOB/…`) left under `jobs`.
    func leases(of jobs: [String]) async throws -> [String] {
        var names: [String] = []
        for job in jobs {
            let answer = try await aws(
                "ssm", "get_parameters_by_path", ["Path": "/dbcopy/leases/\(job)", "Recursive": true])
            names += (answer["Parameters"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        }
        return names
    }
}

/// What must hold after any apply that exited 0, whatever happened to the runs before it:
/// the origins as they were; every copy present, finished (tagged by its job) and holding its
/// origin's items; parameters pointing at the newest copy; no rotation beyond `keep`; no
/// job's backups beyond `retention`; no table left that no job finished (an orphan restore);
/// no lease left behind.
func expectCrashInvariants(
    _ w: Workspace, _ plan: CrashPlan, origins: LiveAWS, _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let state = try await w.describeAll()
    func check(_ condition: Bool, _ what: String) {
        #expect(condition, "\(what): \(context)", sourceLocation: sourceLocation)
    }
    for origin in plan.origins {
        check(state.table(origin) == origins.table(origin), "origin \(origin) changed")
    }
    for job in plan.jobs {
        for origin in job.origins {
            let items = origins.table(origin)?.items
            let copies =
                job.target.map { [$0] } ?? state.allTables.filter { $0.hasPrefix(job.generationPrefix[origin]!) }
            check(
                (1...job.keep).contains(copies.count), "\(job.name) of \(origin) has copies \(copies), keep \(job.keep)"
            )
            for name in copies {
                let copy = state.table(name)
                check(copy?.tags["dbcopy:job"] == job.name, "\(name) is not finished (tags \(copy?.tags ?? [:]))")
                check(copy?.items == items, "\(name) holds \(copy?.items ?? -1) items, its origin \(items ?? -1)")
            }
            // Generation names end in their timestamp: the newest sorts last.
            let newest = copies.sorted().last.flatMap { state.table($0) }
            let published = state.parameters[job.parameters[origin]!]
            check(
                published != nil && [newest?.arn, copies.sorted().last].contains(published),
                "\(origin)'s parameter is \(published ?? "unset")")
            if let retention = job.retention {
                let own = state.backups(of: origin).filter { $0.name.hasPrefix("dbcopy-\(job.name)-") }
                check(
                    own.count <= retention,
                    "\(job.name)'s backups of \(origin): \(own.map(\.name)), retention \(retention)")
                if let target = job.target {
                    let safety = state.backups(of: target).map(\.name)
                    check(safety.count <= retention, "safety backups of \(target): \(safety), retention \(retention)")
                }
            }
        }
    }
    let unfinished = state.allTables.filter { !plan.origins.contains($0) && state.table($0)?.tags["dbcopy:job"] == nil }
    check(unfinished.isEmpty, "tables no job finished: \(unfinished)")
    let leases = try await w.leases(of: plan.jobs.map(\.name))
    check(leases.isEmpty, "leases left: \(leases)")
}
