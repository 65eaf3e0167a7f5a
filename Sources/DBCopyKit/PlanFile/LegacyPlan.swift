/// The single-job JSON input of the Step Functions workflow dbcopy replaces:
///
/// ```json
/// {"originTableName": "clients", "backupName": "clients-for-dev", "targetTableName": "clients_restored",
///  "desiredReadCapacityUnits": 3, "desiredWriteCapacityUnits": 3}
/// ```
///
/// It is read as a plan of one job that does what the workflow did: back up the origin, delete
/// the target whoever made it (`replace: adopt`), restore with the desired capacity.
enum LegacyPlan {
    static let keys = [
        "originTableName", "backupName", "targetTableName", "desiredReadCapacityUnits", "desiredWriteCapacityUnits",
    ]

    /// The job name: the target lowercased, every character outside `[a-z0-9_-]` turned into
    /// `-`, leading `-`/`_` dropped, at most 64 characters (`Clients.Restored` → `clients-restored`).
    static func jobName(forTarget target: String) -> String {
        let mapped = target.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
                ? character : "-"
        }
        let trimmed = String(mapped.drop { $0 == "-" || $0 == "_" }.prefix(NameRules.jobNameMaximumLength))
        return trimmed.isEmpty ? "legacy" : trimmed
    }
}

extension PlanReader {
    func legacyPlan(_ root: YAMLNode) -> JobSpec? {
        let expected =
            "the legacy document: originTableName, targetTableName and optional backupName and desired capacity"
        let allowed = ["$schema"] + LegacyPlan.keys
        guard let mapping = mapping(root, "the legacy document", allowed: allowed, expected: expected) else {
            return nil
        }
        let errorsBefore = errorCount
        func name(_ key: String, kind: String, role: String = "") -> String? {
            guard let node = mapping[key] else {
                error("the legacy document needs '\(key)': \(role)", at: mapping.mark)
                return nil
            }
            guard let value = string(node, key, expected: "a \(kind)") else { return nil }
            if let problem = NameRules.nameProblem(value, kind: kind) {
                error("'\(key)': \(problem)", at: node.mark)
                return nil
            }
            return value
        }
        let origin = name("originTableName", kind: "table name", role: "the name of the table to copy")
        let target = name("targetTableName", kind: "table name", role: "the name of the table the copy replaces")
        var backupName = NameTemplate.defaultBackupName
        if mapping.has("backupName"), let literal = name("backupName", kind: "backup name") {
            // Taken literally, as the workflow did: the name is valid, so it holds no placeholder.
            backupName = NameTemplate(verbatim: literal)
        }
        var capacity: Capacity?
        let read = mapping["desiredReadCapacityUnits"].map {
            integer($0, "desiredReadCapacityUnits", in: 1...Capacity.maximum)
        }
        let write = mapping["desiredWriteCapacityUnits"].map {
            integer($0, "desiredWriteCapacityUnits", in: 1...Capacity.maximum)
        }
        switch (read, write) {
        case (let read??, let write??): capacity = Capacity(read: read, write: write)
        case (nil, .some), (.some, nil):
            error(
                "desiredReadCapacityUnits and desiredWriteCapacityUnits go together; give both, "
                    + "or neither to keep the origin's billing", at: mapping.mark)
        default: break
        }
        if let schema = mapping["$schema"] { _ = string(schema, "$schema", expected: "the JSON Schema's path or URL") }
        guard errorCount == errorsBefore, let origin, let target else { return nil }
        var marks: [String: SourceMark] = [:]
        let keyFor = [
            "originTableName": "origin", "targetTableName": "target", "backupName": "backup_name",
            "desiredReadCapacityUnits": "capacity.read", "desiredWriteCapacityUnits": "capacity.write",
        ]
        for (legacy, key) in keyFor { marks[key] = mapping.keyMarks[legacy] }
        marks["capacity"] = marks["capacity.read"]
        let job = JobSpec(
            name: LegacyPlan.jobName(forTarget: target), mark: mapping.mark, keyMarks: marks, origin: .table(origin),
            backupName: backupName, destination: .table(target), replace: .adopt,
            billing: capacity == nil ? nil : .provisioned, capacity: capacity)
        if origin == target {
            error(
                "'targetTableName' is the origin table; an origin is never replaced: copy to another table",
                at: mapping.keyMarks["targetTableName"])
            return nil
        }
        return job
    }
}
