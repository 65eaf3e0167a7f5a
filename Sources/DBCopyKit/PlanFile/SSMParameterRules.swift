/// "A plan in which two copies would write the same parameter is an error."
///
/// Offline, a parameter name is known exactly when the job's origin is a literal table or the
/// name does not use `{origin}`: two jobs rendering the same name are an error. A `match` job
/// whose name uses `{origin}` collides with a known name when the part standing for `{origin}`
/// is a table its pattern matches. Two `match` jobs with the same name template can only be
/// judged against live tables, so they get a warning (the planner refuses real collisions).
extension PlanReader {
    func checkSSMParameters(_ jobs: [JobFields]) {
        var known: [String: [JobFields]] = [:]
        var symbolic: [String: JobFields] = [:]
        var patterned: [(job: JobFields, template: NameTemplate, regex: PlanRegex)] = []
        for job in jobs {
            guard let template = job.ssmParameter?.name, let name = job.name else { continue }
            switch job.origin {
            case .table(let origin)?:
                record(template.render(job: name, origin: origin, timestamp: ""), job, in: &known)
            case .match? where !template.uses("origin"):
                record(template.render(job: name, origin: "", timestamp: ""), job, in: &known)
            case .match(let pattern)?:
                let key = template.render(job: name, origin: "\u{1}", timestamp: "")
                if let other = symbolic[key], Self.sameRegion(other, job) {
                    warning(
                        "'ssm_parameter' renders like that of \(label(other)) (\(position(other, "ssm_parameter"))); "
                            + "a table both origin patterns match would have two copies writing one parameter",
                        at: job.mark(of: "ssm_parameter"))
                } else {
                    symbolic[key] = job
                }
                if let regex = try? PlanRegex(pattern) { patterned.append((job, template, regex)) }
            case nil:
                continue
            }
        }
        for (job, template, regex) in patterned { checkPatterned(job, template, regex, against: known) }
    }

    private func record(_ rendered: String, _ job: JobFields, in known: inout [String: [JobFields]]) {
        if let other = known[rendered]?.first(where: { Self.sameRegion($0, job) }) {
            error(
                "'ssm_parameter' '\(rendered)' is also written by \(label(other)) "
                    + "(\(position(other, "ssm_parameter"))); each parameter can be written by one job: "
                    + "use {job} or {origin} in the name", at: job.mark(of: "ssm_parameter"))
        }
        known[rendered, default: []].append(job)
    }

    /// Known names this job's template could also render: same text around `{origin}`, and
    /// the middle a table the pattern matches. Prefix and suffix tests first, so that the
    /// regex runs only for real candidates.
    private func checkPatterned(
        _ job: JobFields, _ template: NameTemplate, _ regex: PlanRegex, against known: [String: [JobFields]]
    ) {
        guard let name = job.name else { return }
        let marker = "\u{1}"
        let shape = template.render(job: name, origin: marker, timestamp: "")
        guard let markerRange = shape.range(of: marker) else { return }
        let prefix = String(shape[..<markerRange.lowerBound])
        let suffix = String(shape[markerRange.upperBound...])
        for (rendered, others) in known where rendered.hasPrefix(prefix) && rendered.hasSuffix(suffix) {
            guard rendered.count >= prefix.count + suffix.count + NameRules.tableNameLengths.lowerBound else {
                continue
            }
            let origin = String(rendered.dropFirst(prefix.count).dropLast(suffix.count))
            guard template.render(job: name, origin: origin, timestamp: "") == rendered, regex.matches(origin),
                let other = others.first(where: { Self.sameRegion($0, job) && $0.name != job.name })
            else { continue }
            error(
                "'ssm_parameter' for table '\(origin)' (matched by origin pattern '\(regex.pattern)') is '\(rendered)', "
                    + "also written by \(label(other)) (\(position(other, "ssm_parameter"))); "
                    + "each parameter can be written by one job", at: job.mark(of: "ssm_parameter"))
        }
    }
}
