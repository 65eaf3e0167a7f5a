import Foundation
import SigV4

/// Credentials from the container agent (ECS tasks, EKS Pod Identity):
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every refresh) or `_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider {
    let environment: [String: String]
    let endpoint: CredentialEndpoint
    /// Where relative URIs point; only tests change it.
    let relativeBase: String

    init(environment: [String: String], pipeline: RequestPipeline, relativeBase: String = "http://169.254.170.2") {
        self.environment = environment
        self.endpoint = CredentialEndpoint(
            pipeline: pipeline, label: "container", connectTimeout: .seconds(2), timeout: .seconds(5))
        self.relativeBase = relativeBase
    }

    public func credentials() async throws -> Credentials {
        let url = try resolveURL()
        var headers: [HTTPHeader] = []
        if let token = try authorizationToken() { headers.append(HTTPHeader("Authorization", token)) }
        var lastError: (any Error)?
        // One retry: the agent can be briefly busy while a task starts.
        for _ in 0..<2 {
            do {
                let response = try await endpoint.send("GetCredentials", method: "GET", url: url, headers: headers)
                guard response.status == 200 else {
                    throw CredentialError("container credentials: HTTP \(response.status) from \(url.host ?? "")")
                }
                return try CredentialEndpoint.credentials(from: response.body, source: "container credentials")
            } catch let error as TransportError {
                lastError = CredentialError("container credentials: \(error)")
            }
        }
        throw lastError ?? CredentialError("container credentials: no answer")
    }

    private func resolveURL() throws -> URL {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            guard let url = URL(string: relativeBase + relative) else {
                throw CredentialError("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else {
            throw CredentialSourceNotConfigured()
        }
        guard let url = URL(string: full), let host = url.host, let scheme = url.scheme?.lowercased() else {
            throw CredentialError("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        // Plain http only to the container agent or this machine: credentials must not cross a network unencrypted.
        let allowedHosts: Set<String> = [
            "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost", "::1", "[::1]",
        ]
        guard scheme == "https" || (scheme == "http" && (allowedHosts.contains(host) || host.hasPrefix("127."))) else {
            throw CredentialError(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or container-agent address")
        }
        return url
    }

    private func authorizationToken() throws -> String? {
        var token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            do {
                token = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            } catch {
                throw CredentialError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot read \(file)")
            }
        }
        guard let token, !token.isEmpty else { return nil }
        guard !token.contains("\r"), !token.contains("\n") else {
            throw CredentialError("the container authorization token contains a line break")
        }
        return token
    }
}
