import Foundation

/// The encoder and decoder settings of dbcopy's JSON documents (`plan --format json`, saved
/// plans, `apply --format json` events): snake_case keys, ISO 8601 UTC dates, sorted keys.
///
/// Both directions must use these: Foundation's `.convertFromSnakeCase` turns `origin_arn`
/// into `originArn`, which does not match the property `originARN`, so decoding uses
/// `decodingKey(_:)` instead. String-keyed dictionaries (tags, index names) are left as they
/// are by both strategies, so `cost_center` or `Team` tags round-trip untouched.
public enum PlanJSONCoding {
    /// Words that Swift property names spell in capitals (`originARN`, `tableARN`).
    static let acronyms: [String: String] = ["arn": "ARN"]

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            JSONKey(decodingKey(path.last?.stringValue ?? ""))
        }
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected an ISO 8601 date such as 2026-11-22T10:15:00Z, got \(text)")
            }
            return date
        }
        return decoder
    }

    /// `origin_arn` → `originARN`, `format_version` → `formatVersion`: the inverse of
    /// `.convertToSnakeCase` for every key dbcopy's types use.
    static func decodingKey(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let words = key.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else { return key }
        return String(first)
            + words.dropFirst().map { word in
                acronyms[String(word)] ?? word.prefix(1).uppercased() + word.dropFirst()
            }.joined()
    }

    /// Whole seconds as `2026-11-22T10:15:00Z`; otherwise rounded to the millisecond
    /// (`…T10:15:00.734Z`): DynamoDB creation times have milliseconds, and saved-plan
    /// preconditions compare creation times, which plain `.iso8601` would truncate to seconds
    /// (and `ISO8601FormatStyle` truncates `.734` stored as `.73399…` to `.733`).
    static func formatDate(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = (milliseconds / 1000).rounded(.down)
        let whole = Date(timeIntervalSince1970: seconds).formatted(.iso8601)
        let fraction = Int(milliseconds - seconds * 1000)
        guard fraction != 0, whole.hasSuffix("Z") else { return whole }
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Reads what `formatDate` writes, and any other ISO 8601 date with or without fractions.
    static func parseDate(_ text: String) -> Date? {
        if let dot = text.firstIndex(of: "."), text.hasSuffix("Z") {
            let digits = text[text.index(after: dot)..<text.index(before: text.endIndex)]
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let whole = try? Date.ISO8601FormatStyle().parse(text[..<dot] + "Z"),
                let fraction = Double("0." + digits)
            {
                return Date(timeIntervalSince1970: whole.timeIntervalSince1970 + fraction)
            }
        }
        for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }

    struct JSONKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
