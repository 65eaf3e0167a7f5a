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

    /// Up to 10 names in one call; names that do not exist come back in `invalidParameters`.
    public func getParameters(_ input: GetParametersInput) async throws -> GetParametersOutput {
        try await endpoint.call("GetParameters", input, as: GetParametersOutput.self)
    }

    public func putParameter(_ input: PutParameterInput) async throws -> PutParameterOutput {
        try await endpoint.call("PutParameter", input, as: PutParameterOutput.self)
    }

    public func deleteParameter(_ input: DeleteParameterInput) async throws {
        _ = try await endpoint.send("DeleteParameter", body: AWSJSONCoding.encoder.encode(input))
    }
}

public struct GetParameterInput: Encodable, Sendable, Hashable {
    public var name: String
    public var withDecryption: Bool?
    public init(name: String, withDecryption: Bool? = nil) {
        self.name = name
        self.withDecryption = withDecryption
    }
}

public struct GetParameterOutput: Decodable, Sendable, Hashable {
    public var parameter: Parameter?
}

public struct GetParametersInput: Encodable, Sendable, Hashable {
    /// At most `GetParametersInput.maxNames`.
    public var names: [String]
    public var withDecryption: Bool?
    public static let maxNames = 10
    public init(names: [String], withDecryption: Bool? = nil) {
        self.names = names
        self.withDecryption = withDecryption
    }
}

public struct GetParametersOutput: Decodable, Sendable, Hashable {
    public var parameters: [Parameter]?
    /// The names asked for that do not exist.
    public var invalidParameters: [String]?
}

public struct Parameter: Decodable, Sendable, Hashable {
    public var name: String?
    public var type: ParameterType?
    public var value: String?
    public var version: Int?
    public var lastModifiedDate: Date?
    /// Spelled `ARN` by SSM.
    public var arn: String?
    public var dataType: String?
}

public struct ParameterType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let string = Self(rawValue: "String")
    public static let stringList = Self(rawValue: "StringList")
    public static let secureString = Self(rawValue: "SecureString")
}

/// PutParameter. `overwrite: false` is create-only: SSM answers `ParameterAlreadyExists` when
/// the name is taken (what a lease needs); `true` replaces the value and bumps the version.
public struct PutParameterInput: Encodable, Sendable, Hashable {
    public var name: String
    public var value: String
    public var type: ParameterType?
    public var overwrite: Bool?
    public var description: String?

    public init(
        name: String, value: String, type: ParameterType? = .string, overwrite: Bool? = true, description: String? = nil
    ) {
        self.name = name
        self.value = value
        self.type = type
        self.overwrite = overwrite
        self.description = description
    }
}

public struct PutParameterOutput: Decodable, Sendable, Hashable {
    public var version: Int?
    public var tier: String?
}

public struct DeleteParameterInput: Encodable, Sendable, Hashable {
    public var name: String
    public init(name: String) { self.name = name }
}
