import Foundation
import TestSupport
import Testing

/// The example plans and the agreement corpus (Tests/Fixtures/plans), each checked by the built
/// `dbcopy validate` and by Python's jsonschema against schemas/dbcopy-plan.schema.json.
@Suite("plans/ and the schema agreement corpus")
struct PlanCorpusTests {
    static let plansFolder = PackageLayout.root.appendingPathComponent("plans")
    static let validFolder = PackageLayout.fixture("plans/valid")
    static let invalidFolder = PackageLayout.fixture("plans/invalid")

    static func planFiles(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    /// File path → "valid" or "invalid: reason", from one run of the schema checker over every file.
    static let schemaVerdicts: [String: String] = {
        let paths = [plansFolder, validFolder, invalidFolder].flatMap { folder in
            planFiles(in: folder).map { folder.appendingPathComponent($0).path }
        }
        let schema = PackageLayout.root.appendingPathComponent("schemas/dbcopy-plan.schema.json").path
        guard let result = try? ProcessRunner.python("check_schema.py", [schema] + paths), result.status == 0 else {
            return [:]
        }
        var verdicts: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            if fields.count >= 2 { verdicts[fields[0]] = fields.dropFirst().joined(separator: ": ") }
        }
        return verdicts
    }()

    /// FILE → reason, from schema-cannot-express.txt.
    static let schemaBlindSpots: [String: String] = lines("schema-cannot-express.txt").reduce(into: [:]) {
        spots, line in
        let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
        if fields.count == 2 { spots[fields[0]] = fields[1] }
    }

    /// FILE → the diagnostics dbcopy must print for it, from expected-diagnostics.txt.
    static let expectedDiagnostics: [String: [String]] = lines("expected-diagnostics.txt").reduce(into: [:]) {
        expected, line in
        if let colon = line.firstIndex(of: ":") { expected[String(line[..<colon]), default: []].append(line) }
    }

    static func lines(_ name: String) -> [String] {
        let text = (try? String(contentsOf: PackageLayout.fixture("plans/\(name)"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    /// Runs the binary on `name` in `folder`; the diagnostics as `file:line:col: severity: message`.
    static func validate(_ name: String, in folder: URL) throws -> (valid: Bool, diagnostics: [String], status: Int32) {
        let result = try ProcessRunner.dbcopy(["validate", "--format", "json", name], workingDirectory: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = (report["diagnostics"] as? [[String: Any]]) ?? []
        let lines = entries.map { entry in
            let position = (entry["line"] as? Int).map { ":\($0):\(entry["column"] as? Int ?? 0)" } ?? ""
            return
                "\(entry["file"] as? String ?? "")\(position): \(entry["severity"] as? String ?? ""): \(entry["message"] as? String ?? "")"
        }
        return (report["valid"] as? Bool ?? false, lines, result.status)
    }

    @Test(
        "every example plan is valid for dbcopy validate and for the JSON Schema", arguments: planFiles(in: plansFolder)
    )
    func examplePlan(name: String) throws {
        let result = try ProcessRunner.dbcopy(["validate", "plans/\(name)"], workingDirectory: PackageLayout.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("plans/\(name): valid, "))
        #expect(Self.schemaVerdicts[Self.plansFolder.appendingPathComponent(name).path] == "valid")
    }

    @Test("the corpus is big enough and the example plans are all there")
    func corpusSize() {
        #expect(Self.planFiles(in: Self.validFolder).count >= 10)
        #expect(Self.planFiles(in: Self.invalidFolder).count >= 30)
        #expect(
            Self.planFiles(in: Self.plansFolder) == [
                "clients-to-dev.yaml", "demo.yaml", "every-key.yaml", "legacy.json", "production-to-staging.yaml",
            ])
    }

    @Test("valid fixtures: dbcopy and the schema both accept", arguments: planFiles(in: validFolder))
    func validFixture(name: String) throws {
        let result = try Self.validate(name, in: Self.validFolder)
        #expect(result.valid && result.status == 0, "\(result.diagnostics)")
        #expect(Self.schemaVerdicts[Self.validFolder.appendingPathComponent(name).path] == "valid")
    }

    @Test(
        "invalid fixtures: dbcopy prints exactly the expected errors; the schema rejects each unless it cannot express the rule",
        arguments: planFiles(in: invalidFolder))
    func invalidFixture(name: String) throws {
        let result = try Self.validate(name, in: Self.invalidFolder)
        #expect(!result.valid && result.status == 1)
        #expect(result.diagnostics == Self.expectedDiagnostics[name], "no or other expectations for \(name)")
        let verdict = try #require(Self.schemaVerdicts[Self.invalidFolder.appendingPathComponent(name).path])
        if Self.schemaBlindSpots[name] != nil {
            #expect(
                verdict == "valid",
                "\(name) is listed as beyond the schema, but the schema rejects it: drop it from the list")
        } else {
            #expect(verdict.hasPrefix("invalid"), "the schema accepts \(name), which dbcopy rejects")
        }
    }

    @Test("the blind-spot list names only invalid fixtures, and stays a small minority")
    func blindSpots() {
        let invalid = Set(Self.planFiles(in: Self.invalidFolder))
        #expect(Set(Self.schemaBlindSpots.keys).isSubset(of: invalid))
        #expect(Self.schemaBlindSpots.count * 3 < invalid.count)
        #expect(Set(Self.expectedDiagnostics.keys) == invalid)
    }
}
