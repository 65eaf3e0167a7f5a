import Foundation
import TestSupport
import Testing

/// Workflow 2 end to end: the newest backup of every matched origin restored into a new
/// timestamped generation, its ARN published; later applies keep the newest `keep`.
@Suite("dbcopy apply: pattern rotation end to end")
struct ApplyRotationTests {
    @Test("each origin's newest backup becomes a generation with its items, on-demand, copied tags, SSM = its ARN")
    func firstApply() async throws {
        let w = try await Workspace.make()
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        let before = try await w.describe(flow.origins)

        let result = try await w.dbcopy(["apply", "--auto-approve"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("\nApply complete! Resources: 4 added, 0 changed, 0 destroyed.\n"))

        let state = try await w.describe(flow.origins)
        for origin in flow.origins {
            let generations = flow.generations(of: origin, in: state.allTables)
            try #require(generations.count == 1, "generations of \(origin): \(state.allTables)")
            let name = generations[0]
            #expect(name.wholeMatch(of: try Regex("\(flow.generationPrefix(origin))\(timestampPattern)")) != nil)
            let described = try await w.describe([name])
            let copy = try #require(described.table(name))
            #expect(copy.items == before.table(origin)?.items)
            #expect(copy.billing == "PAY_PER_REQUEST")
            #expect(copy.ownershipTags["dbcopy:job"] == flow.job)
            #expect(copy.ownershipTags["dbcopy:origin"] == origin)
            #expect(copy.tags["team"] == before.table(origin)?.tags["team"])
            #expect(copy.tags["cost-center"] == before.table(origin)?.tags["cost-center"])
            #expect(copy.tags["secret"] == nil)
            #expect(state.parameters[flow.parameter(origin)] == copy.arn)
            // Origins untouched; latest-backup makes no backup of its own.
            #expect(state.table(origin) == before.table(origin))
            #expect(state.backupNames(of: origin) == [flow.backup(origin)])
        }
        #expect(state.allTables.count == 4)
        #expect(state.parameters.count == 2)
    }

    @Test("keep 2: the third apply destroys the oldest generation of each origin and moves the parameter")
    func keep() async throws {
        let w = try await Workspace.make()
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 2)))
        let origins = try await w.describe(flow.origins)

        var generationsAfterEachRun: [[String: [String]]] = []
        for run in 1...3 {
            if run > 1 { try await waitForNextSecond() }
            let result = try await w.dbcopy(["apply", "--auto-approve"])
            #expect(result.status == 0, "run \(run): \(result.stdout)\(result.stderr)")
            let summaries = [
                "Resources: 4 added, 0 changed, 0 destroyed.", "Resources: 2 added, 2 changed, 0 destroyed.",
                "Resources: 2 added, 2 changed, 2 destroyed.",
            ]
            #expect(result.stdout.hasSuffix("\nApply complete! \(summaries[run - 1])\n"))
            if run == 3, let previous = generationsAfterEachRun.last {
                for origin in flow.origins {
                    let oldest = try #require(previous[origin]?.first)
                    #expect(
                        result.stdout.contains(
                            "  # dynamodb_table.\(oldest) will be destroyed\n  - rotation: keeps the newest 2\n"))
                    #expect(
                        result.stdout.contains(
                            "  # ssm_parameter.\(flow.parameter(origin)) will be updated in-place\n  ~ value → "))
                }
            }
            let state = try await w.describe()
            generationsAfterEachRun.append(
                Dictionary(
                    uniqueKeysWithValues: flow.origins.map { ($0, flow.generations(of: $0, in: state.allTables)) }))
        }
        for origin in flow.origins {
            let runs = generationsAfterEachRun.map { $0[origin] ?? [] }
            #expect(runs.map(\.count) == [1, 2, 2])
            // The first generation is gone; the second and third stay.
            #expect(!runs[2].contains(runs[0][0]))
            #expect(runs[2].first == runs[1].last)
            #expect(!runs[1].contains(runs[2].last ?? ""))
        }
        let state = try await w.describe(flow.origins + flow.origins.flatMap { generationsAfterEachRun[2][$0] ?? [] })
        for origin in flow.origins {
            let newest = try #require(generationsAfterEachRun[2][origin]?.last)
            #expect(state.parameters[flow.parameter(origin)] == state.table(newest)?.arn)
            for generation in generationsAfterEachRun[2][origin] ?? [] {
                #expect(state.table(generation)?.items == origins.table(origin)?.items)
            }
            #expect(state.table(origin) == origins.table(origin))
        }
        #expect(state.allTables.count == 6)
    }

    @Test("a second apply within refresh leaves the generations and the parameters as they are")
    func refresh() async throws {
        let w = try await Workspace.make()
        let flow = ProductionToStaging(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job(keep: 1, ["refresh: 1h"])))
        try await w.applied()
        let applied = try await w.describe()
        try await waitForNextSecond()

        let second = try await w.dbcopy(["apply"])
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("No changes. Your infrastructure matches the configuration.\n"))
        let after = try await w.describe()
        #expect(after.allTables.sorted() == applied.allTables.sorted())
        #expect(after.parameters == applied.parameters)
    }
}
