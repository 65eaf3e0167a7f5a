import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("retries: standard mode on a scripted transport")
struct RetryTests {
    @Test("throttling is retried with full-jitter backoff from the DynamoDB base delay")
    func throttlingThenSuccess() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.awsError("ThrottlingException"),
            ScriptedTransport.awsError("ProvisionedThroughputExceededException"),
            ScriptedTransport.ok(#"{"TableNames":[]}"#),
        ])
        let sleeps = SleepRecorder()
        _ = try await TestSessions.scripted(transport, sleeps: sleeps).dynamoDB(region: "eu-west-1").listTables()
        #expect(transport.requests.count == 3)
        // random() = 0.5: half of 50 ms, then half of 100 ms.
        #expect(sleeps.recorded == [.milliseconds(25), .milliseconds(50)])
    }

    @Test("LimitExceededException (too many concurrent table operations) and 5xx are retried")
    func limitExceededAndServerErrors() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.awsError("LimitExceededException"),
            ScriptedTransport.awsError("InternalServerError", status: 500),
            ScriptedTransport.ok(),
        ])
        _ = try await TestSessions.scripted(transport).dynamoDB(region: "eu-west-1").listTables()
        #expect(transport.requests.count == 3)
    }

    @Test("the third failure ends the call (AWS_MAX_ATTEMPTS defaults to 3); AWS_MAX_ATTEMPTS raises it")
    func maxAttempts() async throws {
        let failing = ScriptedTransport(fallback: { _ in ScriptedTransport.awsError("ServiceUnavailable", status: 503) }
        )
        await #expect(throws: AWSError.self) {
            try await TestSessions.scripted(failing).dynamoDB(region: "eu-west-1").listTables()
        }
        #expect(failing.requests.count == 3)

        let five = ScriptedTransport(fallback: { _ in ScriptedTransport.awsError("ServiceUnavailable", status: 503) })
        let session = try TestSessions.scripted(five, environment: ["AWS_MAX_ATTEMPTS": "5"])
        await #expect(throws: AWSError.self) { try await session.dynamoDB(region: "eu-west-1").listTables() }
        #expect(five.requests.count == 5)
    }

    @Test("client errors are not retried")
    func validationNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.awsError("ValidationException")])
        await #expect(throws: AWSError.self) {
            try await TestSessions.scripted(transport).dynamoDB(region: "eu-west-1").listTables()
        }
        #expect(transport.requests.count == 1)
    }

    @Test("dropped connections are retried; when they persist the error names endpoint and attempts")
    func connectionErrors() async throws {
        let refused = TransportError(kind: .connection, curlCode: 7, message: "Failed to connect to host")
        let transport = ScriptedTransport(fallback: { _ in .failure(refused) })
        let session = try TestSessions.scripted(transport)
        do {
            _ = try await session.dynamoDB(region: "eu-west-1").describeTable(tableName: "t")
            Issue.record("expected a transport error")
        } catch let error as AWSTransportError {
            #expect(error.attempts == 3)
            #expect(
                error.description
                    == "dynamodb DescribeTable: could not reach https://dynamodb.test.invalid: Failed to connect to host (curl error 7) (after 3 attempts)"
            )
        }
        #expect(transport.requests.count == 3)
    }

    @Test("the retry quota empties during an outage, then calls fail on their first attempt")
    func quotaFailsFast() async throws {
        let transport = ScriptedTransport(fallback: { _ in
            ScriptedTransport.awsError("ServiceUnavailable", status: 503)
        })
        let session = try TestSessions.scripted(transport)
        let client = try session.dynamoDB(region: "eu-west-1")
        // 500 tokens at 5 per retry: 100 retries, i.e. 50 calls of 3 attempts.
        for _ in 0..<50 { _ = try? await client.listTables() }
        #expect(transport.requests.count == 150)
        _ = try? await client.listTables()
        #expect(transport.requests.count == 151)
    }

    @Test("timeouts cost twice the quota of other retries")
    func timeoutCost() async throws {
        let timeout = TransportError(kind: .timeout, curlCode: 28, message: "Operation timed out")
        let transport = ScriptedTransport(fallback: { _ in .failure(timeout) })
        let client = try TestSessions.scripted(transport).dynamoDB(region: "eu-west-1")
        // 500 tokens at 10 per timeout retry: 25 calls of 3 attempts.
        for _ in 0..<25 { _ = try? await client.listTables() }
        #expect(transport.requests.count == 75)
        _ = try? await client.listTables()
        #expect(transport.requests.count == 76)
    }

    @Test("a skewed clock is corrected from the server's Date header and the call retried at once")
    func clockSkew() async throws {
        let local = Date(timeIntervalSince1970: 1_795_363_200)  // 2026-11-22T16:00:00Z
        let skewed = ScriptedTransport.awsError(
            "InvalidSignatureException", status: 400, message: "Signature expired",
            headers: [HTTPHeader("Date", "Sun, 22 Nov 2026 17:00:00 GMT")])
        let transport = ScriptedTransport([skewed, ScriptedTransport.ok()])
        let sleeps = SleepRecorder()
        let session = try TestSessions.scripted(transport, sleeps: sleeps, clock: { local })
        _ = try await session.dynamoDB(region: "eu-west-1").listTables()
        #expect(transport.requests.count == 2)
        #expect(sleeps.recorded == [.zero])
        let dates = transport.requests.map { request in request.headers.first { $0.name == "X-Amz-Date" }?.value }
        #expect(dates == ["20261122T160000Z", "20261122T170000Z"])
    }

    @Test("a signature error without skew is not retried")
    func signatureErrorWithoutSkew() async throws {
        let transport = ScriptedTransport([ScriptedTransport.awsError("InvalidSignatureException")])
        await #expect(throws: AWSError.self) {
            try await TestSessions.scripted(transport).dynamoDB(region: "eu-west-1").listTables()
        }
        #expect(transport.requests.count == 1)
    }

    @Test("AWS_RETRY_MODE and AWS_MAX_ATTEMPTS are read and checked")
    func settings() throws {
        #expect(try RetryPolicy(environment: [:], profile: nil) == RetryPolicy(mode: .standard, maxAttempts: 3))
        #expect(try RetryPolicy(environment: ["AWS_RETRY_MODE": "legacy"], profile: nil).maxAttempts == 5)
        #expect(
            try RetryPolicy(environment: ["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7"], profile: nil)
                == RetryPolicy(mode: .adaptive, maxAttempts: 7))
        #expect(throws: ConfigurationError.self) {
            try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "0"], profile: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try RetryPolicy(environment: ["AWS_RETRY_MODE": "fast"], profile: nil)
        }
        #expect(!RetryPolicy(mode: .legacy).usesQuota)
    }

    @Test(
        "a caller's default attempts (dbcopy's 10) apply only when neither AWS_MAX_ATTEMPTS nor the profile sets them")
    func callerDefault() throws {
        #expect(try RetryPolicy(environment: [:], profile: nil, defaultMaxAttempts: 10).maxAttempts == 10)
        #expect(
            try RetryPolicy(environment: ["AWS_RETRY_MODE": "legacy"], profile: nil, defaultMaxAttempts: 10).maxAttempts
                == 10)
        #expect(
            try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "3"], profile: nil, defaultMaxAttempts: 10).maxAttempts
                == 3)
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("retry-\(UUID().uuidString)")
        try Data("[default]\nmax_attempts = 4\n".utf8).write(to: config)
        defer { try? FileManager.default.removeItem(at: config) }
        let profile = SharedConfig(environment: ["AWS_CONFIG_FILE": config.path]).profile("default")
        #expect(try RetryPolicy(environment: [:], profile: profile, defaultMaxAttempts: 10).maxAttempts == 4)
    }

    @Test("backoff never exceeds 20 seconds and is uniformly jittered below its ceiling")
    func backoffCap() {
        let policy = RetryPolicy()
        #expect(policy.backoff(attempt: 30, baseDelay: .milliseconds(100), random: { 0.999999 }) <= .seconds(20))
        #expect(policy.backoff(attempt: 30, baseDelay: .milliseconds(100), random: { 0.5 }) == .seconds(10))
        #expect(policy.backoff(attempt: 3, baseDelay: .milliseconds(100), random: { 0 }) == .zero)
        #expect(policy.backoff(attempt: 3, baseDelay: .milliseconds(100), random: { 1 }) == .milliseconds(400))
    }
}
