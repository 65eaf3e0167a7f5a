import Foundation

/// Whether to colour output, and the ANSI codes to do it.
///
/// Colour only when the stream is a terminal, `TERM` is not `dumb`, and neither `NO_COLOR`
/// (https://no-color.org: set and not empty) nor `--no-color` asks for plain text, so that logs,
/// pipes and CI never get escape codes.
public struct TerminalStyle: Sendable {
    public var isEnabled: Bool

    public init(isEnabled: Bool) { self.isEnabled = isEnabled }

    public static func forStream(
        _ descriptor: Int32, noColorFlag: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalStyle {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(isEnabled: isatty(descriptor) == 1 && !dumb && !noColor && !noColorFlag)
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func yellow(_ text: String) -> String { wrap(text, "1;33") }
    public func green(_ text: String) -> String { wrap(text, "1;32") }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
