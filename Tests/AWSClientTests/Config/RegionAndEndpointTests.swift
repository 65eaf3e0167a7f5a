import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("region and endpoint resolution")
struct RegionAndEndpointTests {
    static func session(
        region: String? = nil, endpoint: String? = nil, _ environment: [String: String] = [:], config: String? = nil
    ) throws -> AWSSession {
        var environment = TestSessions.bareEnvironment(environment)
        if let config {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "dbcopy-config-\(UUID().uuidString)")
            try config.write(to: file, atomically: true, encoding: .utf8)
            environment["AWS_CONFIG_FILE"] = file.path
        }
        return try AWSSession(
            options: AWSSessionOptions(
                region: region, endpointURL: endpoint, userAgent: "dbcopy/test", environment: environment,
                transport: ScriptedTransport()))
    }

    @Test("region: flag, then job, then AWS_REGION, AWS_DEFAULT_REGION, then the profile")
    func regionOrder() throws {
        let config = "[default]\nregion = ap-south-1\n"
        let environment = ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"]
        #expect(
            try Self.session(region: "us-east-2", environment, config: config).resolveRegion(jobRegion: "eu-north-1")
                == "us-east-2")
        #expect(try Self.session(environment, config: config).resolveRegion(jobRegion: "eu-north-1") == "eu-north-1")
        #expect(try Self.session(environment, config: config).resolveRegion(jobRegion: nil) == "eu-west-1")
        #expect(
            try Self.session(["AWS_DEFAULT_REGION": "eu-west-2"], config: config).resolveRegion(jobRegion: nil)
                == "eu-west-2")
        #expect(try Self.session(config: config).resolveRegion(jobRegion: nil) == "ap-south-1")
        #expect(throws: ConfigurationError.self) { try Self.session().resolveRegion(jobRegion: nil) }
        #expect(throws: ConfigurationError.self) {
            try Self.session(region: "eu-west-1.evil.com/").resolveRegion(jobRegion: nil)
        }
    }

    @Test("public endpoints by partition: aws, aws-cn, aws-us-gov")
    func partitions() throws {
        let session = try Self.session()
        #expect(
            try session.dynamoDB(region: "eu-west-1").endpointURL.absoluteString
                == "https://dynamodb.eu-west-1.amazonaws.com")
        #expect(
            try session.dynamoDB(region: "cn-north-1").endpointURL.absoluteString
                == "https://dynamodb.cn-north-1.amazonaws.com.cn")
        #expect(
            try session.dynamoDB(region: "us-gov-west-1").endpointURL.absoluteString
                == "https://dynamodb.us-gov-west-1.amazonaws.com")
        #expect(
            try session.endpoints.endpoint(for: .ssm, region: "cn-northwest-1").absoluteString
                == "https://ssm.cn-northwest-1.amazonaws.com.cn")
        #expect(
            try session.endpoints.endpoint(for: .sts, region: "us-east-1").absoluteString
                == "https://sts.us-east-1.amazonaws.com")
    }

    @Test("endpoints: flag, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, services section, profile endpoint_url")
    func endpointOrder() throws {
        let config = """
            [default]
            endpoint_url = http://profile:1
            services = mine
            [services mine]
            ssm =
              endpoint_url = http://services-ssm:2
            """
        let environment = [
            "AWS_ENDPOINT_URL_DYNAMODB": "http://env-dynamodb:3", "AWS_ENDPOINT_URL": "http://env-all:4",
        ]
        let flagged = try Self.session(endpoint: "http://flag:5", environment, config: config)
        for service in [AWSService.dynamoDB, .ssm, .sts] {
            #expect(try flagged.endpoints.endpoint(for: service, region: "eu-west-1").absoluteString == "http://flag:5")
        }
        let configured = try Self.session(environment, config: config)
        #expect(
            try configured.endpoints.endpoint(for: .dynamoDB, region: "eu-west-1").absoluteString
                == "http://env-dynamodb:3")
        #expect(try configured.endpoints.endpoint(for: .ssm, region: "eu-west-1").absoluteString == "http://env-all:4")
        let filesOnly = try Self.session(config: config)
        #expect(
            try filesOnly.endpoints.endpoint(for: .ssm, region: "eu-west-1").absoluteString == "http://services-ssm:2")
        #expect(try filesOnly.endpoints.endpoint(for: .sts, region: "eu-west-1").absoluteString == "http://profile:1")
        let ignoring = try Self.session(
            environment.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }, config: config)
        #expect(
            try ignoring.endpoints.endpoint(for: .dynamoDB, region: "eu-west-1").absoluteString
                == "https://dynamodb.eu-west-1.amazonaws.com")
        #expect(throws: ConfigurationError.self) {
            try Self.session(endpoint: "localhost:8000").dynamoDB(region: "eu-west-1")
        }
    }

    @Test("Host and signature carry the endpoint's non-default port")
    func hostHeaderWithPort() async throws {
        let transport = ScriptedTransport()
        let session = try AWSSession(
            options: AWSSessionOptions(
                endpointURL: "http://127.0.0.1:4566", userAgent: "dbcopy/test",
                environment: TestSessions.bareEnvironment(["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "S"]),
                transport: transport))
        _ = try await session.dynamoDB(region: "eu-west-1").listTables()
        #expect(transport.requests[0].headers.contains(HTTPHeader("Host", "127.0.0.1:4566")))
    }
}
