import Foundation

/// A helper server from `Tests/Support` run with the project's Python: it prints its port on
/// the first line and serves until its standard input closes, which happens on `stop()`, when
/// this object goes away, or when the test process dies, so no server outlives its test.
/// The local AWS endpoint (moto), the fault proxy and the scripted HTTP server all start this way.
final class SupportScriptProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    /// `http://127.0.0.1:<port>`.
    let url: URL

    init(_ script: String, arguments: [String] = []) throws {
        let python = PackageLayout.python
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw TestHarnessError("no Python environment at \(python.path): run scripts/bootstrap (it creates .venv)")
        }
        process.executableURL = python
        process.arguments = [PackageLayout.supportScript(script).path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw TestHarnessError("\(script) did not report a port (is .venv complete? run scripts/bootstrap)")
        }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Stops the server and waits for it to exit.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        try? input.fileHandleForWriting.close()
    }
}
