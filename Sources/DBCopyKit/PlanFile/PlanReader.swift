/// Reads typed values out of the node tree. Every problem becomes a diagnostic and reading
/// carries on (the caller gets nil for that value), so that one run reports every error.
///
/// Messages name the key by its path within the job (`capacity.read`) and say what is
/// allowed, because the position alone does not tell a reader what the value should be.
final class PlanReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    private(set) var errorCount = 0

    init(file: String) { self.file = file }

    func error(_ message: String, at mark: SourceMark?) {
        diagnostics.append(.error(message, at: mark, file: file))
        errorCount += 1
    }

    func warning(_ message: String, at mark: SourceMark?) {
        diagnostics.append(.warning(message, at: mark, file: file))
    }

    /// The keys of a mapping after reporting duplicate keys (each at the repeat, naming the
    /// first) and keys not in `allowed` (with a suggestion). `what` names the mapping in
    /// messages ("a job", "capacity").
    func mapping(_ node: YAMLNode, _ what: String, allowed: [String], expected: String) -> PlanMapping? {
        guard !node.isInvalid else { return nil }
        guard case .mapping(let pairs) = node.kind else {
            error("'\(what)' must be \(expected); got \(node.summary)", at: node.mark)
            return nil
        }
        var mapping = PlanMapping(mark: node.mark)
        var seen: [String: SourceMark] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.text, !pair.key.isInvalid else {
                if !pair.key.isInvalid {
                    error("keys in '\(what)' must be names; got \(pair.key.summary)", at: pair.key.mark)
                }
                continue
            }
            if let first = seen[key] {
                error(
                    "duplicate key '\(key)' (first written at \(first.line):\(first.column)); "
                        + "each key may appear once in a mapping", at: pair.key.mark)
                continue
            }
            seen[key] = pair.key.mark
            guard allowed.isEmpty || allowed.contains(key) else {
                let hint = KeySuggestion.hint(for: key, in: allowed)
                let list = hint.isEmpty ? "; allowed keys: \(allowed.joined(separator: ", "))" : ""
                error("unknown key '\(key)' in \(describe(what))\(hint)\(list)", at: pair.key.mark)
                continue
            }
            mapping.append(key: key, keyMark: pair.key.mark, value: pair.value)
        }
        return mapping
    }

    private func describe(_ what: String) -> String {
        what.hasPrefix("the ") || what.hasPrefix("a ") ? what : "'\(what)'"
    }

    /// A string value. A plain scalar that YAML reads as a number, boolean or null is refused
    /// (with the quoted spelling to use), because the JSON Schema sees it as that type too.
    func string(_ node: YAMLNode, _ what: String, expected: String) -> String? {
        guard !node.isInvalid else { return nil }
        guard let scalar = node.scalar else {
            error("'\(what)' must be \(expected); got \(node.summary)", at: node.mark)
            return nil
        }
        switch scalar.resolved {
        case .string(let value):
            return value
        case .null:
            error("'\(what)' has no value; expected \(expected)", at: node.mark)
        case .bool, .int, .float:
            error(
                "'\(what)' is read as \(scalar.summary), not a string; expected \(expected): "
                    + "quote it to keep it as text (\"\(scalar.text)\")", at: node.mark)
        }
        return nil
    }

    /// A whole number in `range`. An integral float (`3.0`, `1e3`) counts as whole, as it does
    /// for JSON Schema's `integer`.
    func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard !node.isInvalid else { return nil }
        let allowed = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let scalar = node.scalar else {
            error("'\(what)' must be \(allowed); got \(node.summary)", at: node.mark)
            return nil
        }
        var value: Int?
        switch scalar.resolved {
        case .int(let int): value = int
        case .float(let float) where float.rounded() == float && abs(float) < 1e15: value = Int(float)
        case .string where scalar.style == .quoted && Int(scalar.text) != nil:
            error("'\(what)' must be \(allowed); got \(scalar.summary) (remove the quotes)", at: node.mark)
            return nil
        default:
            error("'\(what)' must be \(allowed); got \(scalar.summary)", at: node.mark)
            return nil
        }
        guard let value, range.contains(value) else {
            error("'\(what)' must be \(allowed); got \(scalar.text)", at: node.mark)
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard !node.isInvalid else { return nil }
        if case .bool(let value)? = node.scalar?.resolved { return value }
        error(
            "'\(what)' must be true or false; got \(node.summary)"
                + (node.scalar?.style == .plain ? " (only true and false are booleans in YAML 1.2)" : ""),
            at: node.mark)
        return nil
    }

    /// One of a fixed set of words, with a suggestion for a near miss.
    func choice(_ node: YAMLNode, _ what: String, _ options: [String]) -> String? {
        guard !node.isInvalid else { return nil }
        let list = options.joined(separator: ", ")
        if case .string(let value)? = node.scalar?.resolved {
            if options.contains(value) { return value }
            error(
                "'\(what)' must be one of \(list); got '\(value)'" + KeySuggestion.hint(for: value, in: options),
                at: node.mark)
            return nil
        }
        error("'\(what)' must be one of \(list); got \(node.summary)", at: node.mark)
        return nil
    }

    /// The items of a list.
    func sequence(_ node: YAMLNode, _ what: String, expected: String) -> [YAMLNode]? {
        guard !node.isInvalid else { return nil }
        guard case .sequence(let items) = node.kind else {
            error("'\(what)' must be \(expected); got \(node.summary)", at: node.mark)
            return nil
        }
        return items
    }
}

/// A mapping's accepted keys in the order written, each with the mark of the key itself.
struct PlanMapping {
    var mark: SourceMark
    private(set) var keys: [String] = []
    private(set) var keyMarks: [String: SourceMark] = [:]
    private var values: [String: YAMLNode] = [:]

    init(mark: SourceMark) { self.mark = mark }

    mutating func append(key: String, keyMark: SourceMark, value: YAMLNode) {
        keys.append(key)
        keyMarks[key] = keyMark
        values[key] = value
    }

    subscript(key: String) -> YAMLNode? { values[key] }

    func has(_ key: String) -> Bool { values[key] != nil }
}
