import Foundation

/// Everything dbcopy's AWS calls share: configuration files, region and endpoint resolution,
/// credentials (resolved lazily on the first call, cached, refreshed before expiry), the retry
/// policy and quota, and the transport. Make one per run and ask it for service clients.
public final class AWSSession: Sendable {
    public let options: AWSSessionOptions
    /// `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    public let profileName: String
    public let profile: Profile?
    public let sharedConfig: SharedConfig
    public let endpoints: EndpointResolver
    let pipeline: RequestPipeline
    private let credentialProvider = Locked<(any CredentialProvider)?>(nil)

    /// Reads the shared files and the retry settings. Fails on a profile that was asked for but
    /// does not exist, and on malformed `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE`.
    public init(options: AWSSessionOptions) throws {
        self.options = options
        let environment = options.environment
        let explicit = [options.profile, environment["AWS_PROFILE"], environment["AWS_DEFAULT_PROFILE"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        profileName = explicit ?? "default"
        sharedConfig = SharedConfig(environment: environment)
        profile = sharedConfig.profile(profileName)
        if explicit != nil, profile == nil {
            throw ConfigurationError(
                "profile \(profileName) not found in \(sharedConfig.configPath) or \(sharedConfig.credentialsPath)")
        }
        endpoints = EndpointResolver(
            flag: options.endpointURL, environment: environment, profile: profile, config: sharedConfig)
        pipeline = RequestPipeline(
            options: options,
            retryPolicy: try RetryPolicy(
                environment: environment, profile: profile, defaultMaxAttempts: options.defaultMaxAttempts))
    }

    public var retryPolicy: RetryPolicy { pipeline.retryPolicy }

    /// The region for a call: `--region`, then the plan job's `region`, then `AWS_REGION`,
    /// `AWS_DEFAULT_REGION`, then the profile's `region`.
    public func resolveRegion(jobRegion: String?) throws -> String {
        let environment = options.environment
        let candidates = [
            options.region, jobRegion, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], profile?["region"],
        ]
        guard let region = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ConfigurationError(
                "no AWS region: use --region, a job's region, AWS_REGION or AWS_DEFAULT_REGION, or region in profile \(profileName)"
            )
        }
        try RegionName.validate(region)
        return region
    }

    /// The credentials the next call will be signed with (resolving them on first use).
    public func credentials() async throws -> Credentials {
        try await resolvedProvider().credentials()
    }

    public func dynamoDB(region: String) throws -> DynamoDBClient {
        DynamoDBClient(
            endpoint: try serviceEndpoint(.dynamoDB, wire: .dynamoDB, region: region, credentials: resolvedProvider()))
    }

    public func ssm(region: String) throws -> SSMClient {
        SSMClient(endpoint: try serviceEndpoint(.ssm, wire: .ssm, region: region, credentials: resolvedProvider()))
    }

    public func sts(region: String) throws -> STSClient {
        STSClient(endpoint: try serviceEndpoint(.sts, wire: .sts, region: region, credentials: resolvedProvider()))
    }

    func serviceEndpoint(
        _ service: AWSService, wire: WireProtocol, region: String, credentials: (any CredentialProvider)?
    ) throws -> ServiceEndpoint {
        try RegionName.validate(region)
        let url = try endpoints.endpoint(for: service, region: region)
        return ServiceEndpoint(
            pipeline: pipeline, service: service, wire: wire, region: region, url: url, credentials: credentials)
    }

    /// The injected provider or the default chain, wrapped in the cache; built once.
    private func resolvedProvider() -> any CredentialProvider {
        credentialProvider.withLock { provider in
            if let provider { return provider }
            let made = CachedCredentialProvider(options.credentialProvider ?? defaultChain(), clock: options.clock)
            provider = made
            return made
        }
    }

    /// The AWS CLI's order: environment, web identity, shared files, container, instance metadata.
    /// Environment credentials are skipped when `--profile` was given, as the AWS CLI does.
    func defaultChain() -> CredentialProviderChain {
        let environment = options.environment
        let stsRegion = (try? resolveRegion(jobRegion: nil)) ?? "us-east-1"
        // STS calls made for credentials are signed by the source that is being resolved, or not at all.
        let makeSTS: @Sendable ((any CredentialProvider)?) throws -> STSClient = { [pipeline, endpoints] signer in
            let url = try endpoints.endpoint(for: .sts, region: stsRegion)
            return STSClient(
                endpoint: ServiceEndpoint(
                    pipeline: pipeline, service: .sts, wire: .sts, region: stsRegion, url: url, credentials: signer))
        }
        let container = ContainerCredentialProvider(environment: environment, pipeline: pipeline)
        let instanceMetadata = InstanceMetadataCredentialProvider(
            environment: environment, profile: profile, pipeline: pipeline)
        var sources: [(name: String, provider: any CredentialProvider)] = []
        if options.profile == nil {
            sources.append(("environment", EnvironmentCredentialProvider(environment: environment)))
        }
        sources.append(("web identity", EnvironmentWebIdentitySource(environment: environment, makeSTS: makeSTS)))
        sources.append(
            (
                "shared files (profile \(profileName))",
                ProfileCredentialProvider(
                    profileName: profileName, config: sharedConfig, environment: environment, makeSTS: makeSTS,
                    container: container, instanceMetadata: instanceMetadata)
            ))
        sources.append(("container", container))
        sources.append(("instance metadata", instanceMetadata))
        return CredentialProviderChain(sources)
    }
}
