/// The text inside the comment's ```` ```diff ```` block: the whole text plan, or, when that is
/// too long, one line per job.
enum MarkdownPlanBody {
    /// The text plan without colour and without its two-space indent: GitHub colours a diff
    /// line by its first character, so `+`, `-`, `-/+` and `!` must start at column 1.
    static func full(_ plan: Plan) -> String {
        let text = PlanTextRenderer(style: .plain).render(plan)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("  ") ? $0.dropFirst(2) : $0 }
            .joined(separator: "\n")
    }

    /// One line per job, as many as `budget` characters hold, then a line counting the jobs
    /// left out (with their totals), then the plan's summary line.
    static func collapsed(_ plan: Plan, budget: Int) -> (text: String, hiddenJobs: Int) {
        let summary = plan.summary
        let tail = "\n" + summary.line + "\n"
        // Room for the "… N more jobs" line, so that it always fits.
        let moreLine = 160
        var remaining = budget - MarkdownText.length(tail)
        var text = ""
        var shown = 0
        for (index, job) in plan.jobs.enumerated() {
            let line = self.line(for: job) + "\n"
            let isLast = index == plan.jobs.count - 1
            guard MarkdownText.length(line) <= remaining - (isLast ? 0 : moreLine) else { break }
            text += line
            remaining -= MarkdownText.length(line)
            shown += 1
        }
        let hidden = plan.jobs.dropFirst(shown)
        if !hidden.isEmpty {
            let tally = ChangeTally(hidden.flatMap(\.copies).flatMap(\.changes))
            text += "… \(counted(hidden.count, "more job")) not shown: \(tally.text)\n"
        }
        return (text + tail, hidden.count)
    }

    /// `job "x": 3 to add, 1 to change, 0 to destroy`; a job with refusals or errors starts
    /// with `!`, which GitHub highlights.
    static func line(for job: JobPlan) -> String {
        let tally = ChangeTally(job.copies.flatMap(\.changes))
        let errors = job.diagnostics.filter { $0.severity == .error }.count
        let copies = job.copies.count > 1 ? " (\(counted(job.copies.count, "copy", plural: "copies")))" : ""
        let changes = job.copies.isEmpty ? "no copy planned" : tally.text
        let problems = errors > 0 ? " (\(counted(errors, "error")))" : ""
        let flag = tally.refused > 0 || errors > 0 ? "! " : ""
        return "\(flag)job \"\(job.name.singleLine)\"\(copies): \(changes)\(problems)"
    }
}
