import DBCopyKit
import Foundation
import Testing

@Suite("Render: plan JSON")
struct PlanJSONRendererTests {
    @Test("the JSON document matches its golden file", arguments: RenderScenario.all)
    func golden(_ scenario: RenderScenario) throws {
        GoldenFile.check(try PlanJSONRenderer().render(scenario.plan), against: "plan/\(scenario.name).json")
    }

    @Test("encode → decode gives back the same plan", arguments: RenderScenario.all)
    func roundTrip(_ scenario: RenderScenario) throws {
        let data = try scenario.plan.encodedJSON()
        #expect(try Plan.decode(fromJSON: data) == scenario.plan)
        // And decoding is stable: the re-encoded document is byte-identical.
        #expect(try Plan.decode(fromJSON: data).encodedJSON() == data)
    }

    /// Every optional and every enum payload filled in, so that a stored property the encoder
    /// forgets shows up as a round-trip failure.
    @Test("every field survives, including acronyms, user tags and point-in-time sources")
    func everyField() throws {
        var plan = PlanFixtures.plan([replaceWithSafetyBackup], selectedJobs: ["clients-to-dev"])
        let step = RestoreStep(
            target: "t",
            source: .pointInTime(table: "clients", tableARN: PlanFixtures.tableARN("clients"), at: PlanFixtures.now),
            replacing: ReplacedTable(
                arn: "arn:x", createdAt: PlanFixtures.now, safetyBackupName: nil, disableDeletionProtection: true,
                adopt: true),
            resume: true, billing: .provisioned, capacity: Capacity(read: 5, write: 6),
            indexes: ["by_email": Capacity(read: 1, write: 2), "ByName": Capacity(read: 3, write: 4)],
            encryption: .customerManaged(kmsKey: "alias/dbcopy"),
            tags: ["cost_center": "42", "Team": "crm", "dbcopy:job": "j", "aws_like_key": "v"],
            ttlAttribute: "expires_at",
            pointInTimeRecovery: true, deletionProtection: false, tableClass: .standardInfrequentAccess)
        plan.jobs[0].copies[0].changes.append(
            ResourceChange(
                kind: .dynamodbTable, name: "t", action: .update, reason: "r", details: ["d"], refusal: "no",
                operation: .restoreTable(step)))
        plan.jobs[0].copies[0].changes.append(
            ResourceChange(
                kind: .dynamodbTable, name: "u", action: .create, reason: "r",
                operation: .restoreTable(
                    RestoreStep(
                        target: "u", source: .backup(arn: "arn:b", name: "b", inProgress: true), billing: .onDemand,
                        capacity: nil, encryption: .awsManaged, tags: [:]))))
        plan.jobs[0].copies[0].changes.append(
            ResourceChange(
                kind: .dynamodbTable, name: "v", action: .create, reason: "r",
                operation: .restoreTable(
                    RestoreStep(
                        target: "v", source: .pointInTime(table: "clients", tableARN: "arn:c", at: nil),
                        billing: .onDemand, capacity: nil, encryption: .awsOwned, tags: [:]))))
        plan.diagnostics = [.warning("w", at: SourceMark(file: "f.yaml", line: 1, column: 2))]
        let data = try plan.encodedJSON()
        #expect(try Plan.decode(fromJSON: data) == plan)

        let text = String(decoding: data, as: UTF8.self)
        for key in [
            "\"origin_arn\"", "\"table_arn\"", "\"format_version\"", "\"wait_timeout_seconds\"", "\"in_progress\"",
        ] {
            #expect(text.contains(key), "\(key)")
        }
        // Dictionary keys are data, not property names: neither strategy may touch them.
        for key in ["\"cost_center\"", "\"Team\"", "\"ByName\"", "\"by_email\"", "\"aws_like_key\""] {
            #expect(text.contains(key), "\(key)")
        }
        #expect(!text.contains("originARN") && !text.contains("\\/"))
    }

