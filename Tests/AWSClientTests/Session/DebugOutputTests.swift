import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("--debug output")
struct DebugOutputTests {
    static let secretKey = "debugSecretKey/DoNotPrint+0123456789"
    static let sessionToken = "debugSessionToken//DoNotPrint=="
    static var linePattern: Regex<(Substring, Substring, Substring, Substring?)> {
        #/^debug: (dynamodb|ssm|sts) [A-Za-z]+ (\d{3}|ERR) \d+ms attempt=\d+ request-id=\S+( error=.*)?$/#
    }

    static func assertNoSecrets(_ lines: [String], _ secrets: [String]) {
        for line in lines {
            for secret in secrets { #expect(!line.contains(secret), "secret in: \(line)") }
            #expect(!line.contains("Authorization"))
            #expect(!line.contains("AWS4-HMAC-SHA256"))
            #expect(!line.contains("Signature="))
        }
    }

    @Test("one line per HTTP attempt with service, operation, status, latency, attempt, request id; no secret")
    func linesAgainstLocalEndpoint() async throws {
        let collector = LineCollector()
        let session = try await TestSessions.local(
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIDDEBUGTEST", "AWS_SECRET_ACCESS_KEY": Self.secretKey,
                "AWS_SESSION_TOKEN": Self.sessionToken,
            ],
            debug: collector.sink)
        let dynamodb = try session.dynamoDB(region: LocalAWSEndpoint.region)
        _ = try await dynamodb.listTables()
        _ = try? await dynamodb.describeTable(tableName: uniqueName("absent"))
        _ = try await session.sts(region: LocalAWSEndpoint.region).getCallerIdentity()
        let lines = collector.lines
        #expect(lines.count == 3)
        for line in lines { #expect(line.wholeMatch(of: Self.linePattern) != nil, "\(line)") }
        #expect(lines[0].hasPrefix("debug: dynamodb ListTables 200 "))
        #expect(lines[1].hasPrefix("debug: dynamodb DescribeTable 400 "))
        #expect(lines[2].hasPrefix("debug: sts GetCallerIdentity 200 "))
        #expect(!lines[0].hasSuffix("request-id=-"))
        Self.assertNoSecrets(lines, [Self.secretKey, Self.sessionToken])
    }

    @Test("credential_process output never reaches the debug lines")
    func credentialProcessSecrets() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("creds.sh")
        try """
        #!/bin/sh
        echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "\(Self.secretKey)", "SessionToken": "\(Self.sessionToken)"}'
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let config = directory.appendingPathComponent("config")
        try "[profile proc]\ncredential_process = \(script.path)\n".write(to: config, atomically: true, encoding: .utf8)
        let collector = LineCollector()
        var environment = try await LocalAWSEndpoint.shared.environment(extra: ["AWS_CONFIG_FILE": config.path])
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        let session = try AWSSession(
            options: AWSSessionOptions(
                profile: "proc", userAgent: "dbcopy/test", debug: collector.sink, environment: environment))
        #expect(try await session.credentials().accessKeyID == "AKIDPROCESS")
        _ = try await session.dynamoDB(region: LocalAWSEndpoint.region).listTables()
        #expect(collector.lines.count == 1)
        Self.assertNoSecrets(collector.lines, [Self.secretKey, Self.sessionToken])
    }

    @Test("a transport failure prints ERR with curl's error, once per attempt")
    func transportFailureLine() async throws {
        let collector = LineCollector()
        let transport = ScriptedTransport(fallback: { _ in
            .failure(TransportError(kind: .connection, curlCode: 7, message: "Connection refused"))
        })
        let session = try TestSessions.scripted(transport, debug: collector.sink)
        _ = try? await session.dynamoDB(region: "eu-west-1").describeTable(tableName: "t")
        #expect(collector.lines.count == 3)
        for (index, line) in collector.lines.enumerated() {
            #expect(line.wholeMatch(of: Self.linePattern) != nil, "\(line)")
            #expect(line.hasPrefix("debug: dynamodb DescribeTable ERR "))
            #expect(line.hasSuffix("attempt=\(index + 1) request-id=- error=Connection refused (curl error 7)"))
        }
    }

    @Test("credentials print redacted")
    func credentialsDescription() {
        let credentials = Credentials(
            accessKeyID: "AKID", secretAccessKey: Self.secretKey, sessionToken: Self.sessionToken)
        for text in ["\(credentials)", String(reflecting: credentials)] {
            #expect(!text.contains(Self.secretKey))
            #expect(!text.contains(Self.sessionToken))
        }
    }
}
