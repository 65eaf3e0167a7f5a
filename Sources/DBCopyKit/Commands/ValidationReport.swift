import Foundation

/// `dbcopy validate --format json`: one document for CI annotations.
///
/// `{"valid": bool, "error_count": n, "warning_count": n, "diagnostics": [{"file", "line",
/// "column", "severity", "message"}]}`; `line` and `column` are null for problems with the file
/// as a whole (unreadable, too large).
struct ValidationReport: Encodable {
    struct Entry: Encodable {
        var diagnostic: Diagnostic

        enum CodingKeys: String, CodingKey { case file, line, column, severity, message }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(diagnostic.file, forKey: .file)
            try container.encode(diagnostic.mark?.line, forKey: .line)
            try container.encode(diagnostic.mark?.column, forKey: .column)
            try container.encode(diagnostic.severity.rawValue, forKey: .severity)
            try container.encode(diagnostic.message, forKey: .message)
        }
    }

    var valid: Bool
    var errorCount: Int
    var warningCount: Int
    var diagnostics: [Entry]

    enum CodingKeys: String, CodingKey {
        case valid, diagnostics
        case errorCount = "error_count"
        case warningCount = "warning_count"
    }

    init(_ result: PlanLoadResult) {
        valid = result.document != nil
        errorCount = result.errorCount
        warningCount = result.warningCount
        diagnostics = result.diagnostics.map(Entry.init)
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and booleans cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
