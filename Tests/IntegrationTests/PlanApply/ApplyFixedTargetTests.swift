import Foundation
import TestSupport
import Testing

/// Workflow 1 end to end: back up the origin, replace the dev copy, give it small capacity,
/// publish its ARN; then what later applies do (refresh, replacement, retention).
@Suite("dbcopy apply: fixed target end to end")
struct ApplyFixedTargetTests {
    @Test(
        "the copy holds the origin's items with the planned capacity, TTL, tags and SSM value; the origin is untouched")
    func firstApply() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let before = try await w.describe([flow.origin])

        let result = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\nPlan: 3 to add, 0 to change, 0 to destroy.\n"))
        #expect(result.stdout.hasSuffix("\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n"))

        let after = try await w.describe([flow.origin, flow.target])
        let copy = try #require(after.table(flow.target))
        #expect(copy.status == "ACTIVE")
        #expect(copy.items == ClientsToDev.items)
        #expect(copy.billing == "PROVISIONED")
        #expect([copy.read, copy.write] == [3, 3])
        #expect(copy.indexes == ["by-email": [1, 1]])
        #expect(copy.ttl == "expires_at")
        // Job tags and dbcopy's ownership tags; the origin's own tags are not copied (copy_tags: false).
        #expect(copy.tags["environment"] == "dev")
        #expect(copy.tags["dbcopy:job"] == flow.job)
        #expect(copy.tags["dbcopy:origin"] == flow.origin)
        #expect(copy.tags["dbcopy:created-at"].flatMap { try? Date($0, strategy: .iso8601) } != nil)
        #expect(copy.tags["team"] == nil)
        #expect(after.parameters == [flow.parameter: copy.arn])

        #expect(after.table(flow.origin) == before.table(flow.origin))
        #expect(Set(after.allTables) == [flow.origin, flow.target])
        let backups = after.backups(of: flow.origin)
        #expect(backups.count == 1)
        #expect(backups.first?.name.hasPrefix("dbcopy-\(flow.job)-") == true)
        #expect(backups.first?.status == "AVAILABLE")
    }

    @Test("a second apply within refresh: No changes, exit 0, no prompt even without a terminal")
    func refresh() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(["refresh: 1h"])))
        try await w.applied()
        let applied = try await w.describe([flow.origin, flow.target])

        // No --auto-approve and stdin is not a terminal: had there been anything to do, apply would refuse.
        let second = try await w.dbcopy(["apply"])
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("  # (\(flow.target) is fresh: made "))
        #expect(second.stdout.contains("No changes. Your infrastructure matches the configuration.\n"))
        #expect(!second.stdout.contains("Do you want to perform these actions?"))
        #expect(!second.stderr.contains("Error"))

        let after = try await w.describe([flow.origin, flow.target])
        #expect(after.table(flow.target) == applied.table(flow.target))
        #expect(after.backups == applied.backups)
        #expect(after.parameters == applied.parameters)
    }

    @Test("without refresh each apply replaces the copy (safety backup first); retention keeps the newest backups")
    func replacementAndRetention() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let origin = try await w.describe([flow.origin]).table(flow.origin)

        var backupsAfterEachRun: [Set<String>] = []
        var safetyBackupsAfterEachRun: [Set<String>] = []
        for run in 1...3 {
            if run > 1 { try await waitForNextSecond() }
            let result = try await w.dbcopy(["apply", "--auto-approve"])
            #expect(result.status == 0, "run \(run): \(result.stdout)\(result.stderr)")
            if run > 1 {
                #expect(result.stdout.contains("  # dynamodb_table.\(flow.target) will be replaced\n"))
                #expect(result.stdout.contains("      safety backup dbcopy-\(flow.job)-replaced-"))
                #expect(result.stdout.contains("Replacements: dynamodb_table.\(flow.target)\n"))
            }
            let state = try await w.describe([flow.target])
            backupsAfterEachRun.append(state.backupNames(of: flow.origin))
            safetyBackupsAfterEachRun.append(state.backupNames(of: flow.target))
            let copy = try #require(state.table(flow.target))
            #expect(copy.items == ClientsToDev.items)
            #expect([copy.read, copy.write] == [3, 3])
            #expect(copy.tags["dbcopy:job"] == flow.job)
            #expect(state.parameters == [flow.parameter: copy.arn])
        }
        // retention {backups: 2}: the third run destroys the first run's backup of the origin…
        let (first, second, third) = (backupsAfterEachRun[0], backupsAfterEachRun[1], backupsAfterEachRun[2])
        #expect(backupsAfterEachRun.map(\.count) == [1, 2, 2])
        #expect(third.isDisjoint(with: first))
        #expect(second.subtracting(first).isSubset(of: third))
        // …and the safety backups of the replaced copies (one per replacement) are kept by the same rule.
        #expect(safetyBackupsAfterEachRun.map(\.count) == [0, 1, 2])
        #expect(safetyBackupsAfterEachRun[2].allSatisfy { $0.hasPrefix("dbcopy-\(flow.job)-replaced-") })
        #expect(try await w.describe([flow.origin]).table(flow.origin) == origin)
    }

    @Test("--format json streams one JSON object per line: the plan, progress, the end of each copy, a summary")
    func jsonLines() async throws {
        let w = try await Workspace.make()
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        // The parameter holds the table's name instead of its ARN.
        try w.write(planFile(w.prefix, jobs: flow.job(parameterValue: "name")))

        let result = try await w.dbcopy(["apply", "--auto-approve", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let types = objects.compactMap { $0["type"] as? String }
        #expect(types.count == lines.count)
        #expect(types.first == "plan")
        #expect((objects.first?["plan"] as? [String: Any])?["applyable"] as? Bool == true)
        #expect(types.contains("start"))
        #expect(types.contains("progress"))
        #expect(types.filter { $0 == "complete" }.count == 1)
        #expect(types.last == "summary")
        let summary = try #require(objects.last)
        #expect([summary["added"] as? Int, summary["changed"] as? Int, summary["destroyed"] as? Int] == [3, 0, 0])
        #expect(summary["failed"] as? Bool == false)

        #expect(try await w.describe().parameters == [flow.parameter: flow.target])
    }
}
