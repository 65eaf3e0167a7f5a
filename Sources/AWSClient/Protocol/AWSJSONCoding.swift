import Foundation

/// JSON coders for the AWS JSON protocol: Swift camelCase properties map to the services'
/// PascalCase keys, with the acronyms AWS spells in capitals (`SSEDescription`,
/// `KMSMasterKeyId`, SSM's `ARN`); timestamps are epoch seconds, as DynamoDB and SSM send them.
enum AWSJSONCoding {
    /// Property prefixes that AWS writes in capitals.
    private static let acronyms = ["sse", "kms", "arn"]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.keyEncodingStrategy = .custom { path in AnyKey(pascalCase(path.last!.stringValue)) }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        decoder.keyDecodingStrategy = .custom { path in AnyKey(camelCase(path.last!.stringValue)) }
        return decoder
    }()

    /// `sseSpecification` → `SSESpecification`, `tableName` → `TableName`.
    static func pascalCase(_ property: String) -> String {
        for acronym in acronyms where property.hasPrefix(acronym) && startsWord(property, at: acronym.count) {
            return acronym.uppercased() + property.dropFirst(acronym.count)
        }
        return property.prefix(1).uppercased() + property.dropFirst()
    }

    /// `SSEDescription` → `sseDescription`, `ARN` → `arn`, `TableName` → `tableName`.
    static func camelCase(_ key: String) -> String {
        for acronym in acronyms.map({ $0.uppercased() })
        where key.hasPrefix(acronym) && startsWord(key, at: acronym.count) {
            return acronym.lowercased() + key.dropFirst(acronym.count)
        }
        return key.prefix(1).lowercased() + key.dropFirst()
    }

    /// True when `text` ends at `offset` or a new capitalised word starts there.
    private static func startsWord(_ text: String, at offset: Int) -> Bool {
        let rest = text.dropFirst(offset)
        return rest.first.map(\.isUppercase) ?? true
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// An input with no members (`{}` on the wire).
struct EmptyInput: Encodable, Sendable {}
