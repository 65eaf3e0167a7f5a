import Foundation
import TestSupport
import Testing

/// What `dbcopy plan` does besides listing changes: choosing jobs, reporting errors and
/// refusals with their exit codes, and writing a saved plan.
@Suite("dbcopy plan: jobs, errors, refusals, saved plans")
struct PlanOutcomeTests {
    @Test("--job plans only the jobs named; an unknown name is an error naming the jobs there are")
    func jobSelection() async throws {
        let w = try await Workspace.make()
        let fixed = ClientsToDev(prefix: w.prefix)
        let rotation = ProductionToStaging(prefix: w.prefix)
        try await w.seed(fixed.seeds + rotation.seeds)
        try w.write(planFile(w.prefix, jobs: fixed.job(), rotation.job()))

        let both = try await w.dbcopy(["plan"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout.contains("# job \"\(fixed.job)\""))
        #expect(both.stdout.contains("# job \"\(rotation.job)\""))
        #expect(both.stdout.hasSuffix("\nPlan: 7 to add, 0 to change, 0 to destroy.\n"))

        let one = try await w.dbcopy(["plan", "--job", rotation.job])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(!one.stdout.contains("# job \"\(fixed.job)\""))
        #expect(one.stdout.contains("# job \"\(rotation.job)\": \(rotation.orders) → "))
        #expect(one.stdout.hasSuffix("\nPlan: 4 to add, 0 to change, 0 to destroy.\n"))

        let unknown = try await w.dbcopy(["plan", "--job", "\(w.prefix)-nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("--job \(w.prefix)-nope: no such job"))
        #expect(unknown.stderr.contains(fixed.job))
    }

    @Test("a missing origin is an error naming the job and the table: exit 1, nothing planned")
    func missingOrigin() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--detailed-exitcode"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Error: job \"\(flow.job)\": origin table \(flow.origin) does not exist in eu-west-1 (dbcopy.yaml:"))
        #expect(result.stdout.contains("# job \"\(flow.job)\": no copy planned (1 error)"))
        #expect(!result.stdout.contains("will be created"))

        let json = try await w.dbcopy(["plan", "--format", "json"])
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["applyable"] as? Bool == false)
        #expect((document["summary"] as? [String: Any])?["errors"] as? Int == 1)
    }

    @Test("a change a safeguard forbids is shown refused: exit 3, applyable false, no saved plan")
    func refusal() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        // A table with the target's name that dbcopy did not make.
        try await w.seed(flow.seeds + [TableSeed(name: flow.target, items: 3)])
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--out", "saved.json"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("  # dynamodb_table.\(flow.target) will be replaced\n"))
        #expect(
            result.stdout.contains(
                "  ! refused: table \(flow.target) was not made by dbcopy (no dbcopy:job tag); "
                    + "set replace: adopt to let job \"\(flow.job)\" take it over\n"))
        #expect(result.stdout.contains("Apply will change nothing while any change is refused (exit code 3)."))
        #expect(result.stderr.contains("not writing saved.json"))
        #expect(!FileManager.default.fileExists(atPath: w.path("saved.json").path))

        let json = try await w.dbcopy(["plan", "--format", "json"])
        #expect(json.status == 3)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["applyable"] as? Bool == false)
        #expect((document["summary"] as? [String: Any])?["refused"] as? Int == 1)
    }

    @Test("--out writes a saved plan, readable only by its owner, that apply recognises")
    func savedPlan() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))

        let result = try await w.dbcopy(["plan", "--out", "saved.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Saved the plan to saved.json"))
        let attributes = try FileManager.default.attributesOfItem(atPath: w.path("saved.json").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: w.path("saved.json"))) as? [String: Any]
        #expect(saved?["kind"] as? String == "dbcopy-plan")
        let preconditions =
            ((saved?["jobs"] as? [[String: Any]])?.first?["copies"] as? [[String: Any]])?
            .first?["preconditions"] as? [[String: Any]]
        // The origin as it was, and the target's absence.
        #expect(preconditions?.map { $0["name"] as? String } == [flow.origin, flow.target])
        #expect(preconditions?.map { $0["exists"] as? Bool } == [true, false])
    }
}
