import Foundation
import TestSupport
import Testing

/// Safeguard 5: a person types `yes` at the prompt, on a terminal, or `--auto-approve` was given.
/// Each test starts from a copy dbcopy made, so that what is at stake is a replacement (a delete).
@Suite("dbcopy apply: approval")
struct ApprovalTests {
    /// A workspace whose fixed-target copy exists, with the live state as it was after making it.
    private func madeCopy() async throws -> (Workspace, AWSProxy, ClientsToDev, LiveAWS) {
        let proxy = try await AWSProxy.start(settings: .transparent)
        let w = try await Workspace.make(proxy: proxy)
        let flow = ClientsToDev(prefix: w.prefix)
        try await w.seed(flow.seeds)
        try w.write(planFile(w.prefix, jobs: flow.job()))
        try await w.applied()
        try await proxy.resetStats()
        try await waitForNextSecond()
        return (w, proxy, flow, try await w.describe([flow.target]))
    }

    @Test("without a terminal and without --auto-approve, apply refuses: exit 3, nothing changed")
    func noTerminal() async throws {
        let (w, proxy, flow, before) = try await madeCopy()
        defer { Task { await proxy.stop() } }

        // Even "yes" on a pipe is not a person at a terminal.
        let result = try await w.dbcopy(["apply"], stdin: "yes\n")
        #expect(result.status == 3)
        #expect(result.stdout.contains("# dynamodb_table.\(flow.target) will be replaced"))
        #expect(!result.stdout.contains("Do you want to perform these actions?"))
        #expect(result.stderr.contains("apply needs approval: no terminal to ask on"))
        try await expectUnchanged(w, proxy, since: before, tables: [flow.target])
    }

    @Test("on a terminal, any answer but yes changes nothing: exit 3", arguments: ["no", "y", "YES", ""])
    func notApproved(answer: String) async throws {
        let (w, proxy, flow, before) = try await madeCopy()
        defer { Task { await proxy.stop() } }

        let result = try await w.dbcopyOnTerminal(["apply"], answer: answer)
        #expect(result.status == 3, "\(result.stdout)")
        #expect(result.stdout.contains("Do you want to perform these actions?"))
        #expect(result.stdout.contains("Only 'yes' will be accepted to approve."))
        #expect(result.stdout.contains("apply not approved (only 'yes' approves); nothing was changed"))
        try await expectUnchanged(w, proxy, since: before, tables: [flow.target])
    }

    @Test("on a terminal, yes carries out the plan")
    func approved() async throws {
        let (w, proxy, flow, before) = try await madeCopy()
        defer { Task { await proxy.stop() } }

        let result = try await w.dbcopyOnTerminal(["apply"], answer: "yes")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("Enter a value: yes"))
        #expect(result.stdout.contains("Apply complete! Resources: 3 added, 0 changed, 1 destroyed."))
        #expect(try await proxy.stats().dataDeletes.map(\.resource) == [flow.target])
        let copy = try #require(try await w.describe([flow.target]).table(flow.target))
        #expect(copy.items == ClientsToDev.items)
        #expect(copy.tags["dbcopy:created-at"] != before.table(flow.target)?.tags["dbcopy:created-at"])
    }
}
