import Foundation
import TestSupport
import Testing

@Suite("dbcopy as a user runs it")
struct CommandLineTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try ProcessRunner.dbcopy(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test("an unknown subcommand is bad input: exit 1, a usage message, no stack trace")
    func unknownSubcommand() throws {
        let result = try ProcessRunner.dbcopy(["frobnicate"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error:"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("the local AWS endpoint starts on a free loopback port")
    func localEndpointStarts() async throws {
        let url = try await LocalAWSEndpoint.shared.endpointURL()
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
    }
}
