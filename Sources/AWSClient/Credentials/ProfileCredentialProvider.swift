import Foundation

/// Credentials from a profile in the shared files, in the AWS CLI's order within the profile:
/// `role_arn` (with `web_identity_token_file`, `source_profile` or `credential_source`), static
/// keys in the credentials file, `credential_process`, static keys in the config file.
///
/// Role chains (`source_profile` pointing at a profile that itself assumes a role) are followed;
/// a loop is an error. A source profile's own static keys win over its `role_arn`, so a profile
/// may name itself as `source_profile`, as the AWS CLI allows.
public struct ProfileCredentialProvider: CredentialProvider {
    public let profileName: String
    let config: SharedConfig
    let environment: [String: String]
    /// Makes an STS client signed by the given provider (`nil`: unsigned).
    let makeSTS: @Sendable ((any CredentialProvider)?) throws -> STSClient
    let container: any CredentialProvider
    let instanceMetadata: any CredentialProvider

    init(
        profileName: String, config: SharedConfig, environment: [String: String],
        makeSTS: @escaping @Sendable ((any CredentialProvider)?) throws -> STSClient,
        container: any CredentialProvider, instanceMetadata: any CredentialProvider
    ) {
        self.profileName = profileName
        self.config = config
        self.environment = environment
        self.makeSTS = makeSTS
        self.container = container
        self.instanceMetadata = instanceMetadata
    }

    public func credentials() async throws -> Credentials {
        guard let profile = config.profile(profileName), let provider = try provider(for: profile, chain: [])
        else { throw CredentialSourceNotConfigured() }
        return try await provider.credentials()
    }

    /// The provider a profile describes, or `nil` when it holds no credential settings.
    func provider(for profile: Profile, chain: [String]) throws -> (any CredentialProvider)? {
        if let roleARN = profile["role_arn"] { return try roleProvider(profile, roleARN: roleARN, chain: chain) }
        if let keys = try profile.staticCredentials(from: profile.credentials) { return StaticCredentialProvider(keys) }
        if let command = profile["credential_process"] {
            return CredentialProcessProvider(command: command, profileName: profile.name)
        }
        if let keys = try profile.staticCredentials(from: profile.config) { return StaticCredentialProvider(keys) }
        return nil
    }

    private func roleProvider(_ profile: Profile, roleARN: String, chain: [String]) throws -> any CredentialProvider {
        let sessionName = profile["role_session_name"]
        if let tokenFile = profile["web_identity_token_file"] {
            return WebIdentityCredentialProvider(
                roleARN: roleARN, tokenFile: tokenFile, sessionName: sessionName, sts: try makeSTS(nil))
        }
        if profile["mfa_serial"] != nil {
            throw CredentialError(
                "profile \(profile.name): mfa_serial needs an interactive MFA prompt, which dbcopy does not offer")
        }
        let source: any CredentialProvider
        if let sourceName = profile["source_profile"] {
            source = try sourceProvider(named: sourceName, for: profile, chain: chain + [profile.name])
        } else if let sourceKind = profile["credential_source"] {
            switch sourceKind {
            case "Environment": source = EnvironmentCredentialProvider(environment: environment)
            case "Ec2InstanceMetadata": source = instanceMetadata
            case "EcsContainer": source = container
            default:
                throw CredentialError(
                    "profile \(profile.name): credential_source \(sourceKind) is not one of Environment, Ec2InstanceMetadata, EcsContainer"
                )
            }
        } else {
            throw CredentialError(
                "profile \(profile.name): role_arn needs source_profile, credential_source or web_identity_token_file")
        }
        let duration = profile["duration_seconds"].flatMap(Int.init)
        return AssumeRoleCredentialProvider(
            roleARN: roleARN, sessionName: sessionName, externalID: profile["external_id"], durationSeconds: duration,
            sts: try makeSTS(CachedCredentialProvider(source)))
    }

    private func sourceProvider(named name: String, for profile: Profile, chain: [String]) throws
        -> any CredentialProvider
    {
        guard let source = config.profile(name) else {
            throw CredentialError("profile \(profile.name): source_profile \(name) does not exist")
        }
        if let keys = try source.staticCredentials(from: source.credentials)
            ?? source.staticCredentials(from: source.config)
        {
            return StaticCredentialProvider(keys)
        }
        guard !chain.contains(name) else {
            throw CredentialError(
                "profile \(profile.name): source_profile chain loops: \((chain + [name]).joined(separator: " -> "))")
        }
        guard let provider = try provider(for: source, chain: chain) else {
            throw CredentialError("profile \(profile.name): source_profile \(name) has no credentials")
        }
        return provider
    }
}

/// STS AssumeRole with another provider's credentials: a profile's `role_arn`.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let roleARN: String
    public let sessionName: String
    public let externalID: String?
    public let durationSeconds: Int?
    let sts: STSClient

    init(roleARN: String, sessionName: String?, externalID: String?, durationSeconds: Int?, sts: STSClient) {
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "dbcopy-\(Int(Date().timeIntervalSince1970))"
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.sts = sts
    }

    public func credentials() async throws -> Credentials {
        let output = try await sts.assumeRole(
            AssumeRoleInput(
                roleArn: roleARN, roleSessionName: sessionName, externalId: externalID, durationSeconds: durationSeconds
            ))
        return output.credentials
    }
}
