import Foundation

/// A role assumed with an OIDC token read from a file (CI systems, EKS): STS
/// AssumeRoleWithWebIdentity, which needs no credentials of its own. Configured by
/// `AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE` (+ `AWS_ROLE_SESSION_NAME`), or by a profile's
/// `role_arn` + `web_identity_token_file`. The token file is read on every refresh: CI rotates it.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let roleARN: String
    public let tokenFile: String
    public let sessionName: String
    let sts: STSClient

    init(roleARN: String, tokenFile: String, sessionName: String?, sts: STSClient) {
        self.roleARN = roleARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName ?? "dbcopy-\(Int(Date().timeIntervalSince1970))"
        self.sts = sts
    }

    /// From `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`; `nil` unless both are set.
    init?(environment: [String: String], sts: STSClient) {
        guard let role = environment["AWS_ROLE_ARN"], !role.isEmpty,
            let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty
        else { return nil }
        self.init(roleARN: role, tokenFile: file, sessionName: environment["AWS_ROLE_SESSION_NAME"], sts: sts)
    }

    public func credentials() async throws -> Credentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        } catch {
            throw CredentialError("web identity: cannot read token file \(tokenFile): \(error.localizedDescription)")
        }
        let output = try await sts.assumeRoleWithWebIdentity(
            AssumeRoleWithWebIdentityInput(roleArn: roleARN, roleSessionName: sessionName, webIdentityToken: token))
        return output.credentials
    }
}

/// The environment-configured web identity source in the chain: not configured unless both
/// variables are set. The STS client is made only then, so a bad STS endpoint setting is
/// reported where it matters instead of hiding the source.
struct EnvironmentWebIdentitySource: CredentialProvider {
    let environment: [String: String]
    let makeSTS: @Sendable ((any CredentialProvider)?) throws -> STSClient

    func credentials() async throws -> Credentials {
        guard environment["AWS_ROLE_ARN"]?.isEmpty == false,
            environment["AWS_WEB_IDENTITY_TOKEN_FILE"]?.isEmpty == false
        else { throw CredentialSourceNotConfigured() }
        guard let provider = WebIdentityCredentialProvider(environment: environment, sts: try makeSTS(nil)) else {
            throw CredentialSourceNotConfigured()
        }
        return try await provider.credentials()
    }
}
