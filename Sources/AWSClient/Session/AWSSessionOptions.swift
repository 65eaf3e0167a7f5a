import Foundation

/// Everything a session is built from: the command-line flags, the environment, and the
/// seams tests use (transport, sleeper, clock, jitter, credentials).
public struct AWSSessionOptions: Sendable {
    /// `--profile`; when set, environment credentials are skipped (as the AWS CLI does).
    public var profile: String?
    /// `--region`: wins over a plan job's region and every other source.
    public var region: String?
    /// `--endpoint-url`: used for every service dbcopy calls.
    public var endpointURL: String?
    /// Sent as `User-Agent` on every request: `dbcopy/<version>`.
    public var userAgent: String
    /// `--debug`: receives one line per HTTP attempt (never a secret).
    public var debug: (@Sendable (String) -> Void)?
    /// Where `AWS_*` variables, `HOME` and proxies are read from.
    public var environment: [String: String]
    /// `nil`: the process-wide libcurl transport.
    public var transport: (any HTTPTransport)?
    /// `nil`: the chain of credential sources in the AWS CLI's order.
    public var credentialProvider: (any CredentialProvider)?
    /// Waits between retries; tests pass one that returns at once.
    public var sleeper: @Sendable (Duration) async throws -> Void
    /// The wall clock, for signing dates and credential expiry.
    public var clock: @Sendable () -> Date
    /// Jitter source: values in 0..<1.
    public var random: @Sendable () -> Double
    public var connectTimeout: Duration
    public var requestTimeout: Duration
    /// Attempts per call when neither `AWS_MAX_ATTEMPTS` nor the profile's `max_attempts` is set;
    /// nil: the SDKs' default for the retry mode (3 standard, 5 legacy).
    public var defaultMaxAttempts: Int?

    public init(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, userAgent: String,
        debug: (@Sendable (String) -> Void)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: (any HTTPTransport)? = nil, credentialProvider: (any CredentialProvider)? = nil,
        sleeper: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        clock: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
        defaultMaxAttempts: Int? = nil
    ) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.userAgent = userAgent
        self.debug = debug
        self.environment = environment
        self.transport = transport
        self.credentialProvider = credentialProvider
        self.sleeper = sleeper
        self.clock = clock
        self.random = random
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.defaultMaxAttempts = defaultMaxAttempts
    }
}
