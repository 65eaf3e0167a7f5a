import ArgumentParser
import Foundation

/// `dbcopy plan [FILE]`: reads live state and prints exactly what `apply` would do.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would do, from the plan file and live AWS state.",
        discussion: """
            Exit status: 0 success (with --detailed-exitcode: no changes), 1 error, \
            2 changes present (--detailed-exitcode only), 3 a change is refused by a safeguard.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Argument(help: "The plan file.")
    var file: String = "dbcopy.yaml"

    @Option(help: "Output format: text, json or markdown (for a pull-request comment).")
    var format: Format = .text

    @Option(name: .customLong("out"), help: "Also write the plan to this file, for `dbcopy apply SAVED`.")
    var out: String?

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitCode = false

    @OptionGroup var aws: AWSOptions
    @OptionGroup var run: RunOptions

    func run() async throws {
        let console = Console(noColor: run.noColor)
        let pipeline = PlanPipeline(aws: aws, run: run, console: console)
        let document = try pipeline.loadDocument(file)
        let plan = try await pipeline.plan(document, session: try pipeline.session())
        switch format {
        case .text: console.output.write(PlanTextRenderer(style: console.outputStyle).render(plan))
        case .json: console.output.write(try PlanJSONRenderer().render(plan))
        case .markdown: console.output.write(PlanMarkdownRenderer().render(plan))
        }
        console.errors.write(DiagnosticTextRenderer(style: console.errorStyle).render(plan))
        if let out {
            guard plan.applyable else {
                console.error("not writing \(out): a plan with errors or refused changes cannot be applied")
                throw Self.exitCode(for: plan, detailed: detailedExitCode).exitCode
            }
            try SavedPlanFile.write(plan, to: out)
            console.note("Saved the plan to \(out); `dbcopy apply \(out)` carries out exactly these actions.")
        }
        let code = Self.exitCode(for: plan, detailed: detailedExitCode)
        if code != .success { throw code.exitCode }
    }

    static func exitCode(for plan: Plan, detailed: Bool) -> DBCopyExitCode {
        if !plan.errors.isEmpty { return .error }
        if !plan.refusals.isEmpty { return .refused }
        if detailed && plan.summary.hasChanges { return .changesPresent }
        return .success
    }
}
