/// Reads a job's mapping, or `defaults`, key by key into `JobFields`.
extension PlanReader {
    func jobFields(_ node: YAMLNode, isDefaults: Bool) -> JobFields? {
        let what = isDefaults ? "defaults" : "a job"
        let expected = isDefaults ? "a mapping of job keys" : "a mapping of job keys (name, origin, target…)"
        guard let mapping = mapping(node, what, allowed: JobFields.keys, expected: expected) else { return nil }
        var fields = JobFields(mark: node.mark)
        fields.recordMarks(of: node, prefix: "")
        for key in mapping.keys {
            guard let value = mapping[key] else { continue }
            if isDefaults, JobFields.perJobKeys.contains(key) {
                error(
                    "'\(key)' cannot be set in defaults; name, origin, target and rotation belong to each job",
                    at: mapping.keyMarks[key])
                continue
            }
            fields.written.insert(key)
            read(key, value, into: &fields)
        }
        return fields
    }

    private func read(_ key: String, _ node: YAMLNode, into fields: inout JobFields) {
        switch key {
        case "name":
            fields.name = string(node, key, expected: "a job name such as clients-to-dev")
            if let name = fields.name, let problem = NameRules.jobNameProblem(name) {
                error(problem, at: node.mark)
                fields.name = nil
            }
        case "region":
            fields.region = string(node, key, expected: "an AWS region such as eu-west-1")
            if let region = fields.region, let problem = NameRules.regionProblem(region) {
                error(problem, at: node.mark)
                fields.region = nil
            }
        case "origin": fields.origin = origin(node)
        case "source": fields.source = source(node)
        case "backup_name":
            fields.backupName = nameTemplate(node, key, kind: "backup name", allowed: ["origin", "job", "timestamp"])
        case "target":
            fields.target = string(node, key, expected: "a table name")
            if let target = fields.target, let problem = NameRules.nameProblem(target, kind: "target table name") {
                error(problem, at: node.mark)
                fields.target = nil
            }
        case "rotation": fields.rotation = rotation(node)
        case "replace": fields.replace = replacePolicy(node)
        case "backup_before_replace": fields.backupBeforeReplace = bool(node, key)
        case "billing":
            fields.billing = choice(node, key, ["provisioned", "on-demand"]).flatMap(BillingMode.init(rawValue:))
        case "capacity": fields.capacity = capacity(node, key)
        case "indexes": fields.indexes = indexes(node)
        case "encryption": fields.encryption = encryption(node)
        case "table_class":
            fields.tableClass = choice(node, key, ["standard", "standard-infrequent-access"]).flatMap(
                TableClass.init(rawValue:))
        case "deletion_protection": fields.deletionProtection = bool(node, key)
        case "point_in_time_recovery": fields.pointInTimeRecovery = bool(node, key)
        case "ttl": fields.ttl = ttlPolicy(node)
        case "tags": fields.tags = tags(node)
        case "copy_tags": fields.copyTags = copyTags(node)
        case "refresh": fields.refresh = duration(node, key)
        case "ssm_parameter": fields.ssmParameter = ssmParameter(node)
        case "retention": fields.retention = retention(node)
        case "wait_timeout": fields.waitTimeout = duration(node, key)
        default: break
        }
    }

    /// `false` | `true` | `adopt`: the booleans are YAML booleans, so a quoted "true" is refused
    /// (the JSON Schema refuses it too).
    private func replacePolicy(_ node: YAMLNode) -> ReplacePolicy? {
        switch node.scalar?.resolved {
        case .bool(let value)?: return value ? .owned : .never
        case .string("adopt")?: return .adopt
        default:
            guard !node.isInvalid else { return nil }
            error("'replace' must be false, true or adopt; got \(node.summary)", at: node.mark)
            return nil
        }
    }

    /// `copy` | `false`.
    private func ttlPolicy(_ node: YAMLNode) -> TTLPolicy? {
        switch node.scalar?.resolved {
        case .bool(false)?: return .disabled
        case .string("copy")?: return .copy
        default:
            guard !node.isInvalid else { return nil }
            error(
                "'ttl' must be copy (enable the origin's TTL attribute on the copy) or false; got \(node.summary)",
                at: node.mark)
            return nil
        }
    }

    /// `90s`, `24h`, `1h30m`, `7d`, `2w`; a bare number is refused with the unit it most
    /// likely lacks.
    func duration(_ node: YAMLNode, _ what: String) -> DurationValue? {
        guard !node.isInvalid else { return nil }
        let allowed = "a duration such as 90s, 24h, 1h30m, 7d or 2w (units s, m, h, d, w; at most 366d)"
        if case .int(let number)? = node.scalar?.resolved {
            error(
                "'\(what)' must be \(allowed); got the number \(node.scalar!.text) (did you mean \(number ?? 0)s?)",
                at: node.mark)
            return nil
        }
        guard let text = string(node, what, expected: allowed) else { return nil }
        guard let value = DurationValue.parse(text) else {
            error("'\(what)' must be \(allowed); got '\(text)'", at: node.mark)
            return nil
        }
        return value
    }

    /// A template whose placeholders are in `allowed` and whose literal text uses only
    /// characters valid in the names it makes (`kind` "backup name" or "table name"; SSM
    /// parameter names also allow `/`).
    func nameTemplate(
        _ node: YAMLNode, _ what: String, kind: String, allowed: Set<String>, allowsSlash: Bool = false
    ) -> NameTemplate? {
        let placeholders = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
        guard let raw = string(node, what, expected: "a \(kind) template using \(placeholders)") else { return nil }
        let template: NameTemplate
        do {
            template = try NameTemplate(raw, allowed: allowed)
        } catch {
            self.error("'\(what)' \(error.description)", at: node.mark)
            return nil
        }
        for case .literal(let text) in template.parts {
            if let bad = text.first(where: { !(NameRules.isNameCharacter($0) || (allowsSlash && $0 == "/")) }) {
                let characters = NameRules.tableNameCharacters + (allowsSlash ? " /" : "")
                error(
                    "'\(what)' contains \(NameRules.quote(bad)), which is not allowed in a \(kind); "
                        + "allowed: \(characters) and the placeholders \(placeholders)", at: node.mark)
                return nil
            }
        }
        return template
    }
}
