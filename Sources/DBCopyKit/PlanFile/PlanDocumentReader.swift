/// Reads the top level of a plan file: `version: 1` documents, or the legacy single-job JSON.
extension PlanReader {
    static let topLevelKeys = ["$schema", "version", "defaults", "protect", "jobs"]

    /// The jobs and protect patterns of a document, or nil for a top level that is not a mapping.
    func planContents(_ root: YAMLNode) -> (format: PlanContentsFormat, protect: [ProtectPattern], jobs: [JobSpec])? {
        guard case .mapping(let pairs) = root.kind else {
            error(
                "the top level of a plan file must be a mapping with version: 1 and jobs; got \(root.summary)",
                at: root.mark)
            return nil
        }
        let written = Set(pairs.compactMap { $0.key.scalar?.text })
        if written.isDisjoint(with: ["version", "jobs"]), !written.isDisjoint(with: LegacyPlan.keys) {
            return legacyPlan(root).map { (.legacy, [], [$0]) }
        }
        guard let mapping = mapping(root, "the top level", allowed: Self.topLevelKeys, expected: "a mapping") else {
            return nil
        }
        if let schema = mapping["$schema"] { _ = string(schema, "$schema", expected: "the JSON Schema's path or URL") }
        if let version = mapping["version"] {
            // 1.0 is accepted as 1, as JSON Schema's integer accepts it.
            if version.scalar?.resolved != .int(1), version.scalar?.resolved != .float(1) {
                error("'version' must be 1 (the only plan file version); got \(version.summary)", at: version.mark)
            }
        } else {
            error("the plan file needs version: 1 at the top level", at: mapping.mark)
        }
        let protect = mapping["protect"].map(protectPatterns) ?? []
        let defaults = mapping["defaults"].flatMap { jobFields($0, isDefaults: true) }
        if let defaults { checkDefaults(defaults) }
        guard let jobsNode = mapping["jobs"] else {
            error(
                "the plan file needs 'jobs': a list of copy jobs, each with name, origin and target or rotation",
                at: mapping.mark)
            return (.current, protect, [])
        }
        guard let items = sequence(jobsNode, "jobs", expected: "a list of jobs") else { return (.current, protect, []) }
        if items.isEmpty {
            error("'jobs' is empty; list at least one job (name, origin and target or rotation)", at: jobsNode.mark)
        }
        var merged: [JobFields] = []
        var specs: [JobSpec] = []
        for item in items {
            guard let fields = jobFields(item, isDefaults: false) else { continue }
            let (job, spec) = assemble(fields, defaults: defaults)
            merged.append(job)
            if let spec { specs.append(spec) }
        }
        checkAcrossJobs(merged, protect: protect)
        return (.current, protect, specs)
    }

    private func protectPatterns(_ node: YAMLNode) -> [ProtectPattern] {
        guard let items = sequence(node, "protect", expected: "a list of table name globs such as \"*-production\"")
        else {
            return []
        }
        var patterns: [ProtectPattern] = []
        for item in items {
            guard let glob = string(item, "protect", expected: "a table name glob such as \"*-production\"") else {
                continue
            }
            if glob.isEmpty {
                error(
                    "'protect' has an empty pattern; write a glob such as \"*-production\" (* any run of characters, ? one)",
                    at: item.mark)
            } else if let bad = glob.first(where: { !(NameRules.isNameCharacter($0) || $0 == "*" || $0 == "?") }) {
                error(
                    "protect pattern '\(glob)' contains \(NameRules.quote(bad)) and can never match a table name; "
                        + "allowed: \(NameRules.tableNameCharacters) and the wildcards * and ?", at: item.mark)
            } else {
                patterns.append(ProtectPattern(glob, mark: item.mark))
            }
        }
        return patterns
    }
}

enum PlanContentsFormat { case current, legacy }
