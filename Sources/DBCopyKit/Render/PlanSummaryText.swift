/// The summary lines every renderer shares, worded exactly as Terraform words them so that
/// tools scraping Terraform output read dbcopy's the same way.
extension PlanSummary {
    /// The exact sentence Terraform prints when there is nothing to do.
    public static let noChangesLine = "No changes. Your infrastructure matches the configuration."

    /// "No changes" is only true when nothing is refused and nothing failed to plan: a plan whose
    /// only change was refused does not match the configuration, it merely changes nothing.
    public var matchesConfiguration: Bool { !hasChanges && refused == 0 && errors == 0 }

    /// `Plan: X to add, Y to change, Z to destroy.` (refused changes not counted), or
    /// `No changes. Your infrastructure matches the configuration.`
    public var line: String {
        matchesConfiguration ? Self.noChangesLine : "Plan: \(add) to add, \(change) to change, \(destroy) to destroy."
    }

    /// `Replacements: addr1, addr2`, or nil when nothing is replaced.
    public var replacementsLine: String? {
        replacements.isEmpty ? nil : "Replacements: " + replacements.joined(separator: ", ")
    }
}

/// Terraform-style counts of any set of changes (one job, one copy), refused changes apart;
/// `PlanSummary` is the same for a whole plan.
struct ChangeTally: Equatable {
    var add = 0
    var change = 0
    var destroy = 0
    var refused = 0

    init<Changes: Sequence>(_ changes: Changes) where Changes.Element == ResourceChange {
        for item in changes {
            guard item.refusal == nil else {
                refused += 1
                continue
            }
            let counts = item.counts
            add += counts.add
            change += counts.change
            destroy += counts.destroy
        }
    }

    /// `3 to add, 1 to change, 0 to destroy`, and `, 1 refused` when something is.
    var text: String {
        "\(add) to add, \(change) to change, \(destroy) to destroy" + (refused > 0 ? ", \(refused) refused" : "")
    }
}

/// `1 error`, `2 warnings`: English counts for messages.
func counted(_ count: Int, _ noun: String) -> String {
    counted(count, noun, plural: noun + "s")
}

/// `1 copy`, `2,000 copies`.
func counted(_ count: Int, _ noun: String, plural: String) -> String {
    "\(HumanFormat.count(Int64(count))) \(count == 1 ? noun : plural)"
}
