import Foundation

/// Reads where a copy comes from (`origin`, `source`) and how its generations are named
/// (`rotation`).
extension PlanReader {
    func origin(_ node: YAMLNode) -> OriginSelector? {
        let expected = "a table name, {table: NAME} or {match: REGEX}"
        if node.scalar != nil { return tableName(node, "origin", expected: expected).map(OriginSelector.table) }
        guard let mapping = mapping(node, "origin", allowed: ["table", "match"], expected: expected) else { return nil }
        guard mapping.keys.count == 1, let key = mapping.keys.first, let value = mapping[key] else {
            if mapping.keys.count > 1 || mapping.keys.isEmpty {
                error("'origin' takes exactly one of table or match; got \(mapping.keys.count) keys", at: mapping.mark)
            }
            return nil
        }
        if key == "table" {
            return tableName(value, "origin.table", expected: "a table name").map(OriginSelector.table)
        }
        return regex(value, "origin.match").map { OriginSelector.match($0.pattern) }
    }

    private func tableName(_ node: YAMLNode, _ what: String, expected: String) -> String? {
        guard let name = string(node, what, expected: expected) else { return nil }
        if let problem = NameRules.nameProblem(name, kind: "table name") {
            error("'\(what)': \(problem)", at: node.mark)
            return nil
        }
        return name
    }

    func regex(_ node: YAMLNode, _ what: String) -> PlanRegex? {
        guard let pattern = string(node, what, expected: "a regular expression such as \"(?i)-production$\"") else {
            return nil
        }
        guard !pattern.isEmpty else {
            error("'\(what)' is empty; expected a regular expression such as \"(?i)-production$\"", at: node.mark)
            return nil
        }
        do {
            return try PlanRegex(pattern)
        } catch {
            self.error("'\(what)': \(error.description)", at: node.mark)
            return nil
        }
    }

    func source(_ node: YAMLNode) -> SourceSpec? {
        let words = ["backup", "latest-backup", "point-in-time"]
        let expected = "backup, latest-backup, point-in-time, {backup_arn: ARN} or {point_in_time: TIME}"
        if node.scalar != nil {
            guard case .string(let word)? = node.scalar?.resolved, words.contains(word) else {
                let got = node.scalar.map { $0.style == .plain ? "'\($0.text)'" : $0.summary } ?? node.summary
                error(
                    "'source' must be \(expected); got \(got)"
                        + KeySuggestion.hint(for: node.scalar?.text ?? "", in: words), at: node.mark)
                return nil
            }
            switch word {
            case "latest-backup": return .latestBackup
            case "point-in-time": return .pointInTime(nil)
            default: return .newBackup
            }
        }
        guard let mapping = mapping(node, "source", allowed: ["backup_arn", "point_in_time"], expected: expected) else {
            return nil
        }
        guard mapping.keys.count == 1, let key = mapping.keys.first, let value = mapping[key] else {
            if mapping.keys.count != 1 {
                error(
                    "'source' takes exactly one of backup_arn or point_in_time; got \(mapping.keys.count) keys",
                    at: mapping.mark)
            }
            return nil
        }
        if key == "backup_arn" {
            let example = "a backup ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE/backup/ID)"
            guard let arn = string(value, "source.backup_arn", expected: example) else { return nil }
            guard BackupARN(arn) != nil else {
                error("'source.backup_arn' must be \(example); got '\(arn)'", at: value.mark)
                return nil
            }
            return .backupARN(arn)
        }
        let example = "an RFC 3339 time such as 2026-11-20T08:00:00Z"
        guard let text = string(value, "source.point_in_time", expected: example) else { return nil }
        guard let date = RFC3339.parse(text) else {
            error("'source.point_in_time' must be \(example); got '\(text)'", at: value.mark)
            return nil
        }
        return .pointInTime(date)
    }

    func rotation(_ node: YAMLNode) -> RotationSpec? {
        let expected = "{name: TEMPLATE, keep: N} or {pattern: REGEX, replacement: TEXT, keep: N}"
        let keys = ["name", "pattern", "replacement", "keep"]
        guard let mapping = mapping(node, "rotation", allowed: keys, expected: expected) else { return nil }
        let keep = mapping["keep"].flatMap { integer($0, "rotation.keep", in: 1...100) }
        if !mapping.has("keep") {
            error("'rotation' needs keep: how many generations to keep, from 1 to 100", at: mapping.mark)
        }
        var naming: RotationNaming?
        switch (mapping["name"], mapping["pattern"], mapping["replacement"]) {
        case (let name?, nil, nil):
            if let template = nameTemplate(
                name, "rotation.name", kind: "table name", allowed: ["origin", "job", "timestamp"])
            {
                if template.uses("timestamp") {
                    naming = .template(template)
                } else {
                    error(
                        "'rotation.name' must contain {timestamp}, so that every generation gets its own name",
                        at: name.mark)
                }
            }
        case (nil, let pattern?, let replacement?):
            let regex = regex(pattern, "rotation.pattern")
            let text = string(
                replacement, "rotation.replacement", expected: "the text replacing each match ($0 is the whole match)")
            if let text, let problem = Self.replacementProblem(text) {
                error("'rotation.replacement' \(problem)", at: replacement.mark)
            } else if let regex, let text {
                naming = .pattern(regex: regex.pattern, replacement: text)
            }
        case (nil, _?, nil):
            error(
                "'rotation.pattern' needs 'rotation.replacement': the text replacing each match ($0 is the whole match)",
                at: mapping.mark)
        case (nil, nil, _?):
            error(
                "'rotation.replacement' needs 'rotation.pattern': the regular expression whose matches it replaces",
                at: mapping.mark)
        case (nil, nil, nil):
            error("'rotation' needs name (a template with {timestamp}) or pattern and replacement", at: mapping.mark)
        case (_?, _, _):
            error("'rotation' takes either name or pattern and replacement, not both", at: mapping.mark)
        }
        guard let naming, let keep else { return nil }
        return RotationSpec(naming: naming, keep: keep)
    }

    /// The replacement's own characters (besides `$0`…`$9` and `\`-escapes) end up in table
    /// names, so they must be valid there.
    static func replacementProblem(_ text: String) -> String? {
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if character == "$", let next = characters.first, next.isASCII, next.isNumber {
                characters = characters.dropFirst()
            } else if character == "\\", let next = characters.popFirst() {
                if !NameRules.isNameCharacter(next) {
                    return
                        "contains \(NameRules.quote(next)), which is not allowed in a table name; allowed: \(NameRules.tableNameCharacters) and $0…$9"
                }
            } else if !NameRules.isNameCharacter(character) {
                return "contains \(NameRules.quote(character)), which is not allowed in a table name; "
                    + "allowed: \(NameRules.tableNameCharacters) and $0…$9 for the match and its groups"
            }
        }
        return nil
    }
}
