/// The keys of one job (or of `defaults`) as read, before `defaults` are applied. Every value
/// is optional: nil means "not written, or written wrong" (the error is already reported);
/// `written` tells the two apart for the rules about which keys go together.
struct JobFields {
    /// Every job key, in the order the reference lists them.
    static let keys = [
        "name", "region", "origin", "source", "backup_name", "target", "rotation", "replace",
        "backup_before_replace", "billing", "capacity", "indexes", "encryption", "table_class",
        "deletion_protection", "point_in_time_recovery", "ttl", "tags", "copy_tags", "refresh",
        "ssm_parameter", "retention", "wait_timeout",
    ]
    /// Keys that identify a job and so cannot be shared through `defaults`.
    static let perJobKeys: Set<String> = ["name", "origin", "target", "rotation"]
    static var defaultsKeys: [String] { keys.filter { !perJobKeys.contains($0) } }

    var mark: SourceMark
    var written: Set<String> = []
    /// Where each key was written, by path (`capacity`, `capacity.read`, `indexes.by-email`).
    var keyMarks: [String: SourceMark] = [:]

    var name: String?
    var region: String?
    var origin: OriginSelector?
    var source: SourceSpec?
    var backupName: NameTemplate?
    var target: String?
    var rotation: RotationSpec?
    var replace: ReplacePolicy?
    var backupBeforeReplace: Bool?
    var billing: BillingMode?
    var capacity: Capacity?
    var indexes: [String: Capacity]?
    var encryption: EncryptionSpec?
    var tableClass: TableClass?
    var deletionProtection: Bool?
    var pointInTimeRecovery: Bool?
    var ttl: TTLPolicy?
    var tags: [String: String]?
    var copyTags: CopyTags?
    var refresh: DurationValue?
    var ssmParameter: SSMParameterSpec?
    var retention: RetentionSpec?
    var waitTimeout: DurationValue?

    init(mark: SourceMark) { self.mark = mark }

    /// Records the mark of every key in `node`'s mappings under `prefix`, so that later
    /// stages can point at `indexes.by-email` or `rotation.keep`, not only at the job.
    mutating func recordMarks(of node: YAMLNode, prefix: String) {
        // Plan files nest at most five levels, so this recursion is shallow by construction
        // (LibYAMLParser refuses deeper files).
        guard case .mapping(let pairs) = node.kind else { return }
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if keyMarks[path] == nil { keyMarks[path] = pair.key.mark }
            recordMarks(of: pair.value, prefix: path)
        }
    }

    /// The mark of `key` if written here.
    func mark(of key: String) -> SourceMark? { keyMarks[key] }
}
