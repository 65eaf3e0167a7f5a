import Foundation

/// Runs a child process to completion off Swift's cooperative pool (a `credential_process` may
/// take seconds, e.g. to reach a password manager).
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let stdout: Data
        /// The last line of standard error, at most 300 characters: enough to say why, too
        /// little to carry a credential by accident.
        let stderrTail: String
    }

    static func run(executable: String, arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable: executable, arguments: arguments) })
            }
        }
    }

    private static func runBlocking(executable: String, arguments: [String]) throws -> Outcome {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            // Found on PATH, as a shell would.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CredentialError(
                "credential_process \(executable) could not be started: \(error.localizedDescription)")
        }
        let errorData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            group.leave()
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let lastLine =
            String(decoding: errorData.current, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        return Outcome(status: process.terminationStatus, stdout: stdout, stderrTail: String(lastLine.prefix(300)))
    }
}
