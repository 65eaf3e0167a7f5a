/// DynamoDB's string enumerations as open sets: a value this client does not know yet (AWS adds
/// them) still decodes, and compares unequal to every named one.
public protocol AWSStringEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension AWSStringEnum {
    public var description: String { rawValue }
}

public struct BillingMode: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let provisioned = Self(rawValue: "PROVISIONED")
    public static let payPerRequest = Self(rawValue: "PAY_PER_REQUEST")
}

public struct TableStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let creating = Self(rawValue: "CREATING")
    public static let updating = Self(rawValue: "UPDATING")
    public static let deleting = Self(rawValue: "DELETING")
    public static let active = Self(rawValue: "ACTIVE")
    public static let inaccessibleEncryptionCredentials = Self(rawValue: "INACCESSIBLE_ENCRYPTION_CREDENTIALS")
    public static let archiving = Self(rawValue: "ARCHIVING")
    public static let archived = Self(rawValue: "ARCHIVED")
}

public struct IndexStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let creating = Self(rawValue: "CREATING")
    public static let updating = Self(rawValue: "UPDATING")
    public static let deleting = Self(rawValue: "DELETING")
    public static let active = Self(rawValue: "ACTIVE")
}

public struct BackupStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let creating = Self(rawValue: "CREATING")
    public static let deleted = Self(rawValue: "DELETED")
    public static let available = Self(rawValue: "AVAILABLE")
}

/// The type of one backup.
public struct BackupType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let user = Self(rawValue: "USER")
    public static let system = Self(rawValue: "SYSTEM")
    public static let awsBackup = Self(rawValue: "AWS_BACKUP")
}

/// ListBackups' `BackupType` filter (which adds `ALL`).
public struct BackupTypeFilter: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let user = Self(rawValue: "USER")
    public static let system = Self(rawValue: "SYSTEM")
    public static let awsBackup = Self(rawValue: "AWS_BACKUP")
    public static let all = Self(rawValue: "ALL")
}

public struct KeyType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let hash = Self(rawValue: "HASH")
    public static let range = Self(rawValue: "RANGE")
}

public struct ScalarAttributeType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let string = Self(rawValue: "S")
    public static let number = Self(rawValue: "N")
    public static let binary = Self(rawValue: "B")
}

public struct ProjectionType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let all = Self(rawValue: "ALL")
    public static let keysOnly = Self(rawValue: "KEYS_ONLY")
    public static let include = Self(rawValue: "INCLUDE")
}

public struct SSEType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let aes256 = Self(rawValue: "AES256")
    public static let kms = Self(rawValue: "KMS")
}

public struct SSEStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabled = Self(rawValue: "ENABLED")
    public static let enabling = Self(rawValue: "ENABLING")
    public static let disabled = Self(rawValue: "DISABLED")
    public static let disabling = Self(rawValue: "DISABLING")
    public static let updating = Self(rawValue: "UPDATING")
}

public struct TableClass: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let standard = Self(rawValue: "STANDARD")
    public static let standardInfrequentAccess = Self(rawValue: "STANDARD_INFREQUENT_ACCESS")
}

public struct TimeToLiveStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabling = Self(rawValue: "ENABLING")
    public static let disabling = Self(rawValue: "DISABLING")
    public static let enabled = Self(rawValue: "ENABLED")
    public static let disabled = Self(rawValue: "DISABLED")
}

/// Status of continuous backups and of point-in-time recovery (the same two values).
public struct BackupFeatureStatus: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabled = Self(rawValue: "ENABLED")
    public static let disabled = Self(rawValue: "DISABLED")
}

public struct StreamViewType: AWSStringEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let newImage = Self(rawValue: "NEW_IMAGE")
    public static let oldImage = Self(rawValue: "OLD_IMAGE")
    public static let newAndOldImages = Self(rawValue: "NEW_AND_OLD_IMAGES")
    public static let keysOnly = Self(rawValue: "KEYS_ONLY")
}
