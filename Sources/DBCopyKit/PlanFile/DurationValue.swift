/// A duration as written in a plan file: one or more `<number><unit>` with units
/// `s`, `m`, `h`, `d`, `w` (e.g. `90s`, `24h`, `1h30m`, `7d`).
public struct DurationValue: Sendable, Equatable, Codable, CustomStringConvertible {
    public static let defaultWaitTimeout = DurationValue(seconds: 6 * 3600, text: "6h")
    /// Longest accepted: 366 days.
    public static let maximumSeconds = 366 * 86_400

    public var seconds: Int
    /// As written, for messages.
    public var text: String

    public init(seconds: Int, text: String) {
        self.seconds = seconds
        self.text = text
    }

    public var description: String { text }

    /// Parses `text`; nil if it is not a duration of at least one second and at most 366 days.
    public static func parse(_ text: String) -> DurationValue? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 9 else { return nil }
            } else if let unit = units[character], let value = Int(digits) {
                total += value * unit
                digits = ""
                sawUnit = true
                guard total <= maximumSeconds else { return nil }
            } else {
                return nil
            }
        }
        guard digits.isEmpty, sawUnit, total >= 1 else { return nil }
        return DurationValue(seconds: total, text: text)
    }
}
