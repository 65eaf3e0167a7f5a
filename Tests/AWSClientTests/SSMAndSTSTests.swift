import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("SSM and STS against the local endpoint")
struct SSMAndSTSTests {
    @Test("PutParameter (overwrite and create-only), GetParameter, DeleteParameter")
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
        try await ssm.deleteParameter(DeleteParameterInput(name: name))
        await #expect(throws: AWSError.self) { try await ssm.getParameter(GetParameterInput(name: name)) }
    }

    @Test("GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity")
    func identity() async throws {
        let sts = try await TestSessions.local().sts(region: LocalAWSEndpoint.region)
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account.count == 12)
        #expect(identity.arn.hasPrefix("arn:aws:"))

        let role = "arn:aws:iam::\(identity.account):role/dbcopy-test"
        let assumed = try await sts.assumeRole(
            AssumeRoleInput(roleArn: role, roleSessionName: "s1", externalId: "x", durationSeconds: 900))
        #expect(assumed.credentials.sessionToken?.isEmpty == false)
        #expect(assumed.credentials.expiration != nil)
        #expect(assumed.assumedRoleArn?.contains("dbcopy-test/s1") == true)

        let web = try await sts.assumeRoleWithWebIdentity(
            AssumeRoleWithWebIdentityInput(
                roleArn: role, roleSessionName: "ci", webIdentityToken: "header.payload.signature"))
        #expect(web.credentials.accessKeyID.isEmpty == false)
        #expect(web.credentials.sessionToken != nil)
    }
}
