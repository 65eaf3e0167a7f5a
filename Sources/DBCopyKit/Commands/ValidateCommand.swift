import ArgumentParser
import Foundation

/// `dbcopy validate [FILE]`: every offline check of a plan file, no AWS call, no credentials.
///
/// Text output: each diagnostic on stderr (compiler-style, with the source line and a caret;
/// it is what plan and apply print too when a plan file is wrong), then one summary line on
/// stdout (`plan.yaml: valid, 3 jobs` or `plan.yaml: 4 errors`), the command's result.
/// `--format json` prints only the JSON report, on stdout. Exit 0 when valid (warnings allowed),
/// 1 when invalid or unreadable.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a plan file offline: no AWS call, no credentials.",
        discussion: """
            Reports every problem in the file at once, each as FILE:LINE:COLUMN: error: MESSAGE.
            Exit status: 0 valid (warnings allowed), 1 invalid or unreadable.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The plan file.")
    var file: String = "dbcopy.yaml"

    @Option(help: "Output format: text (diagnostics on stderr, summary on stdout) or json (one report on stdout).")
    var format: Format = .text

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also: NO_COLOR).")
    var noColor = false

    func run() throws {
        let result = PlanLoader.load(path: file)
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data(ValidationReport(result).json().utf8))
        case .text:
            let style = OutputStyle.for(.error, noColorFlag: noColor)
            // Only a file that was read can be quoted; reading it again is cheap (at most 1 MiB).
            let source =
                result.diagnostics.contains { $0.mark != nil }
                ? (try? Data(contentsOf: URL(fileURLWithPath: file))).map { String(decoding: $0, as: UTF8.self) } : nil
            let printer = DiagnosticPrinter(source: source, style: style)
            FileHandle.standardError.write(Data(printer.render(result.diagnostics).utf8))
            FileHandle.standardOutput.write(Data((Self.summary(result, file: file) + "\n").utf8))
        }
        if result.document == nil { throw DBCopyExitCode.error.exitCode }
    }

    static func summary(_ result: PlanLoadResult, file: String) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let warnings = result.warningCount > 0 ? ", " + count(result.warningCount, "warning") : ""
        guard let document = result.document else { return "\(file): \(count(result.errorCount, "error"))\(warnings)" }
        return "\(file): valid, \(count(document.jobs.count, "job"))\(warnings)"
    }
}
