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
    public var style: OutputStyle
    /// The plan file's lines, to quote; empty when the file could not be read. Split at every
    /// line break libyaml counts (`\r\n` is one Character in Swift, so not at "\n" alone).
    private let lines: [Substring]

    public init(source: String?, style: OutputStyle) {
        self.style = style
        self.lines = source.map { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) } ?? []
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.mark.map(\.description) ?? diagnostic.file
        let severity =
            diagnostic.severity == .error
            ? style.paint("error:", .bold, .red) : style.paint("warning:", .bold, .yellow)
        var text = "\(style.bold(location + ":")) \(severity) \(style.bold(diagnostic.message))\n"
        if let mark = diagnostic.mark, mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            // Keep the line's own tabs in front of the caret so that it lines up in any tab width.
            let lead = line.prefix(max(0, mark.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\(line)\n\(lead)\(style.paint("^", .bold, .green))\n"
        }
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }
}
