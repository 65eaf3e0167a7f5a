import AWSClient
import Foundation
import TestSupport
import Testing

/// Shared config and credentials files, read directly (no network).
@Suite("shared config and credentials files")
struct SharedFilesTests {
    /// Writes the two files and returns the environment pointing at them.
    static func files(config: String, credentials: String = "", in directory: URL, extra: [String: String] = [:]) throws
        -> [String: String]
    {
        try config.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try credentials.write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        var environment = TestSessions.bareEnvironment([
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
        ])
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    static func session(_ environment: [String: String], profile: String? = nil) throws -> AWSSession {
        try AWSSession(
            options: AWSSessionOptions(
                profile: profile, userAgent: "dbcopy/test", environment: environment, transport: ScriptedTransport()))
    }

    @Test("profiles: [profile x] in config, [x] in credentials, credentials file first, comments and sub-sections")
    func profiles() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = """
            # a comment
            [default]
            region = eu-central-1
            [profile dev]
            region = us-west-2   ; inline comment
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            services = local
            [services local]
            dynamodb =
              endpoint_url = http://localhost:8000
            [dev]
            region = ignored-bare-section
            """
        let credentials = """
            [dev]
            aws_access_key_id = AKIDCREDS
            aws_secret_access_key = creds#secret
            aws_session_token = token
            """
        let environment = try Self.files(config: config, credentials: credentials, in: directory)
        let dev = try Self.session(environment, profile: "dev")
        #expect(try dev.resolveRegion(jobRegion: nil) == "us-west-2")
        let credentialsValue = try await dev.credentials()
        #expect(
            credentialsValue
                == Credentials(accessKeyID: "AKIDCREDS", secretAccessKey: "creds#secret", sessionToken: "token"))
        #expect(try dev.dynamoDB(region: "us-west-2").endpointURL.absoluteString == "http://localhost:8000")
        #expect(try dev.ssm(region: "us-west-2").region == "us-west-2")

        let byVariable = try Self.session(environment.merging(["AWS_PROFILE": "dev"]) { $1 })
        #expect(byVariable.profileName == "dev")
        let fallback = try Self.session(environment)
        #expect(try fallback.resolveRegion(jobRegion: nil) == "eu-central-1")
        #expect(throws: ConfigurationError.self) { try Self.session(environment, profile: "nope") }
    }

    @Test("static keys in the config file are used when nothing else is there")
    func configFileKeys() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = try Self.files(
            config: "[profile c]\naws_access_key_id = AKIDC\naws_secret_access_key = s\n", in: directory)
        #expect(try await Self.session(environment, profile: "c").credentials().accessKeyID == "AKIDC")
    }

    @Test("credential_process: JSON version 1 with expiration; failures say why without printing output")
    func credentialProcess() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func script(_ name: String, _ body: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return url.path
        }
        let good = try script(
            "good.sh",
            #"echo "{\"Version\": 1, \"AccessKeyId\": \"AKIDP\", \"SecretAccessKey\": \"$1\", \"SessionToken\": \"T\", \"Expiration\": \"2030-01-01T00:00:00Z\"}""#
        )
        let failing = try script("fail.sh", "echo 'SECRET-ON-STDOUT'; echo 'vault is locked' >&2; exit 3")
        let wrongVersion = try script("v2.sh", #"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"}'"#)
        let config = """
            [profile good]
            credential_process = \(good) "secret with spaces"
            [profile failing]
            credential_process = \(failing)
            [profile v2]
            credential_process = \(wrongVersion)
            """
        let environment = try Self.files(config: config, in: directory)
        let credentials = try await Self.session(environment, profile: "good").credentials()
        #expect(credentials.accessKeyID == "AKIDP")
        #expect(credentials.secretAccessKey == "secret with spaces")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
        do {
            _ = try await Self.session(environment, profile: "failing").credentials()
            Issue.record("a failing credential_process gave credentials")
        } catch let error as CredentialError {
            #expect(
                error.description
                    == "profile failing: credential_process \(failing) exited with status 3: vault is locked")
            #expect(!error.description.contains("SECRET-ON-STDOUT"))
        }
        await #expect(throws: CredentialError.self) { try await Self.session(environment, profile: "v2").credentials() }
    }

    @Test("INI sections and command lines parse as the AWS CLI's do")
    func commandSplitting() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = try Self.files(
            config: "[profile q]\ncredential_process = /bin/sh -c 'exit 0' \"unterminated\n", in: directory)
        await #expect(throws: CredentialError.self) { try await Self.session(environment, profile: "q").credentials() }
    }

    @Test("role_arn needs a source; source_profile loops and missing profiles are errors")
    func roleConfigurationErrors() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = """
            [profile nosource]
            role_arn = arn:aws:iam::123456789012:role/r
            [profile a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = a
            [profile missing]
            role_arn = arn:aws:iam::123456789012:role/m
            source_profile = ghost
            [profile badsource]
            role_arn = arn:aws:iam::123456789012:role/m
            credential_source = Somewhere
            """
        let environment = try Self.files(config: config, in: directory)
        for (profile, fragment) in [
            ("nosource", "needs source_profile"), ("a", "chain loops: a -> b -> a"),
            ("missing", "source_profile ghost does not exist"),
            ("badsource", "credential_source Somewhere"),
        ] {
            do {
                _ = try await Self.session(environment, profile: profile).credentials()
                Issue.record("profile \(profile) gave credentials")
            } catch let error as CredentialError {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
    }
}
