import Foundation

/// The tags dbcopy puts on every table it makes.
public enum OwnershipTag {
    public static let job = "dbcopy:job"
    public static let origin = "dbcopy:origin"
    public static let createdAt = "dbcopy:created-at"

    public static func format(_ date: Date) -> String { date.formatted(.iso8601) }
    public static func parse(_ text: String) -> Date? { try? Date.ISO8601FormatStyle().parse(text) }
}

/// How a table relates to a job.
enum TableOwnership: Equatable {
    /// Carries this job's `dbcopy:job` tag.
    case owned
    /// Restored by an interrupted run of this job and not yet converged (tags come last):
    /// untagged, restored recently from this job's backup, or from the origin's data.
    case interrupted
    /// Tagged by another dbcopy job.
    case otherJob(String)
    /// Not made by dbcopy.
    case foreign
}

/// Recognising a job's own tables and backups in live state.
struct OwnershipRules {
    let job: JobSpec
    let origin: TableSnapshot
    /// The job's own backups of the origin (named by its template), newest first.
    let ownBackups: [BackupSnapshot]
    /// Every backup of the origin, newest first.
    let originBackups: [BackupSnapshot]
    let now: Date

    func ownership(of table: TableSnapshot) -> TableOwnership {
        if let owner = table.tags?[OwnershipTag.job] {
            return owner == job.name ? .owned : .otherJob(owner)
        }
        return isInterruptedCopy(table) ? .interrupted : .foreign
    }

    /// An untagged table restored from this origin within `wait_timeout`: the restore of an
    /// interrupted run (tags are the last step of converging). Older ones are left alone: a
    /// person may have restored it.
    private func isInterruptedCopy(_ table: TableSnapshot) -> Bool {
        // A table being deleted has lost its tags (they can no longer be read) but is no restore to finish.
        guard let restore = table.restore, table.status != "DELETING" else { return false }
        let restoredAt = restore.restoredAt ?? table.createdAt
        guard now.timeIntervalSince(restoredAt) <= TimeInterval(job.waitTimeout.seconds) else { return false }
        if let source = restore.sourceBackupARN {
            switch job.source {
            case .newBackup: return ownBackups.contains { $0.arn == source }
            case .latestBackup, .backupARN: return originBackups.contains { $0.arn == source }
            case .pointInTime: return false
            }
        }
        if case .pointInTime = job.source { return restore.sourceTableARN == origin.arn }
        return false
    }

    /// When dbcopy made `table` (its `dbcopy:created-at` tag, else DynamoDB's creation time).
    static func madeAt(_ table: TableSnapshot) -> Date {
        table.tags?[OwnershipTag.createdAt].flatMap(OwnershipTag.parse) ?? table.createdAt
    }
}

/// Names of a rotation's generations.
struct GenerationNaming {
    let job: JobSpec
    let rotation: RotationSpec
    let origin: String
    /// Pattern form: the origin with the pattern replaced, then "-". Worked out once: the
    /// live-state reader and the planner recognise every table name in the region with it, and
    /// compiling the regex for each name cost seconds of CPU at a few hundred jobs.
    private let patternPrefix: String?

    init(job: JobSpec, rotation: RotationSpec, origin: String) {
        self.job = job
        self.rotation = rotation
        self.origin = origin
        if case .pattern(let regex, let replacement) = rotation.naming {
            let base = (try? PlanRegex(regex))?.replacing(in: origin, with: replacement) ?? origin
            patternPrefix = "\(base)-"
        } else {
            patternPrefix = nil
        }
    }

    func name(timestamp: String) -> String {
        switch rotation.naming {
        case .template(let template):
            return template.render(job: job.name, origin: origin, timestamp: timestamp)
        case .pattern:
            return (patternPrefix ?? "\(origin)-") + timestamp
        }
    }

    /// An anchored regular expression (ICU) matching the names `recognise` accepts.
    var pattern: String {
        let timestamp = #"\d{8}-\d{2}-\d{2}-\d{2}"#
        func literal(_ text: String) -> String { NSRegularExpression.escapedPattern(for: text) }
        switch rotation.naming {
        case .template(let template):
            let parts = template.parts.map { part -> String in
                switch part {
                case .literal(let text): return literal(text)
                case .placeholder("job"): return literal(job.name)
                case .placeholder("origin"): return literal(origin)
                case .placeholder("timestamp"): return timestamp
                case .placeholder: return ""
                }
            }
            return "^" + parts.joined() + "$"
        case .pattern:
            return "^" + literal(name(timestamp: "")) + timestamp + "$"
        }
    }

    /// The timestamp in `name` if it is a generation name of this job and origin.
    func recognise(_ name: String) -> Date? {
        switch rotation.naming {
        case .template(let template):
            return template.recognise(name, job: job.name, origin: origin)?.timestamp
        case .pattern:
            let prefix = self.name(timestamp: "")
            guard name.hasPrefix(prefix) else { return nil }
            return CopyTimestamp.parse(name.dropFirst(prefix.count))
        }
    }
}

extension JobSpec {
    /// The template of the safety backup taken of a fixed target before it is replaced:
    /// `backup_name` with `replaced-` before `{timestamp}` (or `-replaced-{timestamp}` appended).
    var safetyBackupName: NameTemplate {
        let raw = backupName.raw
        let safety =
            raw.contains("{timestamp}")
            ? raw.replacingOccurrences(of: "{timestamp}", with: "replaced-{timestamp}")
            : raw + "-replaced-{timestamp}"
        return (try? NameTemplate(safety)) ?? NameTemplate(verbatim: "dbcopy-{job}-replaced-{timestamp}")
    }
}
