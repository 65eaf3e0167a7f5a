import AWSClient
import Foundation
import TestSupport
import Testing

/// The sources that call STS, against the local endpoint.
@Suite("web identity and role credentials against the local endpoint")
struct STSCredentialTests {
    static func environment(_ extra: [String: String]) async throws -> [String: String] {
        var environment = try await LocalAWSEndpoint.shared.environment(extra: extra)
        environment["AWS_ACCESS_KEY_ID"] = extra["AWS_ACCESS_KEY_ID"]
        environment["AWS_SECRET_ACCESS_KEY"] = extra["AWS_SECRET_ACCESS_KEY"]
        return environment
    }

    @Test("AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE: AssumeRoleWithWebIdentity, unsigned")
    func webIdentityFromEnvironment() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token")
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let collector = LineCollector()
        let environment = try await Self.environment([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path,
            "AWS_ROLE_SESSION_NAME": "pipeline-42",
        ])
        let session = try AWSSession(
            options: AWSSessionOptions(userAgent: "dbcopy/test", debug: collector.sink, environment: environment))
        let credentials = try await session.credentials()
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
        #expect(collector.lines.first?.hasPrefix("debug: sts AssumeRoleWithWebIdentity 200 ") == true)
        let identity = try await session.sts(region: LocalAWSEndpoint.region).getCallerIdentity()
        #expect(identity.arn.contains("ci/pipeline-42"))
    }

    @Test("role_arn + source_profile, chained twice, and credential_source Environment")
    func assumeRoleChains() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = """
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = base-secret
            [profile first]
            role_arn = arn:aws:iam::123456789012:role/first
            source_profile = base
            role_session_name = one
            [profile second]
            role_arn = arn:aws:iam::123456789012:role/second
            source_profile = first
            role_session_name = two
            external_id = ext
            duration_seconds = 900
            [profile fromenv]
            role_arn = arn:aws:iam::123456789012:role/fromenv
            credential_source = Environment
            role_session_name = env
            [profile web]
            role_arn = arn:aws:iam::123456789012:role/web
            web_identity_token_file = \(directory.appendingPathComponent("token").path)
            role_session_name = webprofile
            """
        try config.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "token-value".write(to: directory.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let collector = LineCollector()
        let environment = try await Self.environment([
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
        ])
        let second = try AWSSession(
            options: AWSSessionOptions(
                profile: "second", userAgent: "dbcopy/test", debug: collector.sink, environment: environment))
        let identity = try await second.sts(region: LocalAWSEndpoint.region).getCallerIdentity()
        #expect(identity.arn.hasSuffix(":assumed-role/second/two"))
        // first's role is assumed with base's keys, then second's with first's credentials.
        #expect(collector.lines.filter { $0.hasPrefix("debug: sts AssumeRole 200") }.count == 2)

        for (profile, suffix) in [("fromenv", "fromenv/env"), ("web", "web/webprofile")] {
            let session = try AWSSession(
                options: AWSSessionOptions(profile: profile, userAgent: "dbcopy/test", environment: environment))
            #expect(try await session.sts(region: LocalAWSEndpoint.region).getCallerIdentity().arn.hasSuffix(suffix))
        }
    }
}
