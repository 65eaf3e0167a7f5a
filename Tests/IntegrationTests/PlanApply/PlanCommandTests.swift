import Foundation
import TestSupport
import Testing

/// `dbcopy plan` against live state, as a user (or a CI job scraping Terraform-style output)
/// runs it: both seed workflows, the three formats, exit codes, `--job`, errors, refusals.
@Suite("dbcopy plan against a local AWS endpoint")
struct PlanCommandTests {
    @Test("fixed target: backup, restore with the job's capacity, SSM parameter; plan changes nothing")
    func fixedTarget() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let before = try await w.describe([flow.origin])

        let result = try await w.dbcopy(["plan"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("  # job \"\(flow.job)\": \(flow.origin) → \(flow.target) (eu-west-1)\n"))
        #expect(out.contains(try Regex("  # dynamodb_backup.dbcopy-\(flow.job)-\(timestampPattern) will be created\n")))
        #expect(out.contains("  + backup of \(flow.origin) (120 items"))
        #expect(out.contains("  # dynamodb_table.\(flow.target) will be created\n  + restore from the new backup\n"))
        #expect(out.contains("      billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1\n"))
        #expect(out.contains("      ttl:      on (expires_at, as the origin)\n"))
        #expect(out.contains("  # ssm_parameter.\(flow.parameter) will be created\n"))
        #expect(out.contains("  + value = arn:aws:dynamodb:eu-west-1:123456789012:table/\(flow.target)\n"))
        #expect(out.hasSuffix("\nPlan: 3 to add, 0 to change, 0 to destroy.\n"))

        let after = try await w.describe([flow.origin])
        #expect(after.allTables == [flow.origin])
        #expect(after.backups == before.backups)
        #expect(after.parameters.isEmpty)
        #expect(after.table(flow.origin) == before.table(flow.origin))
    }

    @Test("pattern rotation: one copy per matched origin, timestamped generations, one parameter each")
    func rotation() async throws {
        let w = try await Workspace.make()
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--no-color"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        for origin in flow.origins {
            let generation = flow.generationPrefix(origin) + timestampPattern
            #expect(out.contains(try Regex("  # job \"\(flow.job)\": \(origin) → \(generation) \\(eu-west-1\\)\n")))
            #expect(out.contains(try Regex("  # dynamodb_table.\(generation) will be created\n")))
            #expect(out.contains("  + restore from backup \(flow.backup(origin)) (made "))
            #expect(out.contains("  # ssm_parameter.\(flow.parameter(origin)) will be created\n"))
        }
        #expect(out.contains("      billing:  on-demand (origin 20/20)\n"))
        #expect(out.contains("      tags:     cost-center=1234, team=orders\n"))
        // latest-backup makes no backup of its own.
        #expect(!out.contains("dynamodb_backup."))
        #expect(out.hasSuffix("\nPlan: 4 to add, 0 to change, 0 to destroy.\n"))
        #expect(try await w.describe().allTables.sorted() == flow.origins.sorted())
    }

    @Test("--format json is one document tools can read: applyable, summary, every change")
    func json() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["kind"] as? String == "dbcopy-plan")
        #expect(document["format_version"] as? Int == 1)
        #expect(document["applyable"] as? Bool == true)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["add"] as? Int == 3)
        #expect(summary["change"] as? Int == 0)
        #expect(summary["destroy"] as? Int == 0)
        #expect(summary["refused"] as? Int == 0)
        let jobs = try #require(document["jobs"] as? [[String: Any]])
        let copies = try #require(jobs.first?["copies"] as? [[String: Any]])
        let changes = try #require(copies.first?["changes"] as? [[String: Any]])
        let operations = changes.compactMap { ($0["operation"] as? [String: Any])?["type"] as? String }
        #expect(operations == ["create_backup", "restore_table", "put_parameter"])
        #expect(changes.map { $0["refused"] as? Bool } == [false, false, false])
        #expect(changes[1]["address"] as? String == "dynamodb_table.\(flow.target)")
        #expect((document["plan_file"] as? [String: Any])?["digest"] as? String != nil)
    }

    @Test("--format markdown: the summary as a heading, the plan in a diff block inside <details>")
    func markdown() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--format", "markdown"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Plan: 3 to add, 0 to change, 0 to destroy."))
        #expect(out.contains("<details>"))
        #expect(out.contains("```diff\n"))
        // In the diff block, symbols start at column 1 so that GitHub colours them.
        #expect(out.contains("\n+ restore from the new backup\n"))
        #expect(!out.contains("\u{1B}["))
    }

    @Test("--detailed-exitcode: 2 while there are changes, 0 once there are none")
    func detailedExitCode() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(["refresh: 1h"])))

        #expect(try await w.dbcopy(["plan", "--detailed-exitcode"]).status == 2)
        let applied = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        let again = try await w.dbcopy(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("  # (\(flow.target) is fresh: made "))
        #expect(again.stdout.hasSuffix("\nNo changes. Your infrastructure matches the configuration.\n"))
    }
}
