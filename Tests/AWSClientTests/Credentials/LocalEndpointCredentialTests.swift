import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Container and instance-metadata credentials against a scripted local HTTP server.
@Suite("container and instance metadata credentials")
struct LocalEndpointCredentialTests {
    static let document =
        #"{"AccessKeyId":"AKIDLOCAL","SecretAccessKey":"local-secret","Token":"local-token","Expiration":"2030-01-01T00:00:00Z","Code":"Success"}"#

    static func session(_ environment: [String: String], debug: (@Sendable (String) -> Void)? = nil) throws
        -> AWSSession
    {
        try AWSSession(
            options: AWSSessionOptions(
                userAgent: "dbcopy/test", debug: debug, environment: TestSessions.bareEnvironment(environment)))
    }

    @Test("AWS_CONTAINER_CREDENTIALS_FULL_URI with the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
    func containerFullURI() async throws {
        let server = try ScriptedHTTPServer(routes: ["GET /creds": .init(body: Self.document)])
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token")
        try "file-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let collector = LineCollector()
        let session = try Self.session(
            [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url.absoluteString + "/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "env-token",
            ],
            debug: collector.sink)
        let credentials = try await session.credentials()
        #expect(
            credentials
                == Credentials(
                    accessKeyID: "AKIDLOCAL", secretAccessKey: "local-secret", sessionToken: "local-token",
                    expiration: Date(timeIntervalSince1970: 1_893_456_000)))
        let requests = try await server.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.header("Authorization") == "file-token")
        #expect(collector.lines.count == 1)
        #expect(collector.lines.first?.hasPrefix("debug: container GetCredentials 200 ") == true)
    }

    @Test("AWS_CONTAINER_AUTHORIZATION_TOKEN alone; a server error is an error, not a fall-through")
    func containerTokenAndErrors() async throws {
        let server = try ScriptedHTTPServer(routes: [
            "GET /ok": .init(body: Self.document), "GET /broken": .init(status: 500, body: "boom"),
        ])
        let ok = try Self.session([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url.absoluteString + "/ok",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "env-token",
        ])
        #expect(try await ok.credentials().accessKeyID == "AKIDLOCAL")
        #expect(try await server.requests().first?.header("Authorization") == "env-token")
        let broken = try Self.session(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url.absoluteString + "/broken"])
        await #expect(throws: CredentialError.self) { try await broken.credentials() }
    }

    @Test("plain-http full URIs must be loopback or the container agent")
    func containerURIRules() async throws {
        let session = try Self.session(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"])
        await #expect(throws: CredentialError.self) { try await session.credentials() }
    }

    @Test("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is appended to the container agent's address")
    func containerRelativeURI() async throws {
        let server = try ScriptedHTTPServer(routes: ["GET /v2/credentials/abc": .init(body: Self.document)])
        let environment = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]
        let options = AWSSessionOptions(userAgent: "dbcopy/test", environment: environment)
        // Only the agent's fixed address (169.254.170.2) is replaced, by the local server's.
        let provider = ContainerCredentialProvider(
            environment: environment, pipeline: RequestPipeline(options: options, retryPolicy: RetryPolicy()),
            relativeBase: server.url.absoluteString)
        #expect(try await provider.credentials().accessKeyID == "AKIDLOCAL")
        #expect(try await server.requests().map(\.path) == ["/v2/credentials/abc"])
    }

    @Test("IMDSv2: a token first, then the role and its credentials, each with the token")
    func instanceMetadataV2() async throws {
        let server = try ScriptedHTTPServer(routes: [
            "PUT /latest/api/token": .init(body: "imds-token"),
            "GET /latest/meta-data/iam/security-credentials/": .init(body: "my-role\n"),
            "GET /latest/meta-data/iam/security-credentials/my-role": .init(body: Self.document),
        ])
        let collector = LineCollector()
        let session = try Self.session(
            ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url.absoluteString],
            debug: collector.sink)
        #expect(try await session.credentials().accessKeyID == "AKIDLOCAL")
        let requests = try await server.requests()
        #expect(
            requests.map { "\($0.method) \($0.path)" } == [
                "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/my-role",
            ])
        #expect(requests[0].header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(requests[1].header("x-aws-ec2-metadata-token") == "imds-token")
        #expect(requests[2].header("x-aws-ec2-metadata-token") == "imds-token")
        #expect(
            collector.lines.map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == [
                "debug: imds GetToken 200", "debug: imds GetRoleName 200", "debug: imds GetCredentials 200",
            ])
    }

    @Test("IMDSv1 fallback when the token call is refused, unless AWS_EC2_METADATA_V1_DISABLED")
    func instanceMetadataV1() async throws {
        let server = try ScriptedHTTPServer(routes: [
            "PUT /latest/api/token": .init(status: 403),
            "GET /latest/meta-data/iam/security-credentials/": .init(body: "r"),
            "GET /latest/meta-data/iam/security-credentials/r": .init(body: Self.document),
        ])
        let base = [
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url.absoluteString + "/",
        ]
        #expect(try await Self.session(base).credentials().accessKeyID == "AKIDLOCAL")
        #expect(try await server.requests()[1].header("x-aws-ec2-metadata-token") == nil)
        let strict = try Self.session(base.merging(["AWS_EC2_METADATA_V1_DISABLED": "true"]) { $1 })
        await #expect(throws: CredentialError.self) { try await strict.credentials() }
    }

    @Test("no instance metadata answering, or AWS_EC2_METADATA_DISABLED: the chain reports nothing found")
    func instanceMetadataAbsent() async throws {
        let server = try ScriptedHTTPServer(routes: [:])
        let unreachable = try Self.session([
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9",
        ])
        await #expect(throws: CredentialError.self) { try await unreachable.credentials() }
        let disabled = try Self.session([
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url.absoluteString,
        ])
        await #expect(throws: CredentialError.self) { try await disabled.credentials() }
        #expect(try await server.requests().isEmpty)
    }
}
