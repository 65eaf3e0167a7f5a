/// Checks on a plan file's raw bytes, made before libyaml sees them: each turns a hostile or
/// broken file into one clear error instead of a parser's cryptic one (or a long parse).
enum PlanFileBytes {
    /// Files larger than this are refused before they are parsed: a plan of 1,000 jobs is
    /// about a quarter of it.
    static let maximumSize = 1_048_576

    /// Whether the text is JSON (flow syntax from its first character) rather than block YAML.
    /// libyaml reads both; the difference matters for tabs, which JSON may use for indentation.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                return true
            default:
                return false
            }
        }
        return false
    }

    /// The position of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8], file: String) -> Diagnostic? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += scalar.utf8.count
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                let byte = offset < bytes.count ? bytes[offset] : 0
                let hex = String(byte, radix: 16, uppercase: true)
                return .error(
                    "the file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex) cannot start or "
                        + "continue a character here); save the plan file as UTF-8",
                    at: SourceMark(file: file, line: line, column: column))
            }
        }
    }

    /// The first control character YAML forbids (C0 other than tab, LF, CR; DEL; C1 other than
    /// NEL). libyaml reports these at 1:1, wherever they are, so dbcopy finds them itself.
    /// Expects valid UTF-8.
    static func firstControlCharacter(_ bytes: [UInt8], file: String) -> Diagnostic? {
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            let isC0 = byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
            let isC1 =
                byte == 0xC2 && offset + 1 < bytes.count && (0x80...0x9F).contains(bytes[offset + 1])
                && bytes[offset + 1] != 0x85
            if isC0 || byte == 0x7F || isC1 {
                let scalar = isC1 ? UInt32(bytes[offset + 1]) : UInt32(byte)
                let hex = String(scalar, radix: 16, uppercase: true)
                let before = String(decoding: bytes[..<offset], as: UTF8.self)
                let line = before.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                return .error(
                    "the file contains the control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex); "
                        + "plan files are text: remove it",
                    at: SourceMark(file: file, line: line.count, column: (line.last?.count ?? 0) + 1))
            }
            offset += 1
        }
        return nil
    }

    /// Lines of block YAML indented with tabs. YAML forbids tabs in indentation and libyaml's
    /// own message ("found character that cannot start any token") does not say so. One error
    /// for the first line, with a count of the others.
    static func tabIndentation(_ text: String, file: String) -> Diagnostic? {
        var first: SourceMark?
        var count = 0
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            guard let tab = indentation.firstIndex(of: "\t") else { continue }
            count += 1
            if first == nil {
                first = SourceMark(
                    file: file, line: number + 1, column: line.distance(from: line.startIndex, to: tab) + 1)
            }
        }
        guard let first else { return nil }
        let others = count > 1 ? " (\(count - 1) more line\(count == 2 ? "" : "s") too)" : ""
        return .error(
            "this line is indented with a tab\(others); YAML indentation must use spaces", at: first)
    }
}
