import Foundation
import TestSupport
import Testing

/// `dbcopy validate` as a user runs it: whole output and exit code.
@Suite("dbcopy validate")
struct ValidateCommandTests {
    /// A fresh folder holding `files`, removed afterwards.
    func withFolder(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dbcopy-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try body(folder)
    }

    static let broken = """
        version: 1
        jobs:
          - name: copy
            origin: clients
            target: clients_copy
            capcity: {read: 3, write: 3}
            billing: ondemand

        """

    @Test("a valid plan: the summary on stdout, nothing on stderr, exit 0")
    func valid() throws {
        let result = try ProcessRunner.dbcopy(
            ["validate", "plans/production-to-staging.yaml"], workingDirectory: PackageLayout.root)
        #expect(result.stdout == "plans/production-to-staging.yaml: valid, 1 job\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("an invalid plan: every diagnostic with its source line and caret on stderr, the count on stdout, exit 1")
    func invalid() throws {
        try withFolder(["plan.yaml": Self.broken]) { folder in
            let result = try ProcessRunner.dbcopy(["validate", "plan.yaml"], workingDirectory: folder)
            #expect(
                result.stderr == """
                    plan.yaml:6:5: error: unknown key 'capcity' in a job (did you mean 'capacity'?)
                        capcity: {read: 3, write: 3}
                        ^
                    plan.yaml:7:14: error: 'billing' must be one of provisioned, on-demand; got 'ondemand' (did you mean 'on-demand'?)
                        billing: ondemand
                                 ^

                    """)
            #expect(result.stdout == "plan.yaml: 2 errors\n")
            #expect(result.status == 1)
        }
    }

    @Test("--format json: one report on stdout for CI annotations")
    func json() throws {
        try withFolder(["plan.yaml": Self.broken]) { folder in
            let result = try ProcessRunner.dbcopy(
                ["validate", "--format", "json", "plan.yaml"], workingDirectory: folder)
            #expect(
                result.stdout == """
                    {
                      "diagnostics" : [
                        {
                          "column" : 5,
                          "file" : "plan.yaml",
                          "line" : 6,
                          "message" : "unknown key 'capcity' in a job (did you mean 'capacity'?)",
                          "severity" : "error"
                        },
                        {
                          "column" : 14,
                          "file" : "plan.yaml",
                          "line" : 7,
                          "message" : "'billing' must be one of provisioned, on-demand; got 'ondemand' (did you mean 'on-demand'?)",
                          "severity" : "error"
                        }
                      ],
                      "error_count" : 2,
                      "valid" : false,
                      "warning_count" : 0
                    }

                    """)
            #expect(result.stderr == "")
            #expect(result.status == 1)
        }
    }

    @Test("without FILE, dbcopy.yaml in the working directory; warnings alone keep exit 0")
    func defaultFile() throws {
        let plan =
            "version: 1\njobs:\n  - name: copy\n    origin: clients\n    target: clients_copy\n"
            + "    source: {backup_arn: \"arn:aws:dynamodb:eu-west-1:123456789012:table/other/backup/01700000000000-abcdef12\"}\n"
        try withFolder(["dbcopy.yaml": plan]) { folder in
            let result = try ProcessRunner.dbcopy(["validate", "--no-color"], workingDirectory: folder)
            #expect(result.stdout == "dbcopy.yaml: valid, 1 job, 1 warning\n")
            #expect(
                result.stderr == """
                    dbcopy.yaml:6:14: warning: 'source.backup_arn' is a backup of 'other', not of the origin 'clients'; dbcopy restores it as the copy of 'clients'
                        source: {backup_arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/other/backup/01700000000000-abcdef12"}
                                 ^

                    """)
            #expect(result.status == 0)
        }
    }

    @Test("a missing file: exit 1, the reason and what to pass; in JSON with null line and column")
    func missing() throws {
        try withFolder([:]) { folder in
            let text = try ProcessRunner.dbcopy(["validate"], workingDirectory: folder)
            #expect(
                text.stderr
                    == "dbcopy.yaml: error: cannot read the plan file: No such file or directory; pass the plan "
                    + "file's path (by default dbcopy.yaml in the current folder)\n")
            #expect(text.stdout == "dbcopy.yaml: 1 error\n")
            #expect(text.status == 1)
            let json = try ProcessRunner.dbcopy(
                ["validate", "--format", "json", "gone.yaml"], workingDirectory: folder)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let entry = try #require((report["diagnostics"] as? [[String: Any]])?.first)
            #expect(entry["line"] is NSNull && entry["column"] is NSNull)
            #expect(entry["file"] as? String == "gone.yaml")
            #expect(report["valid"] as? Bool == false)
            #expect(json.status == 1)
        }
    }

    @Test("a bad --format is a usage error: exit 1")
    func badFormat() throws {
        let result = try ProcessRunner.dbcopy(["validate", "--format", "xml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("xml"))
    }
}
