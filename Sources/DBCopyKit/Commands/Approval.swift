import Foundation

/// Safeguard 5: a person types `yes`. Only on a terminal; without one, apply refuses unless
/// `--auto-approve` was given.
enum Approval {
    static func ask(console: Console) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else {
            console.error(
                "apply needs approval: no terminal to ask on. Review the plan above and run again "
                    + "with --auto-approve, or apply a saved plan from `dbcopy plan --out`")
            return false
        }
        console.output.write(
            "\nDo you want to perform these actions?\n"
                + "  dbcopy will perform the actions described above.\n"
                + "  Only 'yes' will be accepted to approve.\n\n"
                + "  Enter a value: ")
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
        console.output.write("\n")
        guard answer == "yes" else {
            console.error("apply not approved (only 'yes' approves); nothing was changed")
            return false
        }
        return true
    }
}
