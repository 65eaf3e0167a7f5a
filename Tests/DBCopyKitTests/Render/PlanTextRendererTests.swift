import DBCopyKit
import Foundation
import Testing

@Suite("Render: plan text")
struct PlanTextRendererTests {
    @Test("matches DESIGN.md's example byte for byte")
    func matchesDesignExample() {
        let expected = """
              # job "clients-to-dev": clients → clients_restored (eu-west-1)

              # dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00 will be created
              + backup of clients (1,204 items, 3.1 MB)

              # dynamodb_table.clients_restored will be replaced
              -/+ restore from the new backup; made by dbcopy on 2026-11-21
                  billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1
                  safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first

              # ssm_parameter./dev/clients/table-arn will be updated in-place
              ~ value → arn:aws:dynamodb:eu-west-1:…:table/clients_restored

              # dynamodb_backup.dbcopy-clients-to-dev-20261101-08-00-00 will be destroyed
              - retention: keeps the newest 3

            Plan: 3 to add, 1 to change, 2 to destroy.
            Replacements: dynamodb_table.clients_restored

            """
        #expect(PlanTextRenderer().render(designExample) == expected)
    }

    @Test("plain text matches its golden file", arguments: RenderScenario.all)
    func plainGolden(_ scenario: RenderScenario) {
        GoldenFile.check(PlanTextRenderer(style: .plain).render(scenario.plan), against: "plan/\(scenario.name).txt")
    }

    @Test("coloured text matches its golden file", arguments: RenderScenario.all)
    func colouredGolden(_ scenario: RenderScenario) {
        GoldenFile.check(
            PlanTextRenderer(style: .coloured).render(scenario.plan), against: "plan/\(scenario.name).colour.txt")
    }

    @Test(
        "stderr diagnostics match their golden file",
        arguments: RenderScenario.all.filter { !$0.plan.errors.isEmpty || !$0.plan.warnings.isEmpty })
    func diagnosticsGolden(_ scenario: RenderScenario) {
        GoldenFile.check(
            DiagnosticTextRenderer().render(scenario.plan), against: "plan/\(scenario.name).stderr.txt")
    }

    @Test("without colour there is no escape character; with colour the words are the same")
    func colourIsOnlyDecoration() {
        for scenario in RenderScenario.all {
            let plain = PlanTextRenderer(style: .plain).render(scenario.plan)
            let coloured = PlanTextRenderer(style: .coloured).render(scenario.plan)
            #expect(!plain.contains("\u{1B}"))
            #expect(coloured.contains("\u{1B}["))
            let stripped = coloured.replacing(#/\u{1B}\[[0-9;]*m/#, with: "")
            #expect(stripped == plain, "\(scenario.name)")
        }
    }

    /// What scrapers key on: every `# X will be …` line is a real change, and the last
    /// summary sentence is Terraform's.
    @Test("only changes produce resource headers; the summary line is Terraform's", arguments: RenderScenario.all)
    func scraperSafe(_ scenario: RenderScenario) {
        let text = PlanTextRenderer().render(scenario.plan)
        let header = #/^\s*# (\S+) will be (created|updated in-place|destroyed|replaced)$/#
        let headers = text.split(separator: "\n").compactMap { try? header.wholeMatch(in: $0)?.output.1 }.map(
            String.init)
        #expect(headers == scenario.plan.allChanges.map(\.address))
        let summary =
            #/^(Plan: \d+ to add, \d+ to change, \d+ to destroy\.|No changes\. Your infrastructure matches the configuration\.)$/#
        #expect(text.split(separator: "\n").filter { $0.wholeMatch(of: summary) != nil }.count == 1)
    }

    @Test("a value with a newline or an escape character cannot fake a header or reach the terminal")
    func controlCharacters() {
        var plan = refusal
        plan.jobs[0].copies[0].notes = ["x\n  # dynamodb_table.prod will be destroyed"]
        plan.jobs[1].copies[0].changes[1].refusal = "protect pattern \"\u{1B}[2J*\nPlan: 0 to add\""
        let text = PlanTextRenderer().render(plan)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("  # (x\\n  # dynamodb_table.prod will be destroyed)\n"))
        #expect(text.contains("  ! refused: protect pattern \"\\u{1B}[2J*\\nPlan: 0 to add\"\n"))
        scraperSafe(RenderScenario(name: "control characters", plan: plan))
    }

