/// Reads the settings a copy gets: capacity, indexes, encryption, tags, SSM parameter, retention.
extension PlanReader {
    func capacity(_ node: YAMLNode, _ what: String) -> Capacity? {
        let expected = "{read: N, write: N} with whole numbers from 1 to \(Capacity.maximum)"
        guard let mapping = mapping(node, what, allowed: ["read", "write"], expected: expected) else { return nil }
        for key in ["read", "write"] where !mapping.has(key) {
            error(
                "'\(what)' needs \(key): \(key) capacity units, a whole number from 1 to \(Capacity.maximum)",
                at: mapping.mark)
        }
        let range = 1...Capacity.maximum
        let read = mapping["read"].flatMap { integer($0, "\(what).read", in: range) }
        let write = mapping["write"].flatMap { integer($0, "\(what).write", in: range) }
        guard let read, let write else { return nil }
        return Capacity(read: read, write: write)
    }

    func indexes(_ node: YAMLNode) -> [String: Capacity]? {
        let expected = "a mapping of global secondary index name to {read: N, write: N}"
        guard let mapping = mapping(node, "indexes", allowed: [], expected: expected) else { return nil }
        var result: [String: Capacity] = [:]
        var valid = true
        for name in mapping.keys {
            if let problem = NameRules.nameProblem(name, kind: "index name") {
                error("'indexes': \(problem)", at: mapping.keyMarks[name])
                valid = false
            } else if let value = mapping[name], let capacity = capacity(value, "indexes.\(name)") {
                result[name] = capacity
            } else {
                valid = false
            }
        }
        return valid ? result : nil
    }

    func encryption(_ node: YAMLNode) -> EncryptionSpec? {
        let expected = "aws-owned, aws-managed or {kms_key: KEY}"
        if node.scalar != nil {
            switch choice(node, "encryption", ["aws-owned", "aws-managed"]) {
            case "aws-owned": return .awsOwned
            case "aws-managed": return .awsManaged
            default: return nil
            }
        }
        guard let mapping = mapping(node, "encryption", allowed: ["kms_key"], expected: expected) else { return nil }
        guard let keyNode = mapping["kms_key"] else {
            error("'encryption' needs kms_key: a KMS key id, ARN or alias/NAME", at: mapping.mark)
            return nil
        }
        let keyExpected = "a KMS key id, key ARN or alias (alias/NAME)"
        guard let key = string(keyNode, "encryption.kms_key", expected: keyExpected) else { return nil }
        guard (1...2048).contains(key.count), !key.contains(where: \.isWhitespace) else {
            error("'encryption.kms_key' must be \(keyExpected), without spaces; got '\(key)'", at: keyNode.mark)
            return nil
        }
        return .customerManaged(kmsKey: key)
    }

    func tags(_ node: YAMLNode) -> [String: String]? {
        guard let mapping = mapping(node, "tags", allowed: [], expected: "a mapping of tag key to text value") else {
            return nil
        }
        var result: [String: String] = [:]
        var valid = true
        for key in mapping.keys {
            if let problem = TagRules.keyProblem(key) {
                error(problem, at: mapping.keyMarks[key])
                valid = false
                continue
            }
            guard let valueNode = mapping[key], let value = string(valueNode, "tags.\(key)", expected: "a text value")
            else {
                valid = false
                continue
            }
            if let problem = TagRules.valueProblem(value, key: key) {
                error(problem, at: valueNode.mark)
                valid = false
            }
            result[key] = value
        }
        if result.count > TagRules.maximumUserTags {
            error(
                "'tags' has \(result.count) tags; allowed: at most \(TagRules.maximumUserTags) (AWS allows 50, dbcopy uses 3)",
                at: mapping.mark)
            valid = false
        }
        return valid ? result : nil
    }

    func copyTags(_ node: YAMLNode) -> CopyTags? {
        let expected = "false, true (all of the origin's tags) or a list of tag keys"
        if case .bool(let all)? = node.scalar?.resolved { return all ? .all : CopyTags.none }
        guard let items = sequence(node, "copy_tags", expected: expected) else { return nil }
        guard !items.isEmpty else {
            error("'copy_tags' is an empty list; to copy no tags write false, otherwise list tag keys", at: node.mark)
            return nil
        }
        var keys: [String] = []
        var valid = true
        for item in items {
            guard let key = string(item, "copy_tags", expected: "a tag key") else {
                valid = false
                continue
            }
            if let problem = TagRules.keyProblem(key) {
                error(problem, at: item.mark)
                valid = false
            } else if keys.contains(key) {
                error("'copy_tags' lists '\(key)' twice; list each tag key once", at: item.mark)
                valid = false
            }
            keys.append(key)
        }
        return valid ? .keys(keys) : nil
    }

    func ssmParameter(_ node: YAMLNode) -> SSMParameterSpec? {
        let placeholders: Set<String> = ["origin", "job"]
        let kind = "SSM parameter name"
        if node.scalar != nil {
            return nameTemplate(node, "ssm_parameter", kind: kind, allowed: placeholders, allowsSlash: true)
                .map { SSMParameterSpec(name: $0) }
        }
        let expected = "a parameter name, or {name: NAME, value: arn|name}"
        guard let mapping = mapping(node, "ssm_parameter", allowed: ["name", "value"], expected: expected) else {
            return nil
        }
        guard let nameNode = mapping["name"] else {
            error("'ssm_parameter' needs name: the parameter name (it may use {origin} and {job})", at: mapping.mark)
            return nil
        }
        let name = nameTemplate(nameNode, "ssm_parameter.name", kind: kind, allowed: placeholders, allowsSlash: true)
        let value = mapping["value"].map { choice($0, "ssm_parameter.value", ["arn", "name"]) } ?? "arn"
        guard let name, let value, let parsed = SSMParameterSpec.Value(rawValue: value) else { return nil }
        return SSMParameterSpec(name: name, value: parsed)
    }

    func retention(_ node: YAMLNode) -> RetentionSpec? {
        let expected = "{backups: N, max_age: DURATION}"
        guard let mapping = mapping(node, "retention", allowed: ["backups", "max_age"], expected: expected) else {
            return nil
        }
        let backups = mapping["backups"].map { integer($0, "retention.backups", in: 0...1000) }
        let maxAge = mapping["max_age"].map { duration($0, "retention.max_age") }
        if backups == .some(nil) || maxAge == .some(nil) { return nil }
        return RetentionSpec(backups: backups ?? nil, maxAge: maxAge ?? nil)
    }
}
