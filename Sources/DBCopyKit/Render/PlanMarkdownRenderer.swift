/// Renders a plan as a pull-request comment (GitHub-Flavored Markdown):
///
/// - a heading with the Terraform summary line, and the plan file, its digest and the time;
/// - refusals, errors and warnings as callouts, visible without expanding anything;
/// - the text plan (no colour) in a ```` ```diff ```` block inside `<details>`.
///
/// Inside the diff block every line loses the text plan's two-space indent, so that `+`, `-`,
/// `-/+` and `!` lines start at column 1, where GitHub's diff highlighting looks for them
/// (details keep four spaces and stay neutral). The comment stays under `limit` characters
/// however large the plan: past it, each job collapses to one line, and past that, the jobs
/// that do not fit are counted instead of shown.
public struct PlanMarkdownRenderer: Sendable {
    /// GitHub rejects comments over 65,536 characters; the margin leaves room for a bot's
    /// own header or footer.
    public static let defaultLimit = 65_000

    /// The most characters (UTF-16 code units) the comment may have.
    public var limit: Int

    public init(limit: Int = defaultLimit) {
        self.limit = limit
    }

    /// The whole comment, ending with a newline, at most `limit` UTF-16 code units long.
    public func render(_ plan: Plan) -> String {
        let summary = plan.summary
        var head = "### \(MarkdownText.escaped(summary.line))\n\n" + metadataLine(plan) + "\n\n"
        // Callouts get at most a quarter of the room; the plan itself needs the rest.
        head += MarkdownProblems(plan: plan, budget: limit / 4).render()

        let copies = plan.copies.count
        let fullSummary =
            "Show the plan (\(counted(plan.jobs.count, "job")), \(counted(copies, "copy", plural: "copies")))"
        let fullBody = MarkdownPlanBody.full(plan)
        let fullDocument = head + details(summary: fullSummary, body: fullBody)
        if MarkdownText.length(fullDocument) <= limit { return fullDocument }

        let collapsedSummary = "Show the plan, one line per job (\(counted(plan.jobs.count, "job")))"
        let overhead = MarkdownText.length(
            head + details(summary: collapsedSummary, body: "") + Self.longNotice(hidden: Int.max))
        let collapsed = MarkdownPlanBody.collapsed(plan, budget: max(0, limit - overhead))
        return head + Self.longNotice(hidden: collapsed.hiddenJobs)
            + details(summary: collapsedSummary, body: collapsed.text)
    }

    /// `` `dbcopy.yaml` · sha256:0123456789ab · planned 2026-11-22 10:15 UTC ``.
    private func metadataLine(_ plan: Plan) -> String {
        let digest = plan.planFile.digest
        let shortDigest = digest.hasPrefix("sha256:") ? String(digest.prefix("sha256:".count + 12)) : digest
        var parts = [MarkdownText.code(plan.planFile.path), MarkdownText.code(shortDigest)]
        if let selected = plan.selectedJobs {
            parts.append("jobs " + selected.map(MarkdownText.code).joined(separator: ", "))
        }
        parts.append(
            "planned \(HumanFormat.minute(plan.createdAt)) by dbcopy \(MarkdownText.escaped(plan.dbcopyVersion))")
        return parts.joined(separator: " · ")
    }

    private func details(summary: String, body: String) -> String {
        "<details><summary>\(MarkdownText.htmlEscaped(summary))</summary>\n\n"
            + MarkdownText.fenced(body, language: "diff") + "\n</details>\n"
    }

    /// Said above the collapsed plan, so that nobody takes it for the whole plan.
    static func longNotice(hidden: Int) -> String {
        let rest = hidden == 0 ? "" : ", and the last \(counted(hidden, "job")) only as a total"
        return "> [!NOTE]\n> This plan is too long for a comment, so each job is shown as one line\(rest). "
            + "The full plan is in the CI log, and in `dbcopy plan --format json`.\n\n"
    }
}
