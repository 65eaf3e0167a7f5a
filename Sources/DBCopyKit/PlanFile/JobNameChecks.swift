/// Checks the names a job will make (backups, generations, SSM parameters) as far as they can
/// be known offline: the job name is known, the origin only when it is a literal table name.
/// For a `match` origin a name is refused only if even the shortest table name (3 characters)
/// breaks the rule; the planner checks the real names against `NameRules` once it has them.
extension PlanReader {
    /// A timestamp of the right shape, for rendering sample names.
    static let sampleTimestamp = "20260101-00-00-00"

    func checkNames(_ job: JobFields, name: String, origin: OriginSelector, destination: Destination) {
        let literalOrigin: String? = if case .table(let table) = origin { table } else { nil }
        let backupName = job.backupName ?? NameTemplate.defaultBackupName
        checkLength(backupName, "backup_name", kind: "backup name", job: job, name: name, origin: literalOrigin)
        if case .rotation(let rotation) = destination {
            switch rotation.naming {
            case .template(let template):
                checkLength(template, "rotation.name", kind: "table name", job: job, name: name, origin: literalOrigin)
            case .pattern(let pattern, let replacement):
                guard let literalOrigin, let regex = try? PlanRegex(pattern) else { break }
                let mark = job.mark(of: "rotation.pattern")
                if !regex.matches(literalOrigin) {
                    warning(
                        "'rotation.pattern' does not match the origin '\(literalOrigin)', so generations are named "
                            + "\(literalOrigin)-TIMESTAMP; check the pattern", at: mark)
                }
                let generation = regex.replacing(in: literalOrigin, with: replacement) + "-" + Self.sampleTimestamp
                if let problem = NameRules.nameProblem(generation, kind: "generation name") {
                    error("'rotation' makes names like '\(generation)' for job '\(name)': \(problem)", at: mark)
                }
            }
        }
        if let ssm = job.ssmParameter { checkSSMName(ssm.name, job: job, name: name, origin: origin) }
    }

    private func checkLength(
        _ template: NameTemplate, _ key: String, kind: String, job: JobFields, name: String, origin: String?
    ) {
        let fixed = template.render(job: name, origin: origin ?? "", timestamp: Self.sampleTimestamp).count
        let shortest = fixed + (origin == nil && template.uses("origin") ? 3 : 0)
        let range = NameRules.tableNameLengths
        guard !range.contains(shortest) else { return }
        var example = template.render(job: name, origin: origin ?? "abc", timestamp: Self.sampleTimestamp)
        if example.count > 60 { example = example.prefix(28) + "…" + example.suffix(28) }
        let origins = origin == nil && template.uses("origin") ? " (even with a 3-character origin)" : ""
        error(
            "'\(key)' makes \(kind)s of \(shortest) characters for job '\(name)'\(origins), such as '\(example)'; "
                + "allowed: \(range.lowerBound) to \(range.upperBound) characters", at: job.mark(of: key) ?? job.mark)
    }

    private func checkSSMName(_ template: NameTemplate, job: JobFields, name: String, origin: OriginSelector) {
        let key = job.keyMarks["ssm_parameter.name"] != nil ? "ssm_parameter.name" : "ssm_parameter"
        let mark = job.mark(of: key) ?? job.mark
        switch origin {
        case .table(let table):
            let rendered = template.render(job: name, origin: table, timestamp: "")
            if let problem = NameRules.ssmNameProblem(rendered) {
                error("'\(key)' for job '\(name)': \(problem)", at: mark)
            }
        case .match:
            // Any table name works for the structural rules; "table" starts with neither aws nor ssm.
            let rendered = template.render(job: name, origin: "table", timestamp: "")
            if let problem = NameRules.ssmNameProblem(rendered) {
                error("'\(key)' for job '\(name)': \(problem)", at: mark)
            }
            if !template.uses("origin") {
                warning(
                    "'\(key)' does not use {origin}, but the origin is a match: if it matches more than one "
                        + "table, every copy would write the same parameter (plan refuses that); add {origin}",
                    at: mark)
            }
        }
    }

    /// `{backup_arn}` names one backup of one table: the origin must be that table.
    func checkSource(_ job: JobFields, origin: OriginSelector) {
        guard case .backupARN(let text)? = job.source, let arn = BackupARN(text) else { return }
        let mark = job.mark(of: "source.backup_arn") ?? job.mark(of: "source")
        switch origin {
        case .match:
            error(
                "'source.backup_arn' restores one backup of one table, but the origin is a match; "
                    + "use origin: \(arn.tableName)", at: mark)
        case .table(let table) where table != arn.tableName:
            warning(
                "'source.backup_arn' is a backup of '\(arn.tableName)', not of the origin '\(table)'; "
                    + "dbcopy restores it as the copy of '\(table)'", at: mark)
        case .table:
            break
        }
    }
}
