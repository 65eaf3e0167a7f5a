/// Renders a plan as Terraform-compatible text, so that tools scraping `terraform plan`
/// (Atlantis, tfcmt, setup-terraform wrappers) read `dbcopy plan` unchanged:
///
/// ```
///   # job "clients-to-dev": clients → clients_restored (eu-west-1)
///
///   # dynamodb_table.clients_restored will be replaced
///   -/+ restore from the new backup; made by dbcopy on 2026-11-21
///       safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first
///
/// Plan: 2 to add, 0 to change, 1 to destroy.
/// Replacements: dynamodb_table.clients_restored
/// ```
///
/// Errors and warnings are not part of it: `DiagnosticTextRenderer` writes them to stderr.
public struct PlanTextRenderer: Sendable {
    public var style: OutputStyle

    public init(style: OutputStyle = .plain) {
        self.style = style
    }

    /// The whole plan for stdout, ending with a newline.
    public func render(_ plan: Plan) -> String {
        (plan.jobs.flatMap(lines(for:)) + summaryLines(plan.summary)).joined(separator: "\n") + "\n"
    }

    /// One job: each copy's header, notes and changes, each block followed by a blank line.
    func lines(for job: JobPlan) -> [String] {
        guard !job.copies.isEmpty else {
            let errors = job.diagnostics.filter { $0.severity == .error }.count
            let warnings = job.diagnostics.count - errors
            let problems = [
                errors > 0 ? counted(errors, "error") : nil, warnings > 0 ? counted(warnings, "warning") : nil,
            ]
            .compactMap { $0 }
            let suffix = problems.isEmpty ? "" : " (\(problems.joined(separator: ", ")))"
            return ["  " + style.bold("# job \"\(job.name.singleLine)\": no copy planned") + suffix, ""]
        }
        return job.copies.flatMap(lines(for:))
    }

    func lines(for copy: CopyPlan) -> [String] {
        let header = "# job \"\(copy.job)\": \(copy.origin) → \(copy.target) (\(copy.region))"
        var lines = ["  " + style.bold(header.singleLine)]
        // Terraform's own annotation form, `# (…)`: it cannot be taken for a resource header,
        // because an address never starts with "(" and the line never ends in a verb.
        lines += copy.notes.map { "  # (\($0.singleLine))" }
        lines.append("")
        for change in copy.changes {
            lines += self.lines(for: change)
            lines.append("")
        }
        return lines
    }

    /// `# ADDRESS will be VERB`, then `SYMBOL reason` (or `! refused: …`), then details.
    func lines(for change: ResourceChange) -> [String] {
        let header = "  " + style.bold("# \(change.address.singleLine)") + " will be \(change.action.verb)"
        let details = change.details.map { "      " + $0.singleLine }
        guard let refusal = change.refusal else {
            return [header, "  \(style.symbol(change.action)) \(change.reason.singleLine)"] + details
        }
        // What was planned stays visible below the refusal: the reviewer needs both to fix it.
        return [
            header, "  " + style.paint("! refused: \(refusal.singleLine)", .red),
            "      planned: \(change.reason.singleLine)",
        ] + details
    }

    /// The Terraform summary line, the replacements, then why the plan cannot be applied.
    func summaryLines(_ summary: PlanSummary) -> [String] {
        var lines: [String]
        if summary.matchesConfiguration {
            lines = [
                style.paint("No changes.", .bold, .green)
                    + style.bold(" Your infrastructure matches the configuration.")
            ]
        } else {
            lines = [
                style.bold("Plan:")
                    + " \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy."
            ]
        }
        if let replacements = summary.replacementsLine { lines.append(replacements) }
        if summary.refused > 0 {
            let one = summary.refused == 1
            lines += [
                "",
                style.paint("Refused:", .bold, .red)
                    + style.paint(
                        " \(counted(summary.refused, "change")) would break a safeguard (marked \"!\" above); "
                            + "\(one ? "it is" : "they are") not counted in the plan.", .red),
                style.paint(
                    "Apply will change nothing while any change is refused"
                        + (summary.errors == 0 ? " (exit code 3)." : "."), .red),
            ]
        }
        if summary.errors > 0 {
            let one = summary.errors == 1
            lines += [
                "",
                style.paint("Errors:", .bold, .red)
                    + style.paint(
                        " \(counted(summary.errors, "error")) (printed as \"Error: …\"); apply will change nothing "
                            + "until \(one ? "it is" : "they are") fixed (exit code 1).", .red),
            ]
        }
        return lines
    }
}
