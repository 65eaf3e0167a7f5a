import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("the credential chain")
struct CredentialChainTests {
    static func session(
        _ environment: [String: String], profile: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> AWSSession {
        try AWSSession(
            options: AWSSessionOptions(
                profile: profile, userAgent: "dbcopy/test", environment: environment, transport: ScriptedTransport(),
                clock: clock))
    }

    @Test("environment variables come first")
    func environmentFirst() async throws {
        let session = try Self.session(
            TestSessions.bareEnvironment([
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t",
                "AWS_CREDENTIAL_EXPIRATION": "2030-01-01T00:00:00Z",
            ]))
        let credentials = try await session.credentials()
        #expect(
            credentials
                == Credentials(
                    accessKeyID: "AKIDENV", secretAccessKey: "s", sessionToken: "t",
                    expiration: Date(timeIntervalSince1970: 1_893_456_000)))
    }

    @Test("half-set environment credentials are an error, not a fall-through")
    func partialEnvironment() async throws {
        let session = try Self.session(TestSessions.bareEnvironment(["AWS_ACCESS_KEY_ID": "AKIDENV"]))
        await #expect(throws: CredentialError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            try await session.credentials()
        }
    }

    @Test("nothing configured: the error lists every source tried")
    func nothingFound() async throws {
        let session = try Self.session(TestSessions.bareEnvironment())
        await #expect(
            throws: CredentialError.notFound(tried: [
                "environment", "web identity", "shared files (profile default)", "container", "instance metadata",
            ])
        ) { try await session.credentials() }
        #expect(
            CredentialError.notFound(tried: [
                "environment", "web identity", "shared files (profile default)", "container", "instance metadata",
            ]).description
                == "no AWS credentials found; tried: environment, web identity, shared files (profile default), container, instance metadata"
        )
    }

    @Test("--profile skips environment credentials, as the AWS CLI does")
    func explicitProfileSkipsEnvironment() async throws {
        let directory = try TestSessions.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n".write(
            to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let environment = TestSessions.bareEnvironment([
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s",
        ])
        #expect(try await Self.session(environment, profile: "p").credentials().accessKeyID == "AKIDFILE")
        #expect(
            try await Self.session(environment.merging(["AWS_PROFILE": "p"]) { $1 }).credentials().accessKeyID
                == "AKIDENV")
    }

    /// Counts how often it is asked, and hands out credentials expiring at a set time.
    final class CountingProvider: CredentialProvider, @unchecked Sendable {
        let lock = NSLock()
        var calls = 0
        let expiration: Date
        init(expiration: Date) { self.expiration = expiration }
        func credentials() async throws -> Credentials {
            let call = lock.withLock {
                calls += 1; return calls
            }
            return Credentials(
                accessKeyID: "AKID\(call)", secretAccessKey: "s", sessionToken: "t", expiration: expiration)
        }
    }

    @Test("temporary credentials are cached, and refreshed 5 minutes before they expire")
    func cacheAndRefresh() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let now = LockedDate(start)
        let provider = CountingProvider(expiration: start.addingTimeInterval(3600))
        let cached = CachedCredentialProvider(provider, clock: { now.value })
        #expect(try await cached.credentials().accessKeyID == "AKID1")
        now.value = start.addingTimeInterval(3600 - 301)
        #expect(try await cached.credentials().accessKeyID == "AKID1")
        now.value = start.addingTimeInterval(3600 - 299)
        #expect(try await cached.credentials().accessKeyID == "AKID2")
        #expect(provider.calls == 2)
    }

    @Test("concurrent callers share one fetch")
    func sharedFetch() async throws {
        let provider = CountingProvider(expiration: Date().addingTimeInterval(3600))
        let cached = CachedCredentialProvider(provider)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await cached.credentials().accessKeyID } }
            for try await keyID in group { #expect(keyID == "AKID1") }
        }
        #expect(provider.calls == 1)
    }
}

final class LockedDate: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Date
    init(_ date: Date) { stored = date }
    var value: Date {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
