import Foundation

/// One operation call, ready for the pipeline: where it goes, what it says, how it is signed.
struct ServiceCall: Sendable {
    let service: AWSService
    let wire: WireProtocol
    let region: String
    let endpoint: URL
    let operation: String
    let body: Data
    /// `nil` for unsigned calls (STS AssumeRoleWithWebIdentity needs no credentials).
    let credentials: (any CredentialProvider)?
    /// Set for a call that must not take effect twice. After an attempt whose outcome is unknown
    /// (a dropped connection, a timeout, a 5xx: the service may have done the work), it is asked
    /// before anything else is sent: the answer the call would have had if it took effect, or
    /// nil if it did not, and the call is tried again. Every attempt goes on a new connection.
    var recover: (@Sendable () async throws -> Data?)? = nil
}

/// What every service client holds: the pipeline, where the service is, and whose credentials
/// sign its calls.
struct ServiceEndpoint: Sendable {
    let pipeline: RequestPipeline
    let service: AWSService
    let wire: WireProtocol
    let region: String
    let url: URL
    let credentials: (any CredentialProvider)?

    /// Sends `body` as `operation`; returns the body of the successful response. `recover`: see
    /// `ServiceCall.recover`.
    func send(_ operation: String, body: Data, recover: (@Sendable () async throws -> Data?)? = nil) async throws
        -> Data
    {
        let call = ServiceCall(
            service: service, wire: wire, region: region, endpoint: url, operation: operation, body: body,
            credentials: credentials, recover: recover)
        return try await pipeline.perform(call).body
    }

    /// JSON protocol: encodes `input`, sends it, decodes the answer as `Output`.
    func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, as: Output.Type, recover: (@Sendable () async throws -> Data?)? = nil
    ) async throws -> Output {
        let body = try AWSJSONCoding.encoder.encode(input)
        let data = try await send(operation, body: body, recover: recover)
        do {
            return try AWSJSONCoding.decoder.decode(Output.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw AWSResponseError(service: service.name, operation: operation, detail: "\(error)")
        }
    }
}

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
