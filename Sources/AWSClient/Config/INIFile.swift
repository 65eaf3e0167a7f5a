import Foundation

/// The AWS CLI's INI dialect for `config` and `credentials`: `[section]` headers, `key = value`
/// lines, `#` and `;` comments, and indented sub-properties under a key with an empty value
/// (`dynamodb =` then `  endpoint_url = …`), stored as `dynamodb.endpoint_url`.
///
/// Lines that fit none of these are skipped, as the AWS CLI does for stray text inside a section.
struct INIFile: Sendable, Equatable {
    /// Section name exactly as written between the brackets (`profile dev`, `default`, `services x`).
    private(set) var sections: [String: [String: String]] = [:]

    init(parsing text: String) {
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current = name
                parentKey = nil
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An inline comment needs whitespace before it, so `#` inside a value survives.
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if indented, let parent = parentKey {
                sections[section]?["\(parent).\(key)"] = value
            } else {
                sections[section]?[key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
    }

    subscript(section: String) -> [String: String]? { sections[section] }
}
