import Foundation
import TestSupport

/// A `dbcopy` run left going, to be interrupted (SIGINT, as Ctrl-C sends) or killed (SIGKILL, as
/// a crash or an OOM kill ends it) at a chosen point. `ProcessRunner` only runs to the end.
///
/// Output goes to files rather than pipes, so a run that nobody reads while it works never
/// blocks on a full pipe. (`@unchecked`: `Process` is not `Sendable`; it is only read, signalled
/// and waited for after `run()`.)
final class RunningCommand: @unchecked Sendable {
    private let process: Process
    private let stdoutURL: URL
    private let stderrURL: URL

    init(_ arguments: [String], environment: [String: String], directory: URL) throws {
        let id = UUID().uuidString
        stdoutURL = directory.appendingPathComponent("run-\(id).stdout")
        stderrURL = directory.appendingPathComponent("run-\(id).stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = PackageLayout.dbcopyBinary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        self.process = process
    }

    /// Sends `signal` (`SIGINT`, `SIGKILL`, …) to the run.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the run to end: its exit status, or 128 + N when signal N ended it (as a shell reports it).
    func exitStatus() async throws -> Int32 {
        let process = self.process
        return try await offThread {
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
        }
    }

    var isRunning: Bool { process.isRunning }

    /// Its process id, as dbcopy records it in the leases it takes.
    var pid: Int32 { process.processIdentifier }

    /// What the run printed so far.
    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    deinit {
        // A test that failed half-way must not leave a dbcopy running against the shared endpoint.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
