import Foundation
import TestSupport

/// One `seed_tables.py serve` for the whole test process, answering seeding and describing
/// commands concurrently. Importing boto3 and making its clients costs about half a second of
/// CPU; paid once per command, that was most of these tests' CPU time on a 2-core machine.
///
/// Like the moto server, it serves until its stdin closes, so it never outlives the test process.
actor Boto3Helper {
    static let shared = Boto3Helper()

    private var input: FileHandle?
    private var process: Process?
    private var waiting: [Int: CheckedContinuation<String, any Error>] = [:]
    private var lastID = 0

    /// Runs `seed_tables.py ARGV` in the helper; returns what the command prints.
    func run(_ argv: [String]) async throws -> String {
        let input = try started()
        lastID += 1
        let id = lastID
        var line = try JSONSerialization.data(withJSONObject: ["id": id, "argv": argv] as [String: Any])
        line.append(UInt8(ascii: "\n"))
        return try await withCheckedThrowingContinuation { continuation in
            waiting[id] = continuation
            input.write(line)
        }
    }

    private func started() throws -> FileHandle {
        if let input { return input }
        let process = Process()
        process.executableURL = PackageLayout.python
        process.arguments = [PackageLayout.supportScript("seed_tables.py").path, "serve"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        let output = stdout.fileHandleForReading
        Thread { Self.readAnswers(output, to: self) }.start()
        return stdin.fileHandleForWriting
    }

    /// Reads answer lines until the helper's stdout ends, handing each to its caller.
    private nonisolated static func readAnswers(_ output: FileHandle, to helper: Boto3Helper) {
        var buffer = Data()
        while true {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                guard let answer = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                    let id = answer["id"] as? Int
                else { continue }
                let result: Result<String, any Error> =
                    if let output = answer["output"] as? String { .success(output) } else {
                        .failure(TestHarnessError("seed_tables.py: \(answer["error"] as? String ?? "no answer")"))
                    }
                Task { await helper.answer(id, result) }
            }
        }
        Task { await helper.ended() }
    }

    private func answer(_ id: Int, _ result: Result<String, any Error>) {
        waiting.removeValue(forKey: id)?.resume(with: result)
    }

    /// The helper died: fail whoever waits, and start a new one for the next command.
    private func ended() {
        for continuation in waiting.values {
            continuation.resume(throwing: TestHarnessError("seed_tables.py serve ended"))
        }
        waiting = [:]
        input = nil
        process = nil
    }
}
