import Foundation

/// Small GitHub-Flavored Markdown helpers for the pull-request comment.
enum MarkdownText {
    /// `text` as literal prose: characters that would start emphasis, links, code, tables or
    /// HTML are escaped, so a protect pattern like `*-prod` shows as written.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.singleLine {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// An inline code span that survives backticks inside `text`.
    static func code(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestBacktickRun(in: text) + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return ticks + padding + text + padding + ticks
    }

    /// A fenced code block whose fence is longer than any backtick run in `body`, so that no
    /// line of the body can close it early.
    static func fenced(_ body: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: body) + 1))
        return fence + language + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    /// `<`, `>` and `&` escaped, for text inside HTML elements such as `<summary>`.
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// The length GitHub's comment limit is checked against. UTF-16 code units are never fewer
    /// than characters or code points, so staying under the limit in these is safe either way.
    static func length(_ text: String) -> Int { text.utf16.count }
}
