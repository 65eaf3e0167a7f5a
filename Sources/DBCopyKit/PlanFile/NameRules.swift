/// The naming rules of DynamoDB, SSM and dbcopy itself. Each check returns what is wrong and
/// what is allowed, or nil. Public so that the planner checks names it renders from live
/// state (a `match` origin's generations) with the same words.
public enum NameRules {
    /// Table, index and backup names: 3–255 characters of `[a-zA-Z0-9_.-]`.
    public static let tableNameLengths = 3...255
    public static let tableNameCharacters = "a-z A-Z 0-9 _ . -"
    public static let jobNameMaximumLength = 64
    public static let ssmNameMaximumLength = 1011
    public static let ssmMaximumLevels = 15

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_.-".contains(character))
    }

    /// Problems with a table, index or backup name (`kind`: "table name", "backup name"…).
    public static func nameProblem(_ name: String, kind: String) -> String? {
        if let bad = name.first(where: { !isNameCharacter($0) }) {
            return "\(kind) '\(name)' contains \(quote(bad)); allowed: 3 to 255 characters of \(tableNameCharacters)"
        }
        guard tableNameLengths.contains(name.count) else {
            return
                "\(kind) '\(name)' has \(name.count) characters; allowed: 3 to 255 characters of \(tableNameCharacters)"
        }
        return nil
    }

    /// `[a-z0-9][a-z0-9_-]*`, at most 64 characters: job names appear in tags, backup names and
    /// SSM parameter names, so they are kept to what is valid in all of them.
    public static func jobNameProblem(_ name: String) -> String? {
        let allowed =
            "allowed: lowercase letters, digits, _ and -, starting with a letter or digit, at most 64 characters"
        let valid = name.enumerated().allSatisfy { index, character in
            character.isASCII
                && (character.isLowercase || character.isNumber || (index > 0 && "_-".contains(character)))
        }
        guard valid, !name.isEmpty, name.count <= jobNameMaximumLength else {
            return "job name '\(name)' is not valid; \(allowed)"
        }
        return nil
    }

    /// AWS region names: `eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`.
    public static func regionProblem(_ region: String) -> String? {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            parts.count >= 3 && (2...4).contains(parts[0].count)
            && parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
            && parts.last!.allSatisfy { $0.isASCII && $0.isNumber } && !parts.last!.isEmpty
        return valid ? nil : "'\(region)' is not an AWS region name; allowed: a region such as eu-west-1 or us-east-1"
    }

    /// SSM parameter names as rendered: `[a-zA-Z0-9_.-/]`, a hierarchy starts with `/`, at most
    /// 15 levels, not beginning with `aws` or `ssm` (reserved by AWS).
    public static func ssmNameProblem(_ name: String) -> String? {
        let allowed = "allowed: a-z A-Z 0-9 _ . - / (a name with / starts with /), at most 15 levels"
        if let bad = name.first(where: { !(isNameCharacter($0) || $0 == "/") }) {
            return "SSM parameter name '\(name)' contains \(quote(bad)); \(allowed)"
        }
        if name.contains("/"), !name.hasPrefix("/") {
            return "SSM parameter name '\(name)' has / but does not start with it; \(allowed)"
        }
        if name.isEmpty || name.contains("//") || name.hasSuffix("/") {
            return "SSM parameter name '\(name)' has an empty level; \(allowed)"
        }
        if name.split(separator: "/").count > ssmMaximumLevels {
            return "SSM parameter name '\(name)' has more than \(ssmMaximumLevels) levels; \(allowed)"
        }
        let head = name.drop { $0 == "/" }.lowercased()
        if head.hasPrefix("aws") || head.hasPrefix("ssm") {
            return
                "SSM parameter name '\(name)' begins with \(head.prefix(3)), which AWS reserves; use another first level"
        }
        if name.count > ssmNameMaximumLength {
            return "SSM parameter name has \(name.count) characters; allowed: at most \(ssmNameMaximumLength)"
        }
        return nil
    }

    static func quote(_ character: Character) -> String {
        switch character {
        case " ": return "a space"
        case "\t": return "a tab"
        default: return "'\(character)'"
        }
    }
}

/// AWS tag rules for the `tags` dbcopy puts on a copy.
public enum TagRules {
    /// AWS allows 50 tags per table; dbcopy's own `dbcopy:job`, `dbcopy:origin` and
    /// `dbcopy:created-at` take three.
    public static let maximumUserTags = 47
    static let allowed = "letters, digits, spaces and _ . : / = + - @"

    static func isTagCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == " " || "_.:/=+-@".contains(character)
    }

    public static func keyProblem(_ key: String) -> String? {
        guard (1...128).contains(key.count) else {
            return "tag key '\(key)' has \(key.count) characters; allowed: 1 to 128"
        }
        if let bad = key.first(where: { !isTagCharacter($0) }) {
            return "tag key '\(key)' contains \(NameRules.quote(bad)); allowed: \(allowed)"
        }
        let lower = key.lowercased()
        if lower.hasPrefix("aws:") || lower.hasPrefix("dbcopy:") {
            return "tag key '\(key)' uses a reserved prefix (aws: belongs to AWS, dbcopy: to dbcopy's own tags); "
                + "choose a key without it"
        }
        return nil
    }

    public static func valueProblem(_ value: String, key: String) -> String? {
        guard value.count <= 256 else {
            return "the value of tag '\(key)' has \(value.count) characters; allowed: at most 256"
        }
        if let bad = value.first(where: { !isTagCharacter($0) }) {
            return "the value of tag '\(key)' contains \(NameRules.quote(bad)); allowed: \(allowed)"
        }
        return nil
    }
}
