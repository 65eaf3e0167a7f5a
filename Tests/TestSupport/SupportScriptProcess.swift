import Foundation

/// A helper server from `Tests/Support` run with the project's Python: it prints its port on
/// the first line and serves until its standard input closes, which happens when this object
/// goes away (or the test process dies), so no server outlives its test.
final class SupportScriptProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    /// `http://127.0.0.1:<port>`.
    let url: URL

    init(_ script: String, arguments: [String] = []) throws {
        process.executableURL = PackageLayout.python
        process.arguments = [PackageLayout.supportScript(script).path] + arguments
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
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw TestHarnessError("\(script) did not report a port")
        }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit {
        try? input.fileHandleForWriting.close()
    }
}