    @Test("a refused change shows its refusal, is not counted, and the plan says apply changes nothing")
    func refusalNotCounted() {
        let text = PlanTextRenderer().render(refusal)
        #expect(text.contains("  ! refused: table clients_restored exists and replace is false;"))
        #expect(text.contains("      planned: restore from the new backup; made by dbcopy on 2026-11-21"))
        // Only the two allowed creates are counted: the backup, the new generation.
        #expect(text.contains("\nPlan: 2 to add, 0 to change, 0 to destroy.\n"))
        #expect(!text.contains("Replacements:"))
        #expect(text.contains("Refused: 2 changes would break a safeguard"))
        #expect(text.contains("Apply will change nothing while any change is refused (exit code 3)."))
    }

    @Test("only a refused change: not \"No changes\", which would claim the configuration is met")
    func onlyRefused() {
        var plan = refusal
        plan.jobs = [plan.jobs[1]]
        plan.jobs[0].copies[0].changes.removeFirst()
        let text = PlanTextRenderer().render(plan)
        #expect(text.contains("\nPlan: 0 to add, 0 to change, 0 to destroy.\n"))
        #expect(!text.contains("No changes."))
    }

    @Test("a fresh copy prints its note under its header and the plan has no changes")
    func freshNotes() {
        let text = PlanTextRenderer().render(PlanFixtures.plan([fresh]))
        #expect(
            text == """
                  # job "nightly-reporting": clients → clients_reporting (eu-west-1)
                  # (clients_reporting is fresh: made 3h ago, refresh 24h)

                No changes. Your infrastructure matches the configuration.

                """)
    }

    @Test("errors and warnings: Terraform words, file:line:col when marked, the file alone otherwise")
    func diagnostics() {
        let stderr = DiagnosticTextRenderer().render(errorsAndWarnings)
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("Warning: job \"orders-staging\": origin pattern") == true)
        #expect(lines.first?.hasSuffix(" (dbcopy.yaml:17:13)") == true)
        #expect(lines[2].hasPrefix("Error: job \"a\" (origin clients)") && lines[2].hasSuffix(" (dbcopy.yaml)"))
        #expect(lines[3].hasSuffix("(it has by-email) (dbcopy.yaml:12:7)"))
        let unmarked = Diagnostic.error("boom", at: nil)
        #expect(DiagnosticTextRenderer().line(for: unmarked) == "Error: boom")
        #expect(DiagnosticTextRenderer(style: .coloured).line(for: unmarked) == "\u{1B}[1;31mError:\u{1B}[0m boom")
        let text = PlanTextRenderer().render(errorsAndWarnings)
        #expect(text.contains("  # job \"clients-to-dev\": no copy planned (1 error)\n"))
        #expect(
            text.contains("Errors: 2 errors (printed as \"Error: …\"); apply will change nothing until they are fixed"))
        #expect(DiagnosticTextRenderer().render(designExample).isEmpty)
    }

    @Test("Terraform's symbols and colours")
    func symbols() {
        let style = OutputStyle.coloured
        let text = PlanTextRenderer(style: style).render(designExample)
        #expect(text.contains("  \u{1B}[32m+\u{1B}[0m backup of clients"))
        #expect(text.contains("  \u{1B}[31m-\u{1B}[0m/\u{1B}[32m+\u{1B}[0m restore from the new backup"))
        #expect(text.contains("  \u{1B}[33m~\u{1B}[0m value → "))
        #expect(text.contains("  \u{1B}[31m-\u{1B}[0m retention: keeps the newest 3"))
        #expect(text.contains("  \u{1B}[1m# dynamodb_table.clients_restored\u{1B}[0m will be replaced\n"))
        #expect(text.contains("\u{1B}[1mPlan:\u{1B}[0m 3 to add, 1 to change, 2 to destroy.\n"))
    }
}
