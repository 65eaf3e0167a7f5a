import DBCopyKit
import Foundation
import Testing

@Suite("Render: plan Markdown")
struct PlanMarkdownRendererTests {
    @Test("the Markdown comment matches its golden file", arguments: RenderScenario.all)
    func golden(_ scenario: RenderScenario) {
        GoldenFile.check(PlanMarkdownRenderer().render(scenario.plan), against: "plan/\(scenario.name).md")
    }

    @Test("heading is the summary line; the diff block is the text plan with symbols at column 1")
    func layout() throws {
        let markdown = PlanMarkdownRenderer().render(designExample)
        #expect(markdown.hasPrefix("### Plan: 3 to add, 1 to change, 2 to destroy.\n"))
        let body = try #require(diffBlock(markdown))
        let text = PlanTextRenderer().render(designExample)
        #expect(
            body
                == text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.dropFirst($0.hasPrefix("  ") ? 2 : 0)
                }.joined(separator: "\n"))
        for line in [
            "+ backup of clients (1,204 items, 3.1 MB)",
            "-/+ restore from the new backup; made by dbcopy on 2026-11-21",
            "~ value → arn:aws:dynamodb:eu-west-1:…:table/clients_restored", "- retention: keeps the newest 3",
            "    safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first",
        ] {
            #expect(body.split(separator: "\n").contains { $0 == line }, "\(line)")
        }
        #expect(!markdown.contains("\u{1B}"))
        #expect(markdown.contains("<details><summary>Show the plan (1 job, 1 copy)</summary>\n\n```diff\n"))
    }

    @Test("refusals, errors and warnings are above the collapsed plan, escaped")
    func problemsAreVisible() throws {
        let refused = PlanMarkdownRenderer().render(refusal)
        let details = try #require(refused.range(of: "<details>"))
        let callout = refused[..<details.lowerBound]
        #expect(
            callout.contains(
                "> [!CAUTION]\n> **2 changes refused by safeguards: apply will change nothing (exit code 3).**"))
        #expect(
            callout.contains(
                "> - `dynamodb_table.orders-staging-20261120-10-15-00` (job `orders-staging`): table orders-staging-20261120-10-15-00 matches protect pattern \"\\*-staging-20261120\\*\""
            ))
        let errors = PlanMarkdownRenderer().render(errorsAndWarnings)
        let beforeDetails = errors[..<(try #require(errors.range(of: "<details>"))).lowerBound]
        #expect(beforeDetails.contains("**2 errors: apply will change nothing until they are fixed (exit code 1).**"))
        #expect(beforeDetails.contains("(it has by-email) (`dbcopy.yaml:12:7`)"))
        #expect(beforeDetails.contains("> [!WARNING]\n> **2 warnings**"))
    }

    @Test("2,000 jobs: under 65,000 characters, every job named or counted")
    func thousandsOfJobs() throws {
        let jobs = (1...2_000).map { index in
            let name = String(format: "tenant-%04d-refresh", index)
            return JobPlan(
                name: name,
                copies: [
                    PlanFixtures.copy(
                        job: name, origin: "clients", target: "\(name)-copy",
                        changes: [
                            PlanFixtures.createBackup(
                                "dbcopy-\(name)-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                            PlanFixtures.putParameter(
                                "/tenants/\(name)/table-arn", value: PlanFixtures.tableARN("\(name)-copy"),
                                previous: nil),
                        ])
                ])
        }
        let plan = PlanFixtures.plan(jobs)
        let markdown = PlanMarkdownRenderer().render(plan)
        #expect(markdown.utf16.count < 65_000)
        #expect(markdown.count < 65_000)
        #expect(markdown.hasPrefix("### Plan: 4000 to add, 0 to change, 0 to destroy.\n"))
        #expect(markdown.contains("The full plan is in the CI log, and in `dbcopy plan --format json`."))
        let body = try #require(diffBlock(markdown))
        let named = jobs.filter { body.contains("job \"\($0.name)\": ") }.count
        let hidden = try #require(body.firstMatch(of: #/… ([\d,]+) more jobs not shown: /#)).output.1
        #expect(named + Int(hidden.replacingOccurrences(of: ",", with: ""))! == 2_000)
        #expect(named > 500)
        #expect(body.hasSuffix("\nPlan: 4000 to add, 0 to change, 0 to destroy.\n"))
    }

    @Test("just over the limit: one line per job, all of them named")
    func collapsedWithoutHiding() throws {
        let plan = PlanFixtures.plan(
            (1...40).map { index in
                JobPlan(name: "job-\(index)", copies: [replaceWithSafetyBackup.copies[0]])
            })
        let full = PlanMarkdownRenderer(limit: .max).render(plan)
        let markdown = PlanMarkdownRenderer(limit: full.utf16.count - 1).render(plan)
        #expect(markdown.utf16.count < full.utf16.count)
        let body = try #require(diffBlock(markdown))
        for index in 1...40 { #expect(body.contains("job \"job-\(index)\": 3 to add, 1 to change, 2 to destroy\n")) }
        #expect(!body.contains("more job"))
        #expect(markdown.contains("<summary>Show the plan, one line per job (40 jobs)</summary>"))
    }

    @Test("the collapsed layout, with jobs left out, matches its golden file")
    func collapsedGolden() {
        var jobs: [JobPlan] = []
        for index in 1...12 {
            for job in [fixedTargetCreate, rotation, fresh] {
                var renamed = job
                renamed.name += "-\(index)"
                renamed.copies = job.copies.map { copy in
                    var copy = copy
                    copy.job = renamed.name
                    return copy
                }
                jobs.append(renamed)
            }
        }
        jobs[4].copies[0].changes[0].refusal =
            "table orders-staging-20261122-10-15-00 matches protect pattern \"*-staging-*\""
        jobs[6].diagnostics = [.error("job \"clients-to-dev-3\": something is wrong", at: nil)]
        let markdown = PlanMarkdownRenderer(limit: 2_500).render(PlanFixtures.plan(jobs))
        #expect(markdown.utf16.count <= 2_500 && markdown.utf16.count > 2_300)
        GoldenFile.check(markdown, against: "plan/collapsed.md")
    }

    @Test("thousands of refusals do not crowd out the plan")
    func manyRefusals() throws {
        var plan = refusal
        let refused = plan.jobs[0].copies[0].changes[1]
        plan.jobs[0].copies[0].changes += Array(repeating: refused, count: 3_000)
        let markdown = PlanMarkdownRenderer().render(plan)
        #expect(markdown.utf16.count < 65_000)
        #expect(markdown.contains("> - … and "))
        #expect(diffBlock(markdown) != nil)
    }

    @Test("control characters in plan values are shown, not passed on")
    func controlCharacters() {
        var plan = refusal
        plan.jobs[1].copies[0].changes[1].refusal = "protect pattern \"\u{1B}[2J*\nPlan: 0 to add\""
        let markdown = PlanMarkdownRenderer().render(plan)
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("\nPlan: 0 to add"))
        #expect(markdown.contains(#"protect pattern "\\u{1B}\[2J\*\\nPlan: 0 to add""#))
    }

    @Test("a fence longer than any backtick run in the plan")
    func fence() {
        var plan = PlanFixtures.plan([fresh])
        plan.jobs[0].copies[0].notes = ["```"]
        #expect(PlanMarkdownRenderer().render(plan).contains("````diff\n"))
    }

    /// The text between the diff fence and its closing fence.
    private func diffBlock(_ markdown: String) -> String? {
        guard let start = markdown.range(of: "```diff\n"),
            let end = markdown.range(of: "\n```\n", range: start.upperBound..<markdown.endIndex)
        else { return nil }
        return String(markdown[start.upperBound..<end.lowerBound]) + "\n"
    }
}
