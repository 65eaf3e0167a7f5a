/// Renders errors and warnings the way Terraform words them, one per line, for stderr:
/// `Error: job "x": origin table clients does not exist in eu-west-1 (dbcopy.yaml:4:13)`.
///
/// Kept apart from the plan text so that `dbcopy plan > plan.txt` holds only the plan, and
/// each stream gets its own colour decision.
public struct DiagnosticTextRenderer: Sendable {
    public var style: OutputStyle

    public init(style: OutputStyle = .plain) {
        self.style = style
    }

    /// The plan's warnings, then its errors (the errors end up nearest the prompt); empty
    /// when there are none.
    public func render(_ plan: Plan) -> String {
        render(plan.warnings + plan.errors)
    }

    /// Each diagnostic on its own line, in the given order; empty for none.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { line(for: $0) + "\n" }.joined()
    }

    /// `Error: MESSAGE (file:line:col)`; a diagnostic without a mark names its file when it
    /// has one (`Error: MESSAGE (dbcopy.yaml)`).
    public func line(for diagnostic: Diagnostic) -> String {
        let label: String
        switch diagnostic.severity {
        case .error: label = style.paint("Error:", .bold, .red)
        case .warning: label = style.paint("Warning:", .bold, .yellow)
        }
        return "\(label) \(diagnostic.message.singleLine)"
            + (Self.location(of: diagnostic).map { " (\($0.singleLine))" } ?? "")
    }

    /// `file:line:col`, the file alone, or nil when the diagnostic names no file.
    static func location(of diagnostic: Diagnostic) -> String? {
        if let mark = diagnostic.mark { return mark.description }
        return diagnostic.file == "-" ? nil : diagnostic.file
    }
}
