import Foundation

// Enums with payloads encode as objects with a `type` discriminator, so the JSON document stays
// readable and stable (`{"type": "restore_table", ...}`), not Swift's synthesized `_0` shape.

extension Operation: Codable {
    private enum CodingKeys: String, CodingKey { case type, step }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "create_backup": self = .createBackup(try container.decode(CreateBackupStep.self, forKey: .step))
        case "restore_table": self = .restoreTable(try container.decode(RestoreStep.self, forKey: .step))
        case "put_parameter": self = .putParameter(try container.decode(PutParameterStep.self, forKey: .step))
        case "delete_backup": self = .deleteBackup(try container.decode(DeleteBackupStep.self, forKey: .step))
        case "delete_table": self = .deleteTable(try container.decode(DeleteTableStep.self, forKey: .step))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown operation type \(other)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .createBackup(let step):
            try container.encode("create_backup", forKey: .type)
            try container.encode(step, forKey: .step)
        case .restoreTable(let step):
            try container.encode("restore_table", forKey: .type)
            try container.encode(step, forKey: .step)
        case .putParameter(let step):
            try container.encode("put_parameter", forKey: .type)
            try container.encode(step, forKey: .step)
        case .deleteBackup(let step):
            try container.encode("delete_backup", forKey: .type)
            try container.encode(step, forKey: .step)
        case .deleteTable(let step):
            try container.encode("delete_table", forKey: .type)
            try container.encode(step, forKey: .step)
        }
    }
}

extension RestoreSource: Codable {
    private enum CodingKeys: String, CodingKey { case type, name, arn, inProgress, table, tableARN, at }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "new_backup": self = .newBackup(name: try container.decode(String.self, forKey: .name))
        case "backup":
            self = .backup(
                arn: try container.decode(String.self, forKey: .arn),
                name: try container.decode(String.self, forKey: .name),
                inProgress: try container.decode(Bool.self, forKey: .inProgress))
        case "point_in_time":
            self = .pointInTime(
                table: try container.decode(String.self, forKey: .table),
                tableARN: try container.decode(String.self, forKey: .tableARN),
                at: try container.decodeIfPresent(Date.self, forKey: .at))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown restore source \(other)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .newBackup(let name):
            try container.encode("new_backup", forKey: .type)
            try container.encode(name, forKey: .name)
        case .backup(let arn, let name, let inProgress):
            try container.encode("backup", forKey: .type)
            try container.encode(arn, forKey: .arn)
            try container.encode(name, forKey: .name)
            try container.encode(inProgress, forKey: .inProgress)
        case .pointInTime(let table, let tableARN, let at):
            try container.encode("point_in_time", forKey: .type)
            try container.encode(table, forKey: .table)
            try container.encode(tableARN, forKey: .tableARN)
            try container.encodeIfPresent(at, forKey: .at)
        }
    }
}

extension EncryptionSpec: Codable {
    private enum CodingKeys: String, CodingKey { case type, kmsKey }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "aws-owned": self = .awsOwned
        case "aws-managed": self = .awsManaged
        case "customer-managed": self = .customerManaged(kmsKey: try container.decode(String.self, forKey: .kmsKey))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown encryption \(other)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .awsOwned: try container.encode("aws-owned", forKey: .type)
        case .awsManaged: try container.encode("aws-managed", forKey: .type)
        case .customerManaged(let key):
            try container.encode("customer-managed", forKey: .type)
            try container.encode(key, forKey: .kmsKey)
        }
    }
}
