import Foundation

/// Why a JSON document could not be read back as a plan (`apply SAVED`).
public enum PlanJSONError: Error, Equatable, CustomStringConvertible {
    /// Valid JSON, but not a dbcopy plan (`kind` is not `dbcopy-plan`; nil when absent).
    case notAPlan(kind: String?)
    /// Written by a dbcopy whose plan format this one does not know.
    case unsupportedFormatVersion(Int)
    /// A plan document with a missing or mistyped field (`where` is the JSON path).
    case malformed(where: String, problem: String)

    public var description: String {
        switch self {
        case .notAPlan(let kind):
            return
                "not a dbcopy saved plan (kind is \(kind.map { "\"\($0)\"" } ?? "missing"), expected \"\(Plan.kind)\")"
        case .unsupportedFormatVersion(let version):
            return "saved plan has format_version \(version); this dbcopy reads format_version "
                + "\(Plan.currentFormatVersion): plan again with this dbcopy"
        case .malformed(let path, let problem):
            return "saved plan is malformed at \(path.isEmpty ? "the top level" : path): \(problem)"
        }
    }
}

extension Plan {
    /// The public JSON document of this plan: what `plan --format json` prints and
    /// `plan --out SAVED` writes, byte for byte (pretty printed, sorted keys, snake_case,
    /// ISO 8601 dates, computed `summary`/`applyable`/`address`/`refused`; no trailing newline).
    public func encodedJSON() throws -> Data {
        try PlanJSONCoding.encoder().encode(self)
    }

    /// Reads a document written by `encodedJSON()` (computed fields are ignored). Checks
    /// `kind` and `format_version` first, so a wrong or newer file gets a clear message.
    public static func decode(fromJSON data: Data) throws -> Plan {
        let decoder = PlanJSONCoding.decoder()
        do {
            let header = try decoder.decode(Header.self, from: data)
            guard header.kind == kind else { throw PlanJSONError.notAPlan(kind: header.kind) }
            guard header.formatVersion == currentFormatVersion else {
                throw PlanJSONError.unsupportedFormatVersion(header.formatVersion ?? 0)
            }
            return try decoder.decode(Plan.self, from: data)
        } catch let error as DecodingError {
            throw PlanJSONError(error)
        }
    }

    /// Just enough to tell what a document is before decoding all of it.
    private struct Header: Decodable {
        var kind: String?
        var formatVersion: Int?
    }
}

extension PlanJSONError {
    init(_ error: DecodingError) {
        func path(_ codingPath: [CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\(JSONPathKey.snakeCase($0.stringValue))" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .malformed(
                where: path(context.codingPath), problem: "missing \(JSONPathKey.snakeCase(key.stringValue))")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self = .malformed(where: path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            self = .malformed(where: "", problem: "\(error)")
        }
    }
}

/// Property names as they appear in the document, for error messages.
enum JSONPathKey {
    static func snakeCase(_ key: String) -> String {
        guard key.contains(where: \.isUppercase) else { return key }
        var result = ""
        var previousWasUpper = false
        for character in key {
            if character.isUppercase {
                if !result.isEmpty && !previousWasUpper { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
            previousWasUpper = character.isUppercase
        }
        return result
    }
}

/// `--format json`: the plan's JSON document (`Plan.encodedJSON()`) followed by a newline.
public struct PlanJSONRenderer: Sendable {
    public init() {}

    public func render(_ plan: Plan) throws -> String {
        String(decoding: try plan.encodedJSON(), as: UTF8.self) + "\n"
    }
}
