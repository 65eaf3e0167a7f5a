import DBCopyKit
import Testing

@Suite("Render: colour decision")
struct RenderColourTests {
    /// An environment whose only terminal is `terminalDescriptor` (nil: none).
    private func environment(_ variables: [String: String], terminal terminalDescriptor: Int32?) -> TerminalEnvironment
    {
        TerminalEnvironment(variables: variables) { $0 == terminalDescriptor }
    }

    @Test("a terminal gets colour; a pipe or file does not")
    func terminalOnly() {
        let onTerminal = environment(["TERM": "xterm-256color"], terminal: StandardStream.output.fileDescriptor)
        #expect(OutputStyle.for(.output, noColorFlag: false, environment: onTerminal) == .coloured)
        // stdout is the terminal, stderr is redirected: each stream decides for itself.
        #expect(OutputStyle.for(.error, noColorFlag: false, environment: onTerminal) == .plain)
        #expect(
            OutputStyle.for(.output, noColorFlag: false, environment: environment(["TERM": "xterm"], terminal: nil))
                == .plain)
    }

    @Test("an unset TERM does not disable colour on a terminal (swift-format's rule)")
    func unsetTerm() {
        #expect(OutputStyle.for(.error, noColorFlag: false, environment: environment([:], terminal: 2)) == .coloured)
    }

    @Test(
        "never with --no-color, a non-empty NO_COLOR or TERM=dumb, even on a terminal",
        arguments: [
            (["TERM": "xterm"], true),
            (["TERM": "xterm", "NO_COLOR": "1"], false),
            (["TERM": "xterm", "NO_COLOR": "0"], false),
            (["TERM": "dumb"], false),
        ])
    func disabled(variables: [String: String], noColorFlag: Bool) {
        let colour = OutputStyle.for(
            .output, noColorFlag: noColorFlag, environment: environment(variables, terminal: 1))
        #expect(colour == .plain)
    }

    @Test("an empty NO_COLOR is as if unset (no-color.org)")
    func emptyNoColor() {
        let env = environment(["TERM": "xterm", "NO_COLOR": ""], terminal: 1)
        #expect(OutputStyle.for(.output, noColorFlag: false, environment: env) == .coloured)
    }
}
