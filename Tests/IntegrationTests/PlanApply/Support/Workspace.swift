import Foundation
import TestSupport
import Testing

/// One test's corner of the shared local AWS endpoint, as a user has it: a working directory
/// holding the plan file, the environment `dbcopy` runs with, and a name prefix that no other
/// test uses (moto is shared by every test of the process, so every table, job, backup and
/// SSM parameter name starts with `prefix`).
///
/// `dbcopy` reaches AWS through `environment` (moto, or an `AWSProxy` in front of it); the test
/// seeds and checks live state with boto3 straight at moto (`Tests/Support/seed_tables.py`), an
/// independent client that no proxy slows down or counts.
final class Workspace: Sendable {
    /// `it-1a2b3c4d`: starts every name this test makes.
    let prefix: String
    /// The working directory of every `dbcopy` run; removed when the workspace goes away.
    let directory: URL
    /// The environment of every `dbcopy` run.
    let environment: [String: String]
    /// moto itself.
    let moto: URL

    private init(prefix: String, directory: URL, environment: [String: String], moto: URL) {
        self.prefix = prefix
        self.directory = directory
        self.environment = environment
        self.moto = moto
    }

    /// A workspace whose `dbcopy` runs talk to moto directly, or through `proxy`.
    static func make(proxy: AWSProxy? = nil) async throws -> Workspace {
        // Short polls: moto answers at once, and a proxy's slow transitions last seconds, not minutes.
        let polling = ["DBCOPY_POLL_INTERVAL_MS": "50", "DBCOPY_POLL_MAX_INTERVAL_MS": "200"]
        let environment =
            if let proxy { try await proxy.environment(extra: polling) } else {
                try await LocalAWSEndpoint.shared.environment(extra: polling)
            }
        let directory = try TestSessions.temporaryDirectory()
        return Workspace(
            prefix: uniqueName("it"), directory: directory, environment: environment,
            moto: try await LocalAWSEndpoint.shared.endpointURL())
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` in the working directory; returns `name`, as a user would pass it.
    @discardableResult
    func write(_ text: String, to name: String = "dbcopy.yaml") throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return name
    }

    func path(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Runs `dbcopy ARGUMENTS` to the end, stdin a pipe (not a terminal) holding `stdin`.
    func dbcopy(_ arguments: [String], stdin: String? = nil) async throws -> ProcessResult {
        let (environment, directory) = (self.environment, self.directory)
        return try await offThread {
            try ProcessRunner.dbcopy(arguments, environment: environment, stdin: stdin, workingDirectory: directory)
        }
    }

    /// `apply --auto-approve`, which must succeed: the state a test starts from.
    func applied(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await dbcopy(["apply", "--auto-approve"])
        try #require(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
    }

    /// Runs `dbcopy ARGUMENTS` on a pseudo-terminal and types `answer` at the confirmation prompt
    /// (`Tests/Support/pty_run.py`). `stdout` is everything the terminal showed, stderr included.
    func dbcopyOnTerminal(_ arguments: [String], answer: String?) async throws -> ProcessResult {
        var runner = ["--timeout", "120", "--cwd", directory.path]
        if let answer { runner += ["--answer", answer] }
        let command = runner + ["--", PackageLayout.dbcopyBinary.path] + arguments
        let environment = self.environment
        return try await offThread { try ProcessRunner.python("pty_run.py", command, environment: environment) }
    }

    /// Starts `dbcopy ARGUMENTS` and returns at once, to interrupt or kill it.
    func start(_ arguments: [String]) throws -> RunningCommand {
        try RunningCommand(arguments, environment: environment, directory: directory)
    }

    /// Runs `seed_tables.py --endpoint MOTO ARGUMENTS` (in the process-wide helper); its output.
    func seedTables(_ arguments: [String]) async throws -> String {
        try await Boto3Helper.shared.run(["--endpoint", moto.absoluteString] + arguments)
    }
}

/// Runs blocking work (a child process) on a thread of its own rather than on one of Swift
/// concurrency's few shared threads (two on a 2-core CI machine), so that tests waiting for
/// their processes do not hold up each other.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Waits until `condition` holds, checking every 50 ms. The timeout only catches a hang; no test
/// depends on how fast the condition comes true.
func eventually(
    _ what: String, timeout: TimeInterval = 60, _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try await !condition() {
        guard Date() < deadline else { throw TestHarnessError("timed out after \(Int(timeout))s waiting for \(what)") }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
}
