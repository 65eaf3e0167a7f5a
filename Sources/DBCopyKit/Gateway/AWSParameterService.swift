import AWSClient
import Foundation

/// `ParameterService` over the AWS client's SSM operations.
public struct AWSParameterService: ParameterService {
    let client: SSMClient

    public init(client: SSMClient) { self.client = client }

    public func parameter(_ name: String) async throws -> String? {
        do {
            return try await client.getParameter(GetParameterInput(name: name)).parameter?.value
        } catch  where isAWSError(error, code: "ParameterNotFound") {
            return nil
        }
    }

    public func parameters(_ names: [String]) async throws -> [String: String] {
        precondition(names.count <= GetParametersInput.maxNames, "GetParameters takes at most 10 names")
        let output = try await client.getParameters(GetParametersInput(names: names))
        var values: [String: String] = [:]
        for parameter in output.parameters ?? [] {
            if let name = parameter.name, let value = parameter.value { values[name] = value }
        }
        return values
    }

    public func putParameter(_ name: String, value: String) async throws {
        _ = try await client.putParameter(PutParameterInput(name: name, value: value, overwrite: true))
    }

    public func createParameter(_ name: String, value: String) async throws -> Bool {
        do {
            _ = try await client.putParameter(PutParameterInput(name: name, value: value, overwrite: false))
            return true
        } catch  where isAWSError(error, code: "ParameterAlreadyExists") {
            return false
        }
    }

    public func deleteParameter(_ name: String) async throws {
        do {
            try await client.deleteParameter(DeleteParameterInput(name: name))
        } catch  where isAWSError(error, code: "ParameterNotFound") {
            return
        }
    }
}

extension AWSSession {
    /// The services of `region` for the live-state reader and the executor.
    public func services(region: String) throws -> RegionServices {
        RegionServices(
            tables: AWSTableService(client: try dynamoDB(region: region)),
            parameters: AWSParameterService(client: try ssm(region: region)))
    }
}
