import Foundation

/// Chooses the URL for a service in a region, in the AWS CLI's order:
/// 1. the `--endpoint-url` flag (every service dbcopy calls: it points at one emulator);
/// 2. `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`;
/// 3. the profile's `services` section (`dynamodb = / endpoint_url = …`), then its `endpoint_url`;
/// 4. the public endpoint of the region's partition.
/// Steps 2 and 3 are skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
/// `ignore_configured_endpoint_urls`) is true.
public struct EndpointResolver: Sendable {
    public let flag: String?
    let environment: [String: String]
    let profile: Profile?
    let servicesSection: [String: String]

    init(flag: String?, environment: [String: String], profile: Profile?, config: SharedConfig) {
        self.flag = flag
        self.environment = environment
        self.profile = profile
        self.servicesSection = profile?["services"].map { config.services($0) } ?? [:]
    }

    public func endpoint(for service: AWSService, region: String) throws -> URL {
        if let flag, !flag.isEmpty { return try Self.parse(flag, source: "--endpoint-url") }
        if !ignoreConfigured {
            let serviceVariable = "AWS_ENDPOINT_URL_\(service.endpointEnvironmentID)"
            for variable in [serviceVariable, "AWS_ENDPOINT_URL"] {
                if let value = environment[variable], !value.isEmpty { return try Self.parse(value, source: variable) }
            }
            let key = "\(service.endpointEnvironmentID.lowercased()).endpoint_url"
            if let value = servicesSection[key], !value.isEmpty {
                return try Self.parse(value, source: "services \(key)")
            }
            if let value = profile?["endpoint_url"] { return try Self.parse(value, source: "profile endpoint_url") }
        }
        return try Self.publicEndpoint(for: service, region: region)
    }

    private var ignoreConfigured: Bool {
        let value = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? profile?["ignore_configured_endpoint_urls"]
        return value?.lowercased() == "true"
    }

    /// `https://<prefix>.<region>.<partition DNS suffix>`.
    public static func publicEndpoint(for service: AWSService, region: String) throws -> URL {
        try RegionName.validate(region)
        return URL(string: "https://\(service.endpointPrefix).\(region).\(dnsSuffix(for: region))")!
    }

    /// The partition's DNS suffix: aws and aws-us-gov use amazonaws.com, aws-cn amazonaws.com.cn,
    /// and the isolated partitions their own.
    public static func dnsSuffix(for region: String) -> String {
        if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
        if region.hasPrefix("us-isob-") { return "sc2s.sgov.gov" }
        if region.hasPrefix("us-isof-") { return "csp.hci.ic.gov" }
        if region.hasPrefix("us-iso-") { return "c2s.ic.gov" }
        if region.hasPrefix("eu-isoe-") { return "cloud.adc-e.uk" }
        return "amazonaws.com"
    }

    static func parse(_ text: String, source: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else {
            throw ConfigurationError("\(source): \(text) is not an http or https URL")
        }
        return url
    }
}

/// Region names become part of host names and credential scopes, so only plausible ones pass.
enum RegionName {
    static func validate(_ region: String) throws {
        let allowed = region.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        guard !region.isEmpty, region.count <= 64, allowed, !region.hasPrefix("-"), !region.hasSuffix("-") else {
            throw ConfigurationError("invalid region name '\(region)' (expected something like eu-west-1)")
        }
    }
}
