/// Rules across jobs: names, targets, origins, `protect` and SSM parameters must not collide.
///
/// Tables and parameters live in a region. Two jobs in different regions may use the same
/// names, but a job without `region` runs in the session's region, which is not known offline:
/// it is assumed to be any region, so a possible collision is refused rather than risked.
extension PlanReader {
    func checkAcrossJobs(_ jobs: [JobFields], protect: [ProtectPattern]) {
        let origins = OriginIndex(jobs)
        var names: [String: SourceMark] = [:]
        for job in jobs {
            guard let name = job.name, let mark = job.mark(of: "name") else { continue }
            if let first = names[name] {
                error(
                    "job name '\(name)' is already used by the job at \(first.line):\(first.column); job names must be unique",
                    at: mark)
            } else {
                names[name] = mark
            }
        }
        var targets: [(job: JobFields, target: String)] = []
        for job in jobs {
            guard let target = job.target, let mark = job.mark(of: "target") else { continue }
            if let other = targets.first(where: { $0.target == target && Self.sameRegion($0.job, job) }) {
                error(
                    "target '\(target)' is also the target of \(label(other.job)) (\(position(other.job, "target"))); "
                        + "each table can be the target of one job", at: mark)
            }
            targets.append((job, target))
            checkNotAnOrigin(target, of: job, at: mark, among: origins, what: "target '\(target)'")
            if let pattern = protect.first(where: { $0.matches(target) }) {
                error(
                    "target '\(target)' matches the protect pattern '\(pattern.glob)'\(pattern.mark.map { " (\($0.line):\($0.column))" } ?? ""); "
                        + "protected tables are never a target: choose another target or change protect", at: mark)
            }
        }
        for job in jobs { checkGenerations(of: job, among: origins, protect: protect) }
        checkSSMParameters(jobs)
    }

    static func sameRegion(_ a: JobFields, _ b: JobFields) -> Bool {
        a.region == nil || b.region == nil || a.region == b.region
    }

    /// "job 'clients-to-dev'", or "the job at 8:5" when its name is missing or invalid.
    func label(_ job: JobFields) -> String {
        job.name.map { "job '\($0)'" } ?? "the job at \(job.mark.line):\(job.mark.column)"
    }

    func position(_ job: JobFields, _ key: String) -> String {
        let mark = job.mark(of: key) ?? job.mark
        return "\(mark.line):\(mark.column)"
    }

    /// A table that a job deletes or creates must not be read as an origin by any job: the
    /// copy would become a source, or the origin would be replaced.
    private func checkNotAnOrigin(
        _ table: String, of job: JobFields, at mark: SourceMark, among origins: OriginIndex, what: String
    ) {
        for index in origins.literal[table, default: []] where Self.sameRegion(job, origins.jobs[index]) {
            let other = origins.jobs[index]
            let whose = other.mark == job.mark ? "this job's own origin" : "the origin of \(label(other))"
            error(
                "\(what) is \(whose) (\(position(other, "origin"))); "
                    + "an origin is never replaced: copy to a table that no job reads from", at: mark)
        }
        // The hot loop of a large plan (every target against every pattern): it touches only
        // the region and the compiled pattern, not the jobs.
        for pattern in origins.patterns
        where (job.region == nil || pattern.region == nil || job.region == pattern.region)
            && pattern.regex.matches(table)
        {
            let other = origins.jobs[pattern.job]
            error(
                "\(what) matches the origin pattern '\(pattern.regex.pattern)' of \(label(other)) "
                    + "(\(position(other, "origin"))); the copies would be copied again: "
                    + "choose names the pattern does not match", at: mark)
        }
    }

    /// Generations of a rotation with a literal origin, rendered with a sample timestamp: they
    /// must not feed another job, and old ones must not be protected (keep could never prune).
    private func checkGenerations(of job: JobFields, among origins: OriginIndex, protect: [ProtectPattern]) {
        guard let rotation = job.rotation, let name = job.name, case .table(let origin)? = job.origin else { return }
        let generation: String
        switch rotation.naming {
        case .template(let template):
            generation = template.render(job: name, origin: origin, timestamp: Self.sampleTimestamp)
        case .pattern(let pattern, let replacement):
            guard let regex = try? PlanRegex(pattern) else { return }
            generation = regex.replacing(in: origin, with: replacement) + "-" + Self.sampleTimestamp
        }
        let mark = job.mark(of: "rotation") ?? job.mark
        checkNotAnOrigin(
            generation, of: job, at: mark, among: origins, what: "'rotation' makes tables like '\(generation)', which")
        if let pattern = protect.first(where: { $0.matches(generation) }) {
            error(
                "'rotation' makes tables like '\(generation)', which match the protect pattern '\(pattern.glob)'; "
                    + "old generations could never be destroyed: choose other names or change protect", at: mark)
        }
    }
}

/// The jobs' origins, indexed once: literal names by name, and each `match` compiled once.
/// Entries refer to jobs by position, so that lookups copy no `JobFields`.
struct OriginIndex {
    let jobs: [JobFields]
    private(set) var literal: [String: [Int]] = [:]
    private(set) var patterns: [(job: Int, region: String?, regex: PlanRegex)] = []

    init(_ jobs: [JobFields]) {
        self.jobs = jobs
        var compiled: [String: PlanRegex] = [:]
        for (index, job) in jobs.enumerated() {
            switch job.origin {
            case .table(let name)?: literal[name, default: []].append(index)
            case .match(let pattern)?:
                if compiled[pattern] == nil { compiled[pattern] = try? PlanRegex(pattern) }
                if let regex = compiled[pattern] { patterns.append((index, job.region, regex)) }
            case nil: continue
            }
        }
    }
}
