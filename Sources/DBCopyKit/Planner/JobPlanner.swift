import Foundation

/// Plans one job: finds its origins (one table, or every table a `match` finds) and plans a
/// copy of each.
struct JobPlanner {
    let job: JobSpec
    let region: String
    let input: PlannerInput
    let context: SafeguardContext
    /// The region's backups by table name, newest first.
    let backups: [String: [BackupSnapshot]]

    func plan() -> JobPlan {
        var result = JobPlan(name: job.name)
        let snapshot = input.state[region]
        let origins = resolveOrigins(snapshot, diagnostics: &result.diagnostics)
        for origin in origins {
            var planner = CopyPlanner(
                job: job, region: region, origin: origin, snapshot: snapshot, backups: backups, context: context,
                now: input.now)
            let copy = planner.plan()
            result.diagnostics += planner.diagnostics
            if let copy { result.copies.append(copy) }
        }
        return result
    }

    private func resolveOrigins(_ snapshot: RegionSnapshot, diagnostics: inout [Diagnostic]) -> [TableSnapshot] {
        let mark = job.mark(of: "origin")
        switch job.origin {
        case .table(let name):
            guard let table = snapshot.tables[name] else {
                diagnostics.append(
                    .error("job \"\(job.name)\": origin table \(name) does not exist in \(region)", at: mark))
                return []
            }
            return [table]
        case .match(let pattern):
            guard let regex = try? PlanRegex(pattern), let names = snapshot.tableNames else {
                diagnostics.append(.error("job \"\(job.name)\": could not list the tables of \(region)", at: mark))
                return []
            }
            let matched = names.filter { regex.matches($0) }.sorted()
            if matched.isEmpty {
                diagnostics.append(
                    .warning(
                        "job \"\(job.name)\": origin pattern \"\(pattern)\" matches no table in \(region)", at: mark))
                return []
            }
            if case .table(let target) = job.destination, matched.count > 1 {
                let list = matched.prefix(5).joined(separator: ", ") + (matched.count > 5 ? ", …" : "")
                diagnostics.append(
                    .error(
                        "job \"\(job.name)\": origin pattern \"\(pattern)\" matches \(matched.count) tables (\(list)) "
                            + "but target \(target) is one table; use rotation, or a pattern that matches one table",
                        at: mark))
                return []
            }
            return matched.compactMap { name in
                guard let table = snapshot.tables[name] else {
                    diagnostics.append(
                        .error("job \"\(job.name)\": origin table \(name) vanished while it was being read", at: mark))
                    return nil
                }
                return table
            }
        }
    }
}
