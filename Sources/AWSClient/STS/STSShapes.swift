import Foundation

/// STS GetCallerIdentity's answer: who the credentials belong to.
public struct GetCallerIdentityOutput: Sendable, Equatable {
    public let userId: String
    public let account: String
    public let arn: String
}

public struct AssumeRoleInput: Sendable, Equatable {
    public var roleArn: String
    public var roleSessionName: String
    public var externalId: String?
    public var durationSeconds: Int?

    public init(roleArn: String, roleSessionName: String, externalId: String? = nil, durationSeconds: Int? = nil) {
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
    }
}

public struct AssumeRoleWithWebIdentityInput: Sendable, Equatable {
    public var roleArn: String
    public var roleSessionName: String
    public var webIdentityToken: String
    public var durationSeconds: Int?

    public init(roleArn: String, roleSessionName: String, webIdentityToken: String, durationSeconds: Int? = nil) {
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.webIdentityToken = webIdentityToken
        self.durationSeconds = durationSeconds
    }
}

/// The temporary credentials and assumed identity of AssumeRole and AssumeRoleWithWebIdentity.
public struct AssumedRoleOutput: Sendable, Equatable {
    public let credentials: Credentials
    public let assumedRoleArn: String?
    public let assumedRoleId: String?
}

extension AssumedRoleOutput {
    /// Reads `<…Result><Credentials>…</Credentials><AssumedRoleUser>…</AssumedRoleUser>`.
    init(result: XMLNode) throws {
        guard let block = result.find("Credentials"), let keyID = block.find("AccessKeyId")?.text,
            let secret = block.find("SecretAccessKey")?.text
        else { throw XMLNode.ParseError() }
        let expiration = block.find("Expiration").flatMap { TimestampParsing.iso8601($0.text) }
        credentials = Credentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: block.find("SessionToken")?.text,
            expiration: expiration)
        assumedRoleArn = result.find("AssumedRoleUser", "Arn")?.text
        assumedRoleId = result.find("AssumedRoleUser", "AssumedRoleId")?.text
    }
}
