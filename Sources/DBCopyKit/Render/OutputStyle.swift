import Foundation

/// A standard stream dbcopy writes to. Colour is decided per stream: `dbcopy plan > plan.txt`
/// keeps colour off in the file while errors on the terminal still get it.
public enum StandardStream: Sendable {
    case output
    case error

    public var fileDescriptor: Int32 {
        switch self {
        case .output: return STDOUT_FILENO
        case .error: return STDERR_FILENO
        }
    }
}

/// What the colour decision reads from the process: environment variables and whether a file
/// descriptor is a terminal. Injected so that tests decide colour without a terminal.
public struct TerminalEnvironment: Sendable {
    public var variables: [String: String]
    public var isTerminal: @Sendable (Int32) -> Bool

    public init(variables: [String: String], isTerminal: @escaping @Sendable (Int32) -> Bool) {
        self.variables = variables
        self.isTerminal = isTerminal
    }

    /// The running process: its environment and `isatty(3)`.
    public static var process: TerminalEnvironment {
        TerminalEnvironment(variables: ProcessInfo.processInfo.environment) { isatty($0) != 0 }
    }
}

/// How text output looks: today only whether it is coloured. Every renderer takes one, and
/// `OutputStyle.for(_:noColorFlag:environment:)` is the only place that decides it.
public struct OutputStyle: Sendable, Equatable {
    /// ANSI colours and bold.
    public var colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    /// No escape sequences at all: files, pipes, CI logs, Markdown, golden files.
    public static let plain = OutputStyle(colour: false)
    /// Colours and bold, as on a terminal.
    public static let coloured = OutputStyle(colour: true)

    /// Colour only when all hold (https://no-color.org, and swift-format's TTY check):
    /// - `--no-color` was not given;
    /// - `NO_COLOR` is unset or empty (any non-empty value disables colour);
    /// - `TERM` is not `dumb` (an unset `TERM` does not disable colour);
    /// - the stream is a terminal.
    public static func `for`(
        _ stream: StandardStream, noColorFlag: Bool, environment: TerminalEnvironment = .process
    ) -> OutputStyle {
        if noColorFlag { return .plain }
        if let noColor = environment.variables["NO_COLOR"], !noColor.isEmpty { return .plain }
        if environment.variables["TERM"] == "dumb" { return .plain }
        return OutputStyle(colour: environment.isTerminal(stream.fileDescriptor))
    }
}

extension OutputStyle {
    /// SGR codes dbcopy uses; Terraform's palette (green add, red destroy, yellow update).
    enum Paint: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    /// `text` wrapped in the escape sequences for `paints`, or `text` itself without colour.
    /// Each painted span resets at its end, so spans never leak into the next line.
    func paint(_ text: String, _ paints: Paint...) -> String {
        guard colour, !paints.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + paints.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    func bold(_ text: String) -> String { paint(text, .bold) }

    /// A Terraform action symbol in its colour; `-/+` is a red `-` and a green `+`.
    func symbol(_ action: ResourceChange.Action) -> String {
        switch action {
        case .create: return paint("+", .green)
        case .update: return paint("~", .yellow)
        case .destroy: return paint("-", .red)
        case .replace: return paint("-", .red) + "/" + paint("+", .green)
        }
    }
}
