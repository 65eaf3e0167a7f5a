import Testing

@testable import DBCopyKit

@Suite("The legacy single-job JSON document")
struct LegacyPlanTests {
    @Test("read as one job: replace adopt, provisioned at the desired capacity, the backup name literally")
    func fullDocument() throws {
        let text = """
            {"originTableName": "clients", "backupName": "clients-for-dev", "targetTableName": "Clients.Restored",
             "desiredReadCapacityUnits": 3, "desiredWriteCapacityUnits": 4}
            """
        let document = try #require(loadPlan(text, path: "legacy.json").document)
        #expect(document.format == .legacyJSON)
        let job = try #require(document.jobs.first)
        #expect(document.jobs.count == 1)
        #expect(job.name == "clients-restored")
        #expect(job.origin == .table("clients"))
        #expect(job.destination == .table("Clients.Restored"))
        #expect(job.replace == .adopt)
        #expect(job.billing == .provisioned)
        #expect(job.capacity == Capacity(read: 3, write: 4))
        #expect(job.backupName.raw == "clients-for-dev")
        #expect(job.backupName.recognise("clients-for-dev", job: job.name, origin: "clients") != nil)
        #expect(job.keyMarks["target"] == SourceMark(file: "legacy.json", line: 1, column: 65))
    }

    @Test("without backupName and capacity: the default backup name, billing as the origin")
    func minimal() throws {
        let job = try #require(
            loadPlan(#"{"originTableName": "clients", "targetTableName": "dev_clients"}"#).document?.jobs.first)
        #expect(job.backupName == NameTemplate.defaultBackupName)
        #expect(job.billing == nil && job.capacity == nil)
        #expect(job.name == "dev_clients")
    }

    @Test(
        "job names derived from the target",
        arguments: [
            ("clients_restored", "clients_restored"), ("Clients.Restored", "clients-restored"), ("__x.y", "x-y"),
            ("...", "legacy"),
        ])
    func jobNames(target: String, name: String) {
        #expect(LegacyPlan.jobName(forTarget: target) == name)
        #expect(NameRules.jobNameProblem(LegacyPlan.jobName(forTarget: target)) == nil)
    }

    @Test("unknown keys get suggestions from the legacy keys; the target may not be the origin")
    func errors() {
        #expect(
            diagnosticLines(
                #"{"originTableName": "clients", "targetTablename": "x_copy", "desiredReadCapacityUnits": 0}"#) == [
                    "plan.yaml:1:1: error: the legacy document needs 'targetTableName': the name of the table the copy replaces",
                    "plan.yaml:1:1: error: desiredReadCapacityUnits and desiredWriteCapacityUnits go together; give both, "
                        + "or neither to keep the origin's billing",
                    "plan.yaml:1:32: error: unknown key 'targetTablename' in the legacy document (did you mean 'targetTableName'?)",
                    "plan.yaml:1:89: error: 'desiredReadCapacityUnits' must be a whole number from 1 to 40000; got 0",
                ])
        #expect(
            diagnosticLines(#"{"originTableName": "clients", "targetTableName": "clients"}"#) == [
                "plan.yaml:1:32: error: 'targetTableName' is the origin table; an origin is never replaced: copy to another table"
            ])
    }
}
