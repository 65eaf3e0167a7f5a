/// One node of a parsed plan file, with the 1-based position where it starts.
///
/// The tree is deliberately small: plan files need scalars, sequences and mappings, nothing
/// else (anchors, aliases and tags are rejected while parsing).
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
        /// Stands in for something already reported (an alias): readers skip it silently so
        /// that one mistake is not reported twice.
        case invalid
    }

    var kind: Kind
    var mark: SourceMark

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    var isInvalid: Bool {
        if case .invalid = kind { return true }
        return false
    }

    /// For messages: what this node is, e.g. "a list", "the number 3", "the string \"3\"".
    var summary: String {
        switch kind {
        case .scalar(let scalar): return scalar.summary
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .invalid: return "an alias"
        }
    }
}

struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

/// A scalar as written, with its YAML 1.2 core-schema meaning.
struct YAMLScalar: Sendable {
    enum Style: Sendable { case plain, quoted }

    /// What the core schema makes of a plain scalar; quoted scalars are always strings.
    enum Resolved: Sendable, Equatable {
        case null
        case bool(Bool)
        /// nil when the digits do not fit in an Int (reported as out of range, not as a string).
        case int(Int?)
        case float(Double)
        case string(String)
    }

    var text: String
    var style: Style
    var resolved: Resolved

    init(text: String, style: Style) {
        self.text = text
        self.style = style
        self.resolved = style == .quoted ? .string(text) : CoreSchema.resolve(text)
    }

    var summary: String {
        switch resolved {
        case .null: return "no value"
        case .bool(let value): return "the boolean \(value)"
        case .int, .float: return "the number \(text)"
        case .string(let value):
            return style == .quoted ? "the string \"\(value)\"" : "'\(value)'"
        }
    }
}

/// Tag resolution of the YAML 1.2 core schema (section 10.3.2), so that dbcopy reads a plain
/// scalar exactly as a JSON Schema validator fed the same file does: only `true`/`false` are
/// booleans (`yes`, `no`, `on`, `off` stay strings), and timestamps are not a type.
enum CoreSchema {
    static func resolve(_ text: String) -> YAMLScalar.Resolved {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        if let int = integer(bytes) { return int }
        if isFloat(bytes) { return .float(Double(text) ?? .nan) }
        return .string(text)
    }

    private static func isDigit(_ byte: UInt8, radix: Int = 10) -> Bool {
        switch radix {
        case 8: return (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte)
        case 16:
            return isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        default: return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` as `.int` (nil inside on overflow); nil if not an integer.
    private static func integer(_ bytes: [UInt8]) -> YAMLScalar.Resolved? {
        let zero = UInt8(ascii: "0")
        if bytes.count > 2, bytes[0] == zero, bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            let digits = bytes[2...]
            guard digits.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
            return .int(Int(String(decoding: digits, as: UTF8.self), radix: radix))
        }
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ isDigit($0) }) else { return nil }
        return .int(Int(String(decoding: bytes, as: UTF8.self)))
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let whole = digits()
        var fraction = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
            guard whole > 0 || fraction > 0 else { return false }
        } else if whole == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
