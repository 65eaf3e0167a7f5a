import Foundation
import TestSupport
import Testing

/// `plan` and `apply` with `--debug` and `-v` on, with a secret key and a session token in the
/// environment, print no part of either, nor of the key id: not on stdout, not on stderr, not
/// in JSON, not in a saved plan.
@Suite("No secret in any output: --debug, -v, JSON, saved plans", .serialized)
struct SecretLeakTests {
    let secrets = TestSecrets.random()

    /// A folder with a plan file of two jobs over two seeded tables: one applied from a saved
    /// plan (JSON), one applied from the plan file (text).
    private func seededPlan() async throws -> (folder: URL, plan: URL, jobs: [String]) {
        let endpoint = try await LocalAWSEndpoint.shared.endpointURL()
        let origins = [uniqueName("leak-a"), uniqueName("leak-b")]
        let spec = origins.map { #"{"name": "\#($0)", "key": "id", "items": 3, "capacity": [2, 2]}"# }
        let arguments = ["--endpoint", endpoint.absoluteString, "tables", "[\(spec.joined(separator: ","))]"]
        let seeded = try await offPool { try ProcessRunner.python("seed_tables.py", arguments) }
        #expect(seeded.status == 0, "seeding failed: \(seeded.stderr)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("dbcopy-leak"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let jobs = ["saved-json", "file-text"]
        var text = "version: 1\njobs:\n"
        for (job, origin) in zip(jobs, origins) {
            text += "  - {name: \(job), origin: \(origin), target: \(origin)-copy, region: eu-west-1}\n"
        }
        let plan = folder.appendingPathComponent("dbcopy.yaml")
        try Data(text.utf8).write(to: plan)
        return (folder, plan, jobs)
    }

    private func dbcopy(_ arguments: [String], _ environment: [String: String], in folder: URL) async throws
        -> ProcessResult
    {
        try await offPool {
            try ProcessRunner.dbcopy(
                arguments + ["--debug", "-v", "--no-color"], environment: environment, workingDirectory: folder)
        }
    }

    @Test("plan (text, json, markdown, --out) and apply (json from a saved plan, text) leak nothing")
    func planAndApply() async throws {
        let (folder, plan, jobs) = try await seededPlan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = try await secrets.environment(endpoint: .shared)
        let saved = folder.appendingPathComponent("saved.json")
        var outputs: [(String, String)] = []
        func record(_ name: String, _ result: ProcessResult, calls: [String]) {
            #expect(result.status == 0, "\(name) exited \(result.status): \(result.stderr)")
            outputs.append(("\(name) stdout", result.stdout))
            outputs.append(("\(name) stderr", result.stderr))
            // The check only means something if --debug and -v did print: one complete line per
            // call, and the calls this command must make.
            let lines = debugLines(result.stderr)
            #expect(!lines.isEmpty, "\(name) printed no --debug line")
            for line in lines { #expect(isCompleteDebugLine(line), "\(name): incomplete debug line '\(line)'") }
            for call in calls {
                #expect(lines.contains { $0.contains(" \(call) ") }, "\(name): no --debug line for \(call)")
            }
        }

        let reads = ["DescribeTable", "ListBackups"]
        record("plan", try await dbcopy(["plan", plan.path], environment, in: folder), calls: reads)
        record(
            "plan --format markdown", try await dbcopy(["plan", "--format", "markdown"], environment, in: folder),
            calls: reads)
        let json = try await dbcopy(
            ["plan", "--format", "json", "--job", jobs[0], "--out", saved.path], environment, in: folder)
        record("plan --format json --out", json, calls: reads)
        #expect(json.stderr.contains("Read live state:"), "-v printed nothing")
        let savedText = try String(contentsOf: saved, encoding: .utf8)
        outputs.append(("the saved plan", savedText))

        let writes = ["CreateBackup", "RestoreTableFromBackup"]
        let applySaved = try await dbcopy(
            ["apply", saved.path, "--auto-approve", "--format", "json"], environment, in: folder)
        // A saved plan is re-checked (DescribeTable), not planned again (no ListBackups).
        record("apply SAVED --format json", applySaved, calls: ["DescribeTable"] + writes)
        #expect(applySaved.stdout.contains(#""type":"summary""#))
        let applyText = try await dbcopy(["apply", "--auto-approve", "--job", jobs[1]], environment, in: folder)
        record("apply (text)", applyText, calls: reads + writes)
        #expect(applyText.stdout.contains("Apply complete"), "text apply did not finish: \(applyText.stdout)")

        for (source, text) in outputs {
            let leaks = secrets.leaks(in: text, from: source)
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "; "))")
        }
        try expectNoCredentialFields(in: Data(savedText.utf8))
    }

    /// A saved plan has no key that could hold a credential, at any depth (values are checked
    /// by the leak scan; this catches a field added for later use that is empty today).
    private func expectNoCredentialFields(in data: Data) throws {
        var keys: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                keys += object.keys
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: data))
        #expect(!keys.isEmpty)
        let suspicious = keys.filter { key in
            ["secret", "token", "credential", "access_key", "accesskey", "password", "authorization"].contains {
                key.lowercased().contains($0)
            }
        }
        #expect(suspicious.isEmpty, "the saved plan has credential-like keys: \(suspicious)")
    }
}
