import Foundation

/// AWS Systems Manager Parameter Store, for publishing copied tables' names and ARNs.
/// Made by `AWSSession.ssm(region:)`.
public struct SSMClient: Sendable {
    let endpoint: ServiceEndpoint

    init(endpoint: ServiceEndpoint) { self.endpoint = endpoint }

    public var region: String { endpoint.region }

    /// Any SSM operation by name with a raw JSON body (tests and test support).
    public func send(operation: String, body: Data) async throws -> Data {
        try await endpoint.send(operation, body: body)
    }

    /// `ParameterNotFound` when the parameter does not exist.
    public func getParameter(_ input: GetParameterInput) async throws -> GetParameterOutput {
        try await endpoint.call("GetParameter", input, as: GetParameterOutput.self)
    }

    public func putParameter(_ input: PutParameterInput) async throws -> PutParameterOutput {
        try await endpoint.call("PutParameter", input, as: PutParameterOutput.self)
    }

    public func deleteParameter(_ input: DeleteParameterInput) async throws {
        _ = try await endpoint.send("DeleteParameter", body: AWSJSONCoding.encoder.encode(input))
    }
}
