import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("STS against the local endpoint")
struct STSTests {
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
