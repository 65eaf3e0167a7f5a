/// The callouts above the plan in a pull-request comment: refused changes, errors, warnings.
/// They must be seen without expanding anything, and must not crowd out the plan, so the
/// lists stop at `budget` characters and say how many items they left out.
struct MarkdownProblems {
    let plan: Plan
    let budget: Int

    private struct Callout {
        var kind: String
        var title: String
        var items: [String]
    }

    func render() -> String {
        let summary = plan.summary
        var callouts: [Callout] = []
        let refused = plan.copies.flatMap { copy in
            copy.changes.compactMap { change in
                change.refusal.map {
                    "\(MarkdownText.code(change.address)) (job \(MarkdownText.code(copy.job))): \(MarkdownText.escaped($0))"
                }
            }
        }
        if !refused.isEmpty {
            let exit = summary.errors == 0 ? " (exit code 3)" : ""
            callouts.append(
                Callout(
                    kind: "CAUTION",
                    title:
                        "\(counted(refused.count, "change")) refused by safeguards: apply will change nothing\(exit).",
                    items: refused))
        }
        let errors = plan.errors
        if !errors.isEmpty {
            let them = errors.count == 1 ? "it is" : "they are"
            callouts.append(
                Callout(
                    kind: "CAUTION",
                    title:
                        "\(counted(errors.count, "error")): apply will change nothing until \(them) fixed (exit code 1).",
                    items: errors.map(item(for:))))
        }
        let warnings = plan.warnings
        if !warnings.isEmpty {
            callouts.append(
                Callout(kind: "WARNING", title: counted(warnings.count, "warning"), items: warnings.map(item(for:))))
        }
        var remaining = budget
        return callouts.map { render($0, remaining: &remaining) }.joined()
    }

    private func item(for diagnostic: Diagnostic) -> String {
        MarkdownText.escaped(diagnostic.message)
            + (DiagnosticTextRenderer.location(of: diagnostic).map { " (\(MarkdownText.code($0)))" } ?? "")
    }

    /// The callout with as many items as `remaining` allows, the rest counted.
    private func render(_ callout: Callout, remaining: inout Int) -> String {
        var text = "> [!\(callout.kind)]\n> **\(callout.title)**\n"
        remaining -= MarkdownText.length(text) + 1
        // Room for the "… and N more" line, so that it always fits.
        let moreLine = 120
        for (index, item) in callout.items.enumerated() {
            let line = "> - \(item)\n"
            let isLast = index == callout.items.count - 1
            guard MarkdownText.length(line) <= remaining - (isLast ? 0 : moreLine) else {
                let left = callout.items.count - index
                text += "> - … and \(left) more: the full list is in the CI log and in `dbcopy plan --format json`.\n"
                remaining -= moreLine
                break
            }
            text += line
            remaining -= MarkdownText.length(line)
        }
        return text + "\n"
    }
}