    @Test("computed fields are written, and ignored when decoding")
    func computedFields() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: refusal.encodedJSON()) as? [String: Any])
        #expect(object["applyable"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["add"] as? Int == 2)
        #expect(summary["refused"] as? Int == 2)
        #expect(summary["replacements"] as? [String] == [])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["kind"] as? String == "dbcopy-plan")
        #expect((object["plan_file"] as? [String: Any])?["digest"] as? String == PlanFixtures.digest)
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        let copies = try #require(jobs.first?["copies"] as? [[String: Any]])
        let changes = try #require(copies.first?["changes"] as? [[String: Any]])
        #expect(
            changes.map { $0["address"] as? String } == [
                "dynamodb_backup.dbcopy-clients-to-dev-20261122-10-15-00", "dynamodb_table.clients_restored",
            ])
        #expect(changes.map { $0["refused"] as? Bool } == [false, true])
        #expect((changes.first?["operation"] as? [String: Any])?["type"] as? String == "create_backup")

        // Hand-edited computed fields change nothing: they are recomputed from the plan.
        var edited = object
        edited["applyable"] = true
        edited["summary"] = ["add": 99]
        let decoded = try Plan.decode(fromJSON: JSONSerialization.data(withJSONObject: edited))
        #expect(decoded == refusal && !decoded.applyable)
    }

    @Test("dates: whole seconds stay short, milliseconds are kept (saved-plan preconditions compare them)")
    func dates() throws {
        var plan = PlanFixtures.plan([fresh])
        let created = Date(timeIntervalSince1970: 1_763_806_500.734)
        plan.jobs[0].copies[0].preconditions = [
            .table(
                TableSnapshot(name: "clients", arn: PlanFixtures.tableARN("clients"), createdAt: created),
                region: "eu-west-1")
        ]
        let text = String(decoding: try plan.encodedJSON(), as: UTF8.self)
        #expect(text.contains("\"created_at\" : \"2026-11-22T10:15:00Z\""))
        #expect(text.contains("\"created_at\" : \"2025-11-22T10:15:00.734Z\""))
        let decoded = try Plan.decode(fromJSON: Data(text.utf8))
        let date = try #require(decoded.jobs[0].copies[0].preconditions[0].createdAt)
        #expect(abs(date.timeIntervalSince(created)) < 0.000_001)
        #expect(
            decoded.jobs[0].copies[0].preconditions[0].holds(
                forTable: TableSnapshot(name: "clients", arn: PlanFixtures.tableARN("clients"), createdAt: created)))
    }

    @Test("a document that is not a current plan is refused with a clear message")
    func decodeErrors() throws {
        #expect(throws: PlanJSONError.notAPlan(kind: "something-else")) {
            try Plan.decode(fromJSON: Data(#"{"kind": "something-else", "format_version": 1}"#.utf8))
        }
        #expect(throws: PlanJSONError.notAPlan(kind: nil)) { try Plan.decode(fromJSON: Data("{}".utf8)) }
        #expect(throws: PlanJSONError.self) { try Plan.decode(fromJSON: Data("not json".utf8)) }
        #expect(throws: PlanJSONError.unsupportedFormatVersion(2)) {
            try Plan.decode(fromJSON: Data(#"{"kind": "dbcopy-plan", "format_version": 2}"#.utf8))
        }
        var object = try #require(try JSONSerialization.jsonObject(with: designExample.encodedJSON()) as? [String: Any])
        var jobs = try #require(object["jobs"] as? [[String: Any]])
        var copies = try #require(jobs[0]["copies"] as? [[String: Any]])
        copies[0].removeValue(forKey: "origin_arn")
        copies[0].removeValue(forKey: "wait_timeout_seconds")
        jobs[0]["copies"] = copies
        object["jobs"] = jobs
        let error = try #require(throws: PlanJSONError.self) {
            try Plan.decode(fromJSON: JSONSerialization.data(withJSONObject: object))
        }
        #expect(error == .malformed(where: ".jobs[0].copies[0]", problem: "missing wait_timeout_seconds"))
        #expect("\(error)" == "saved plan is malformed at .jobs[0].copies[0]: missing wait_timeout_seconds")
    }
}
