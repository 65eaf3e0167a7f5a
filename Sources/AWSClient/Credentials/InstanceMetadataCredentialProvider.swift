import Foundation
import SigV4

/// The EC2 instance role, from instance metadata with IMDSv2 session tokens: `PUT
/// /latest/api/token`, then the role name and its credentials with the token. Falls back to
/// IMDSv1 when the token call is refused with 403, 404 or 405, unless
/// `AWS_EC2_METADATA_V1_DISABLED` is true. Off with `AWS_EC2_METADATA_DISABLED=true`;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it (tests). When nothing answers within the short
/// timeouts, the source counts as not configured, so laptops get the "no credentials" error fast.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    let environment: [String: String]
    let endpoint: CredentialEndpoint
    let base: String

    init(environment: [String: String], profile: Profile?, pipeline: RequestPipeline) {
        self.environment = environment
        self.endpoint = CredentialEndpoint(pipeline: pipeline, label: "imds")
        let ipv6 =
            (environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? profile?["ec2_metadata_service_endpoint_mode"])?
            .lowercased() == "ipv6"
        let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? profile?["ec2_metadata_service_endpoint"]
        let chosen =
            configured.flatMap { $0.isEmpty ? nil : $0 } ?? (ipv6 ? "http://[fd00:ec2::254]" : "http://169.254.169.254")
        base = chosen.hasSuffix("/") ? String(chosen.dropLast()) : chosen
    }

    private static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    public func credentials() async throws -> Credentials {
        guard environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" else {
            throw CredentialSourceNotConfigured()
        }
        do {
            var headers: [HTTPHeader] = []
            if let token = try await sessionToken() { headers.append(HTTPHeader("X-aws-ec2-metadata-token", token)) }
            let roleResponse = try await endpoint.send(
                "GetRoleName", method: "GET", url: try url(Self.credentialsPath), headers: headers)
            guard roleResponse.status == 200 else {
                // 404: this instance has no role. Nothing to use, so the chain goes on.
                if roleResponse.status == 404 { throw CredentialSourceNotConfigured() }
                throw CredentialError("instance metadata: HTTP \(roleResponse.status) listing the instance role")
            }
            let role =
                String(decoding: roleResponse.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(
                    String.init) ?? ""
            guard !role.isEmpty, role.utf8.allSatisfy({ $0 > 32 && $0 != UInt8(ascii: "/") }) else {
                throw CredentialSourceNotConfigured()
            }
            let response = try await endpoint.send(
                "GetCredentials", method: "GET", url: try url(Self.credentialsPath + role), headers: headers)
            guard response.status == 200 else {
                throw CredentialError(
                    "instance metadata: HTTP \(response.status) fetching credentials for role \(role)")
            }
            return try CredentialEndpoint.credentials(from: response.body, source: "instance metadata")
        } catch is TransportError {
            throw CredentialSourceNotConfigured()
        }
    }

    /// The IMDSv2 token, or `nil` to go on with IMDSv1.
    private func sessionToken() async throws -> String? {
        let response = try await endpoint.send(
            "GetToken", method: "PUT", url: try url("/latest/api/token"),
            headers: [HTTPHeader("x-aws-ec2-metadata-token-ttl-seconds", "21600")])
        if response.status == 200 { return String(decoding: response.body, as: UTF8.self) }
        let v1Disabled = environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() == "true"
        if [403, 404, 405].contains(response.status), !v1Disabled { return nil }
        throw CredentialError("instance metadata: HTTP \(response.status) for the IMDSv2 token")
    }

    private func url(_ path: String) throws -> URL {
        guard let url = URL(string: base + path) else {
            throw ConfigurationError("AWS_EC2_METADATA_SERVICE_ENDPOINT: \(base) is not a URL")
        }
        return url
    }
}
