import Foundation

/// The regular expressions of a plan file (`origin: {match}`, rotation `pattern`): ICU syntax
/// (inline flags such as `(?i)`), replacement templates with `$0` for the whole match and
/// `$1`…`$9` for groups, every match replaced (as Java's `replaceAll`).
public struct PlanRegex: @unchecked Sendable, Equatable {
    // NSRegularExpression is immutable once built and documented as thread-safe.
    private let expression: NSRegularExpression
    public let pattern: String

    /// Compiles `pattern`; the error text says what is wrong with it.
    public init(_ pattern: String) throws(RegexError) {
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw RegexError(pattern: pattern)
        }
        self.pattern = pattern
    }

    public static func == (lhs: PlanRegex, rhs: PlanRegex) -> Bool { lhs.pattern == rhs.pattern }

    /// Whether the pattern matches anywhere in `text` (use `^…$` to anchor).
    public func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `text` with every match replaced by `template`.
    public func replacing(in text: String, with template: String) -> String {
        expression.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}

public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public var description: String {
        "'\(pattern)' is not a valid regular expression (ICU syntax, e.g. \"(?i)-production$\")"
    }
}
