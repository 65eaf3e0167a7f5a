import Foundation

/// AWS Security Token Service: who am I, and roles. Query protocol, XML answers.
public struct STSClient: Sendable {
    let endpoint: ServiceEndpoint

    init(endpoint: ServiceEndpoint) { self.endpoint = endpoint }

    public var region: String { endpoint.region }

    public func getCallerIdentity() async throws -> GetCallerIdentityOutput {
        let result = try await call("GetCallerIdentity", [])
        guard let arn = result.find("Arn")?.text, let account = result.find("Account")?.text else {
            throw responseError("GetCallerIdentity", "no Arn or Account")
        }
        return GetCallerIdentityOutput(userId: result.find("UserId")?.text ?? "", account: account, arn: arn)
    }

    public func assumeRole(_ input: AssumeRoleInput) async throws -> AssumedRoleOutput {
        var parameters = [("RoleArn", input.roleArn), ("RoleSessionName", input.roleSessionName)]
        if let externalId = input.externalId { parameters.append(("ExternalId", externalId)) }
        if let duration = input.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        let result = try await call("AssumeRole", parameters)
        do { return try AssumedRoleOutput(result: result) } catch {
            throw responseError("AssumeRole", "no credentials")
        }
    }

    /// Unsigned when the client was made for web identity (the token is the proof).
    public func assumeRoleWithWebIdentity(_ input: AssumeRoleWithWebIdentityInput) async throws -> AssumedRoleOutput {
        var parameters = [
            ("RoleArn", input.roleArn), ("RoleSessionName", input.roleSessionName),
            ("WebIdentityToken", input.webIdentityToken),
        ]
        if let duration = input.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        let result = try await call("AssumeRoleWithWebIdentity", parameters)
        do {
            return try AssumedRoleOutput(result: result)
        } catch {
            throw responseError("AssumeRoleWithWebIdentity", "no credentials")
        }
    }

    /// Sends an action and returns its `<ActionResult>` element.
    private func call(_ action: String, _ parameters: [(String, String)]) async throws -> XMLNode {
        guard case .query(let version) = endpoint.wire else {
            throw responseError(action, "not a query-protocol endpoint")
        }
        let body = WireProtocol.queryBody(action: action, version: version, parameters: parameters)
        let data = try await endpoint.send(action, body: body)
        guard let root = try? XMLNode.parse(String(decoding: data, as: UTF8.self)),
            let result = root.find("\(action)Result")
        else { throw responseError(action, "no \(action)Result element") }
        return result
    }

    private func responseError(_ operation: String, _ detail: String) -> AWSResponseError {
        AWSResponseError(service: "sts", operation: operation, detail: detail)
    }
}
