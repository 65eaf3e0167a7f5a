import Foundation
import TestSupport
import Testing

/// Compares rendered output with a file in `Tests/Fixtures/golden/`. With
/// `DBCOPY_UPDATE_GOLDEN=1` in the environment it rewrites the file instead (review the diff
/// with git before committing); otherwise any difference, or a missing file, fails the test.
enum GoldenFile {
    static var updating: Bool { ProcessInfo.processInfo.environment["DBCOPY_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, against relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = PackageLayout.fixture("golden/" + relative)
        if updating {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("could not write golden file \(relative): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "golden file \(relative) is missing; run the tests with DBCOPY_UPDATE_GOLDEN=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let message =
            "output differs from golden file \(relative) (DBCOPY_UPDATE_GOLDEN=1 rewrites it)\n"
            + firstDifference(expected: expected, actual: actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// The first line that differs, with escape characters made visible.
    static func firstDifference(expected: String, actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
            if want != got {
                return "line \(index + 1):\n  expected: \(visible(want))\n  actual:   \(visible(got))"
            }
        }
        return "(the same lines; the difference is in line endings)"
    }

    private static func visible(_ text: String) -> String { text.replacingOccurrences(of: "\u{1B}", with: "\\e") }
}
