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

    /// Sends `body` as `operation`; returns the body of the successful response.
    func send(_ operation: String, body: Data) async throws -> Data {
        let call = ServiceCall(
            service: service, wire: wire, region: region, endpoint: url, operation: operation, body: body,
            credentials: credentials)
        return try await pipeline.perform(call).body
    }

    /// JSON protocol: encodes `input`, sends it, decodes the answer as `Output`.
    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as: Output.Type) async throws
        -> Output
    {
        let body = try AWSJSONCoding.encoder.encode(input)
        let data = try await send(operation, body: body)
        do {
            return try AWSJSONCoding.decoder.decode(Output.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw AWSResponseError(service: service.name, operation: operation, detail: "\(error)")
        }
    }
}
