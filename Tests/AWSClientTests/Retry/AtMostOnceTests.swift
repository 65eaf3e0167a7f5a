import AWSClient
import Foundation
import TestSupport
import Testing

/// CreateBackup is not idempotent: DynamoDB tells backups apart by ARN, not by name, so a call
/// repeated after its answer was lost makes a second backup. `createBackupOnce` repeats it only
/// after checking that the lost attempt made nothing.
@Suite("retries: CreateBackup at most once")
struct AtMostOnceTests {
    static let input = CreateBackupInput(tableName: "clients", backupName: "nightly")
    static let dropped = ScriptedTransport.Answer.failure(
        TransportError(kind: .connection, curlCode: 52, message: "Empty reply from server"))

    static func listing(_ arns: [String]) -> ScriptedTransport.Answer {
        let summaries = arns.map {
            #"{"BackupArn":"\#($0)","BackupName":"nightly","TableName":"clients","BackupStatus":"CREATING"}"#
        }
        return ScriptedTransport.ok(#"{"BackupSummaries":[\#(summaries.joined(separator: ","))]}"#)
    }

    static func created(_ arn: String) -> ScriptedTransport.Answer {
        ScriptedTransport.ok(
            #"{"BackupDetails":{"BackupArn":"\#(arn)","BackupName":"nightly","BackupStatus":"CREATING"}}"#)
    }

    @Test("an attempt whose answer was lost but that made the backup is not repeated: the new backup is the answer")
    func lostAnswer() async throws {
        // An older backup of the same name is not taken for this call's.
        let transport = ScriptedTransport([
            Self.listing(["arn:old"]), Self.dropped, Self.listing(["arn:old", "arn:new"]),
        ])
        let client = try TestSessions.scripted(transport).dynamoDB(region: "eu-west-1")
        let output = try await client.createBackupOnce(Self.input)
        #expect(output.backupDetails?.backupArn == "arn:new")
        #expect(output.backupDetails?.backupStatus == .creating)
        let targets = transport.requests.map { $0.headers.first { $0.name == "X-Amz-Target" }?.value ?? "" }
        #expect(targets.map { $0.split(separator: ".").last } == ["ListBackups", "CreateBackup", "ListBackups"])
    }

    @Test("an attempt that made nothing is repeated, each CreateBackup on a new connection")
    func nothingMade() async throws {
        let transport = ScriptedTransport([Self.listing([]), Self.dropped, Self.listing([]), Self.created("arn:new")])
        let client = try TestSessions.scripted(transport).dynamoDB(region: "eu-west-1")
        #expect(try await client.createBackupOnce(Self.input).backupDetails?.backupArn == "arn:new")
        #expect(transport.requests.count == 4)
        #expect(transport.requests.map(\.freshConnection) == [false, true, false, true])
    }

    @Test("a throttled attempt made nothing: it is repeated without looking")
    func throttled() async throws {
        let transport = ScriptedTransport([
            Self.listing([]), ScriptedTransport.awsError("ThrottlingException"), Self.created("arn:new"),
        ])
        let client = try TestSessions.scripted(transport).dynamoDB(region: "eu-west-1")
        #expect(try await client.createBackupOnce(Self.input).backupDetails?.backupArn == "arn:new")
        #expect(transport.requests.count == 3)
    }
}
