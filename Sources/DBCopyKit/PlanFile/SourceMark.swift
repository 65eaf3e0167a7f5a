/// A 1-based position in a plan file, kept for every node so that every error can name
/// `file:line:column`.
public struct SourceMark: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One finding about a plan file, printed compiler-style:
/// `plan.yaml:6:5: error: unknown key 'capcity' (did you mean 'capacity'?)`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    /// Where it is; nil only for problems with the file as a whole that have no position
    /// (unreadable, over 1 MiB).
    public var mark: SourceMark?
    public var message: String
    /// The file, also when there is no mark.
    public var file: String

    public init(_ severity: Severity, _ message: String, at mark: SourceMark?, file: String? = nil) {
        self.severity = severity
        self.message = message
        self.mark = mark
        self.file = mark?.file ?? file ?? "-"
    }

    public static func error(_ message: String, at mark: SourceMark?, file: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: mark, file: file)
    }

    public static func warning(_ message: String, at mark: SourceMark?, file: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: mark, file: file)
    }

    public var description: String {
        "\(mark.map(\.description) ?? file): \(severity.rawValue): \(message)"
    }
}
