import Foundation

/// A name with `{placeholder}`s: `backup_name`, rotation `name`, `ssm_parameter`.
///
/// The same template renders names and recognises them again, which is how dbcopy finds its
/// own backups and generations ("names every backup it makes from the job's template").
public struct NameTemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    public static let defaultBackupName = NameTemplate(verbatim: "dbcopy-{job}-{timestamp}")

    /// The template as written.
    public let raw: String
    public let parts: [Part]

    /// Parses `raw`; throws on an unclosed `{`, an empty `{}`, or a placeholder not in `allowed`.
    public init(_ raw: String, allowed: Set<String> = ["origin", "job", "timestamp"]) throws(TemplateError) {
        var parts: [Part] = []
        var literal = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            let character = raw[index]
            if character == "{" {
                guard let close = raw[index...].firstIndex(of: "}") else {
                    throw .unclosedBrace(offset: raw.distance(from: raw.startIndex, to: index))
                }
                let name = String(raw[raw.index(after: index)..<close])
                guard allowed.contains(name) else { throw .unknownPlaceholder(name, allowed: allowed.sorted()) }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.placeholder(name))
                index = raw.index(after: close)
            } else if character == "}" {
                throw .strayBrace(offset: raw.distance(from: raw.startIndex, to: index))
            } else {
                literal.append(character)
                index = raw.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.raw = raw
        self.parts = parts
    }

    /// For templates known to be valid (defaults, tests).
    public init(verbatim raw: String) {
        do { try self.init(raw) } catch { preconditionFailure("invalid built-in template \(raw): \(error)") }
    }

    public var description: String { raw }

    public func uses(_ placeholder: String) -> Bool { parts.contains(.placeholder(placeholder)) }

    /// The name for one copy. `timestamp` is `CopyTimestamp`'s `YYYYMMDD-HH-mm-ss`.
    public func render(job: String, origin: String, timestamp: String) -> String {
        parts.map { part -> String in
            switch part {
            case .literal(let text): return text
            case .placeholder("job"): return job
            case .placeholder("origin"): return origin
            case .placeholder("timestamp"): return timestamp
            case .placeholder: return ""
            }
        }.joined()
    }

    /// Whether `name` is one this template renders for `job` and `origin`; if so, the time
    /// its `{timestamp}` encodes (nil when the template has none).
    public func recognise(_ name: String, job: String, origin: String) -> Recognition? {
        var rest = Substring(name)
        var time: Date? = nil
        for part in parts {
            switch part {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return nil }
                rest = rest.dropFirst(text.count)
            case .placeholder("job"):
                guard rest.hasPrefix(job) else { return nil }
                rest = rest.dropFirst(job.count)
            case .placeholder("origin"):
                guard rest.hasPrefix(origin) else { return nil }
                rest = rest.dropFirst(origin.count)
            case .placeholder("timestamp"):
                let candidate = rest.prefix(CopyTimestamp.length)
                guard let parsed = CopyTimestamp.parse(candidate) else { return nil }
                time = parsed
                rest = rest.dropFirst(CopyTimestamp.length)
            case .placeholder:
                return nil
            }
        }
        return rest.isEmpty ? Recognition(timestamp: time) : nil
    }

    public struct Recognition: Sendable, Equatable {
        public var timestamp: Date?
    }
}

public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    case unclosedBrace(offset: Int)
    case strayBrace(offset: Int)
    case unknownPlaceholder(String, allowed: [String])

    public var description: String {
        switch self {
        case .unclosedBrace: return "'{' is not closed; placeholders are written {name}"
        case .strayBrace: return "'}' without a matching '{'"
        case .unknownPlaceholder(let name, let allowed):
            let list = allowed.map { "{\($0)}" }.joined(separator: ", ")
            return "unknown placeholder {\(name)}; allowed here: \(list)"
        }
    }
}
