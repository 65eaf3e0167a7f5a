import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("SSM against the local endpoint")
struct SSMTests {
    @Test("PutParameter (overwrite and create-only), GetParameter, GetParameters, DeleteParameter")
    func parameters() async throws {
        let ssm = try await TestSessions.local().ssm(region: LocalAWSEndpoint.region)
        let name = "/\(uniqueName("dbcopy"))/table-arn"
        let first = try await ssm.putParameter(PutParameterInput(name: name, value: "arn:one", overwrite: false))
        #expect(first.version == 1)
        do {
            _ = try await ssm.putParameter(PutParameterInput(name: name, value: "arn:two", overwrite: false))
            Issue.record("create-only PutParameter overwrote an existing parameter")
        } catch let error as AWSError {
            #expect(error.code == "ParameterAlreadyExists")
            #expect(error.service == "ssm")
        }
        let second = try await ssm.putParameter(PutParameterInput(name: name, value: "arn:two"))
        #expect(second.version == 2)
        let parameter = try #require(try await ssm.getParameter(GetParameterInput(name: name)).parameter)
        #expect(parameter.value == "arn:two")
        #expect(parameter.type == .string)
        #expect(parameter.arn?.hasSuffix("parameter\(name)") == true)
        #expect(parameter.lastModifiedDate != nil)
        let missing = "/\(uniqueName("dbcopy"))/absent"
        let batch = try await ssm.getParameters(GetParametersInput(names: [name, missing]))
        #expect(batch.parameters?.map(\.name) == [name])
        #expect(batch.parameters?.first?.value == "arn:two")
        #expect(batch.invalidParameters == [missing])
        try await ssm.deleteParameter(DeleteParameterInput(name: name))
        await #expect(throws: AWSError.self) { try await ssm.getParameter(GetParameterInput(name: name)) }
    }
}
