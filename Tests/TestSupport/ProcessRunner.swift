import Foundation

/// What a finished child process printed and returned.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs executables the way a user does: real arguments, environment, stdin, working directory.
public enum ProcessRunner {
    /// Runs the built `dbcopy` binary.
    public static func dbcopy(
        _ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil,
        workingDirectory: URL? = nil
    ) throws -> ProcessResult {
        try run(
            PackageLayout.dbcopyBinary, arguments, environment: environment, stdin: stdin,
            workingDirectory: workingDirectory)
    }

    /// Runs a Python script from `Tests/Support` with the project's virtual environment.
    public static func python(
        _ script: String, _ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil
    ) throws -> ProcessResult {
        try run(
            PackageLayout.python, [PackageLayout.supportScript(script).path] + arguments,
            environment: environment, stdin: stdin)
    }

    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil,
        workingDirectory: URL? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}
