import AWSClient
import Foundation

/// Calls DescribeTable many times at a given concurrency and prints one JSON line: wall time,
/// calls per second, client CPU time per call (getrusage of this process) and the TCP
/// connections the transport opened. Driven by `benchmarks/aws-describe-table`.
///
/// Usage: AWSBench --endpoint URL --table NAME [--calls 2000] [--concurrency 16] [--warmup 20]
@main
struct AWSBench {
    static func main() async {
        do {
            try await run(Arguments(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("AWSBench: \(error)\n".utf8))
            exit(1)
        }
    }

    struct Arguments {
        var endpoint = ""
        var table = ""
        var calls = 2000
        var concurrency = 1
        var warmup = 20

        init<S: Sequence<String>>(_ arguments: S) throws {
            var iterator = arguments.makeIterator()
            while let flag = iterator.next() {
                guard let value = iterator.next() else { throw ConfigurationError("\(flag) needs a value") }
                switch flag {
                case "--endpoint": endpoint = value
                case "--table": table = value
                case "--calls": calls = Int(value) ?? calls
                case "--concurrency": concurrency = max(1, Int(value) ?? concurrency)
                case "--warmup": warmup = Int(value) ?? warmup
                default: throw ConfigurationError("unknown option \(flag)")
                }
            }
            guard !endpoint.isEmpty, !table.isEmpty else {
                throw ConfigurationError("--endpoint and --table are required")
            }
        }
    }

    static func run(_ arguments: Arguments) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let session = try AWSSession(
            options: AWSSessionOptions(
                endpointURL: arguments.endpoint, userAgent: "dbcopy/bench", environment: environment))
        let client = try session.dynamoDB(region: session.resolveRegion(jobRegion: nil))
        for _ in 0..<arguments.warmup { _ = try await client.describeTable(tableName: arguments.table) }

        let connectionsBefore = CurlTransport.shared.connectionsOpened
        let cpuBefore = cpuSeconds()
        let started = ContinuousClock.now
        let remaining = Counter(arguments.calls)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<arguments.concurrency {
                group.addTask {
                    while remaining.take() { _ = try await client.describeTable(tableName: arguments.table) }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = cpuSeconds() - cpuBefore
        let result: [String: Double] = [
            "calls": Double(arguments.calls), "concurrency": Double(arguments.concurrency), "seconds": seconds,
            "calls_per_second": Double(arguments.calls) / seconds,
            "cpu_ms_per_call": cpu * 1000 / Double(arguments.calls),
            "connections": Double(CurlTransport.shared.connectionsOpened - connectionsBefore),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// User plus system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Hands out the remaining call count to the workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(_ count: Int) { left = count }
    func take() -> Bool {
        lock.withLock {
            guard left > 0 else { return false }
            left -= 1
            return true
        }
    }
}
