import Foundation
import TestSupport

/// Fake credentials made fresh for each test run, shaped like real ones (a 20-character key id,
/// a 40-character base64 secret with `/` and `+`, a long session token), and what counts as
/// one of them showing in some output.
struct TestSecrets: Sendable {
    let accessKeyID: String
    let secretAccessKey: String
    let sessionToken: String

    /// Random per run, so no value can be special-cased anywhere; moto accepts any.
    static func random() -> TestSecrets {
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        func draw(_ alphabet: [Character], _ count: Int) -> String {
            String((0..<count).map { _ in alphabet.randomElement()! })
        }
        // Letters first so that no secret starts with "-" or "/" and reads as an option or path.
        return TestSecrets(
            accessKeyID: "ASIA" + draw(upper, 16),
            secretAccessKey: "S" + draw(base64, 39),
            sessionToken: "IQoJ" + draw(base64, 252))
    }

    /// The secret key and the session token are secrets. The access key id is not (AWS puts it
    /// in every Authorization header and in CloudTrail), but dbcopy never needs to print it,
    /// and in a CI log it tells an attacker whose key a leaked secret belongs to; its common
    /// "ASIA"/"AKIA" prefix is left out, the 16 characters that identify the key are not.
    var watched: [(name: String, value: String)] {
        [
            ("the secret access key", secretAccessKey), ("the session token", sessionToken),
            ("the access key id", String(accessKeyID.dropFirst(4))),
        ]
    }

    /// The shortest run of a secret's characters that counts as a leak. Any prefix of 8 or
    /// more characters contains the first 8; every 8-character window is checked, so a masked
    /// form that keeps the end ("****…AB12CD34") or a cut-off middle counts too. Random text
    /// matches an 8-character window of these by chance about once in 10^14 characters.
    static let shortestLeak = 8

    /// Every leak in `text`, described without the secret itself: empty when there is none.
    /// The text is also read with JSON's `\/` escape and percent-encoding undone, so that an
    /// escaped copy of a secret with `/` or `+` in it cannot slip through.
    func leaks(in text: String, from source: String) -> [String] {
        let forms = [text, Self.unescaped(text)]
        var found: [String] = []
        for (name, value) in watched {
            let characters = Array(value)
            for start in 0...(characters.count - Self.shortestLeak) {
                let window = String(characters[start..<(start + Self.shortestLeak)])
                guard let form = forms.first(where: { $0.contains(window) }) else { continue }
                let offset = form.range(of: window).map { form.distance(from: form.startIndex, to: $0.lowerBound) } ?? 0
                found.append(
                    "\(source): characters \(start)-\(start + Self.shortestLeak - 1) of \(name) at offset \(offset)")
                break
            }
        }
        return found
    }

    private static func unescaped(_ text: String) -> String {
        // Only the escapes a base64 secret's characters get: a general percent-decoding would
        // give up on the whole text at the first stray "%".
        let escapes = [
            "\\/": "/", "\\u002F": "/", "\\u002f": "/", "\\u002B": "+",
            "%2F": "/", "%2f": "/", "%2B": "+", "%2b": "+",
        ]
        return escapes.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// The environment for a child `dbcopy` with these credentials in the standard variables.
    func environment(endpoint: LocalAWSEndpoint, extra: [String: String] = [:]) async throws -> [String: String] {
        var variables = [
            "AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_SESSION_TOKEN": sessionToken,
            // Restores and backups are instant on moto: poll every 50 ms instead of every second.
            "DBCOPY_POLL_INTERVAL_MS": "50",
        ]
        for (key, value) in extra { variables[key] = value }
        return try await endpoint.environment(extra: variables)
    }
}

/// Runs a child process (`dbcopy`, a support script) off Swift's cooperative pool: the pool has
/// one thread per core, two here, and a test blocked on a child for seconds there stalls every
/// other suite's async work (a 300 ms transport timeout once measured 25 s).
func offPool(_ body: @escaping @Sendable () throws -> ProcessResult) async throws -> ProcessResult {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// The `--debug` lines of a run's stderr: `debug: dynamodb DescribeTable 200 8ms attempt=1 request-id=…`.
func debugLines(_ stderr: String) -> [Substring] {
    stderr.split(separator: "\n").filter { $0.hasPrefix("debug: ") }
}

/// Whether a `--debug` line has every field, and a real request id (moto sends one with every answer).
func isCompleteDebugLine(_ line: Substring) -> Bool {
    line.wholeMatch(of: #/debug: (dynamodb|ssm|sts) [A-Za-z]+ \d{3} \d+ms attempt=\d+ request-id=[A-Za-z0-9-]{8,}/#)
        != nil
}
