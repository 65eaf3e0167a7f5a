/// What the client needs to know about one AWS service.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The AWS CLI's name, used in error messages and debug lines: `dynamodb`.
    public let name: String
    /// The signing name in the credential scope.
    public let signingName: String
    /// The first label of the public host name: `dynamodb.eu-west-1.amazonaws.com`.
    public let endpointPrefix: String
    /// Suffix of `AWS_ENDPOINT_URL_<ID>`, and key in a config `[services]` section (lower case).
    public let endpointEnvironmentID: String
    /// Backoff base for retries: DynamoDB's SDKs start lower than the others.
    public let retryBaseDelay: Duration

    public var description: String { name }

    public static let dynamoDB = AWSService(
        name: "dynamodb", signingName: "dynamodb", endpointPrefix: "dynamodb", endpointEnvironmentID: "DYNAMODB",
        retryBaseDelay: .milliseconds(50))
    public static let ssm = AWSService(
        name: "ssm", signingName: "ssm", endpointPrefix: "ssm", endpointEnvironmentID: "SSM",
        retryBaseDelay: .milliseconds(100))
    public static let sts = AWSService(
        name: "sts", signingName: "sts", endpointPrefix: "sts", endpointEnvironmentID: "STS",
        retryBaseDelay: .milliseconds(100))
}
