import Foundation

/// Prints diagnostics compiler-style, each followed by the offending source line and a caret
/// under the column, so that a reader sees the problem without opening the file:
///
/// ```
/// plan.yaml:6:5: error: unknown key 'capcity' (did you mean 'capacity'?)
///     capcity: {read: 3, write: 3}
///     ^
/// ```
public struct DiagnosticPrinter: Sendable {
    public var style: TerminalStyle
    /// The plan file's lines, to quote; empty when the file could not be read. Split at every
    /// line break libyaml counts (`\r\n` is one Character in Swift, so not at "\n" alone).
    private let lines: [Substring]

    public init(source: String?, style: TerminalStyle) {
        self.style = style
        self.lines = source.map { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) } ?? []
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.mark.map(\.description) ?? diagnostic.file
        let severity =
            diagnostic.severity == .error
            ? style.red("error:") : style.yellow("warning:")
        var text = "\(style.bold(location + ":")) \(severity) \(style.bold(diagnostic.message))\n"
        if let mark = diagnostic.mark, mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            // Keep the line's own tabs in front of the caret so that it lines up in any tab width.
            let lead = line.prefix(max(0, mark.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\(line)\n\(lead)\(style.green("^"))\n"
        }
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }
}

/// Whether to colour output, and the ANSI codes to do it.
///
/// Colour only when the stream is a terminal, `TERM` is not `dumb`, and neither `NO_COLOR`
/// (https://no-color.org: set and not empty) nor `--no-color` asks for plain text, so that logs,
/// pipes and CI never get escape codes.
public struct TerminalStyle: Sendable {
    public var isEnabled: Bool

    public init(isEnabled: Bool) { self.isEnabled = isEnabled }

    public static func forStream(
        _ descriptor: Int32, noColorFlag: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalStyle {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(isEnabled: isatty(descriptor) == 1 && !dumb && !noColor && !noColorFlag)
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func yellow(_ text: String) -> String { wrap(text, "1;33") }
    public func green(_ text: String) -> String { wrap(text, "1;32") }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
