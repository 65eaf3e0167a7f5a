import Foundation

/// The table that ends every apply, and Terraform's closing line.
public enum ApplySummary {
    public static func text(_ report: ApplyReport) -> String {
        let header = ["JOB", "ORIGIN", "RESULT", "TARGET", "DURATION"]
        let rows = report.outcomes.map { outcome in
            [
                outcome.copy.job, outcome.copy.origin, resultText(outcome.result), outcome.copy.target,
                outcome.result == .unchanged ? "-" : HumanFormat.age(outcome.duration),
            ]
        }
        var widths = header.map(\.count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var output = "\n" + line(header) + "\n" + rows.map(line).joined(separator: "\n") + "\n\n"
        let counts = "Resources: \(report.added) added, \(report.changed) changed, \(report.destroyed) destroyed."
        let problems = report.outcomes.filter { [.failed, .refused, .skipped].contains($0.result) }
        if problems.isEmpty {
            output += "Apply complete! \(counts)\n"
        } else {
            for outcome in problems {
                output +=
                    "Error: job \"\(outcome.copy.job)\" (\(outcome.copy.origin)): \(outcome.message ?? outcome.result.rawValue)\n"
            }
            let what = report.interrupted ? "Apply interrupted" : "Apply failed"
            output += "\n\(what): \(problems.count) of \(report.outcomes.count) copies did not complete. \(counts)\n"
        }
        return output
    }

    public static func json(_ report: ApplyReport) -> String { ApplyJSONEvents.summary(report) + "\n" }

    private static func resultText(_ result: CopyOutcome.Result) -> String {
        switch result {
        case .succeeded: return "done"
        case .failed: return "FAILED"
        case .refused: return "REFUSED"
        case .skipped: return "skipped"
        case .unchanged: return "up to date"
        }
    }
}
