extension String {
    /// This text with control characters made visible (`\n`, `\t`, `\u{1B}`), for one line of
    /// output. Reasons, notes and messages quote plan-file values (protect patterns, tag
    /// values); a newline in one must not start a line that scrapers read as a resource header
    /// or a summary, and an escape character must not reach the terminal.
    var singleLine: String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.isControl: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters (and DEL).
    fileprivate var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
