import Foundation
import TestSupport
import Testing

/// The same promise for the other places credentials come from (a profile's static keys, a
/// `credential_process`) and for the failure paths, where a message quoting what it got is
/// most tempting: a credential process that fails or prints nonsense, an unreachable endpoint,
/// and AWS's own signature-mismatch error, which quotes the signed headers, session token
/// included.
@Suite("No secret in any output: credential sources and failures", .serialized)
struct CredentialSourceLeakTests {
    let secrets = TestSecrets.random()

    /// A folder with a plan file of one job over a seeded table, and an isolated environment
    /// without credential variables (each test adds its own source).
    private func setUp() async throws -> (folder: URL, environment: [String: String]) {
        let endpoint = try await LocalAWSEndpoint.shared.endpointURL()
        let origin = uniqueName("leak-src")
        let arguments = [
            "--endpoint", endpoint.absoluteString, "tables", #"[{"name": "\#(origin)", "key": "id", "items": 2}]"#,
        ]
        let seeded = try await offPool { try ProcessRunner.python("seed_tables.py", arguments) }
        #expect(seeded.status == 0, "seeding failed: \(seeded.stderr)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("dbcopy-leak"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = "version: 1\njobs:\n  - {name: copy, origin: \(origin), target: \(origin)-copy, region: eu-west-1}\n"
        try Data(plan.utf8).write(to: folder.appendingPathComponent("dbcopy.yaml"))
        var environment = try await secrets.environment(endpoint: .shared)
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
            environment.removeValue(forKey: name)
        }
        return (folder, environment)
    }

    /// Runs `plan --format json --debug -v --profile leak` and checks both streams.
    private func planWithProfile(_ folder: URL, _ environment: [String: String]) async throws -> ProcessResult {
        let result = try await offPool {
            try ProcessRunner.dbcopy(
                ["plan", "--format", "json", "--profile", "leak", "--debug", "-v"], environment: environment,
                workingDirectory: folder)
        }
        for (source, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let leaks = secrets.leaks(in: text, from: source)
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "; "))")
        }
        return result
    }

    private var credentialJSON: String {
        #"{"Version": 1, "AccessKeyId": "\#(secrets.accessKeyID)", "SecretAccessKey": "\#(secrets.secretAccessKey)", "#
            + #""SessionToken": "\#(secrets.sessionToken)", "Expiration": "2099-01-01T00:00:00Z"}"#
    }

    @Test("static keys and a session token in the shared credentials file")
    func profileFile() async throws {
        var (folder, environment) = try await setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("credentials")
        try Data(
            """
            [leak]
            aws_access_key_id = \(secrets.accessKeyID)
            aws_secret_access_key = \(secrets.secretAccessKey)
            aws_session_token = \(secrets.sessionToken)

            """.utf8
        ).write(to: file)
        environment["AWS_SHARED_CREDENTIALS_FILE"] = file.path
        let result = try await planWithProfile(folder, environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(debugLines(result.stderr).contains { isCompleteDebugLine($0) && $0.contains(" DescribeTable ") })
    }

    @Test(
        "credential_process: working, failing after printing credentials, printing broken JSON",
        arguments: [("ok", 0), ("status", 1), ("broken", 0)])
    func credentialProcess(variant: String, exitStatus: Int) async throws {
        var (folder, environment) = try await setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        // "broken" drops the closing brace: the credentials are there, the JSON is not valid.
        let printed = variant == "broken" ? String(credentialJSON.dropLast()) : credentialJSON
        let script = folder.appendingPathComponent("credentials.sh")
        try Data("#!/bin/sh\ncat <<'EOF'\n\(printed)\nEOF\nexit \(exitStatus)\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let config = folder.appendingPathComponent("config")
        try Data("[profile leak]\ncredential_process = \(script.path)\n".utf8).write(to: config)
        environment["AWS_CONFIG_FILE"] = config.path
        let result = try await planWithProfile(folder, environment)
        if variant == "ok" {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(debugLines(result.stderr).contains { isCompleteDebugLine($0) && $0.contains(" DescribeTable ") })
        } else {
            // The failure is reported (naming the process), so the scan above read a real error.
            #expect(result.status == 1)
            #expect(result.stderr.contains("credential_process"), "\(result.stderr)")
        }
    }

    @Test("an unreachable endpoint: the transport error and its --debug line")
    func unreachable() async throws {
        var (folder, environment) = try await setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        environment["AWS_ACCESS_KEY_ID"] = secrets.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = secrets.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = secrets.sessionToken
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        let result = try await offPool { [environment, folder] in
            try ProcessRunner.dbcopy(["plan", "--debug", "-v"], environment: environment, workingDirectory: folder)
        }
        #expect(result.status == 1)
        #expect(debugLines(result.stderr).contains { $0.contains(" ERR ") }, "\(result.stderr)")
        for (source, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let leaks = secrets.leaks(in: text, from: source)
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "; "))")
        }
    }

    @Test("AWS's signature-mismatch error quotes the session token; dbcopy prints the error without it")
    func signatureMismatch() async throws {
        var (folder, environment) = try await setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        // What DynamoDB answers when the signature does not match: the canonical request it
        // expected, signed headers and their values (x-amz-security-token among them) included.
        let message =
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            + "Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String "
            + "for this request should have been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.0\n"
            + "host:127.0.0.1\nx-amz-date:20261122T101500Z\nx-amz-security-token:\(secrets.sessionToken)\n"
            + "x-amz-target:DynamoDB_20120810.DescribeTable\n\ncontent-type;host;x-amz-date;x-amz-security-token;"
            + "x-amz-target\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n\nThe String-to-Sign "
            + "should have been\n'AWS4-HMAC-SHA256\n20261122T101500Z\n20261122/eu-west-1/dynamodb/aws4_request\n"
            + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'\n"
        let body = try JSONSerialization.data(withJSONObject: [
            "__type": "com.amazon.coral.service#InvalidSignatureException", "message": message,
        ])
        let server = try ScriptedHTTPServer(routes: [
            "POST /": .init(
                status: 400, body: String(decoding: body, as: UTF8.self),
                headers: ["Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "SIGMISMATCH0REQUEST0ID"])
        ])
        environment["AWS_ACCESS_KEY_ID"] = secrets.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = secrets.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = secrets.sessionToken
        environment["AWS_ENDPOINT_URL"] = server.url.absoluteString
        environment["AWS_MAX_ATTEMPTS"] = "1"
        let result = try await offPool { [environment, folder] in
            try ProcessRunner.dbcopy(["plan", "--debug", "-v"], environment: environment, workingDirectory: folder)
        }
        #expect(result.status == 1)
        // The error itself is still there, request id and all: only the secret is gone.
        #expect(result.stderr.contains("InvalidSignatureException"), "\(result.stderr)")
        #expect(result.stderr.contains("SIGMISMATCH0REQUEST0ID"), "\(result.stderr)")
        for (source, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let leaks = secrets.leaks(in: text, from: source)
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "; "))")
        }
    }
}
