import Foundation

/// What every safeguard needs to know about the plan file as a whole: saved with the plan so
/// that `apply SAVED` re-checks the same rules without the plan file.
public struct SafeguardContext: Sendable, Codable, Equatable {
    /// `protect` globs.
    public var protect: [String] { didSet { globs = protect.map { ProtectPattern($0) } } }
    /// Every job's literal origin table name, in any region: conservative on purpose.
    public var origins: [String] { didSet { originSet = Set(origins) } }
    /// Every `match` regex of the plan file, also of jobs not selected with `--job`: a table
    /// any of them matches is an origin.
    public var originPatterns: [String] { didSet { regexes = Self.compile(originPatterns) } }

    // Compiled once: the planner asks for every table it may create or delete.
    private var globs: [ProtectPattern]
    private var originSet: Set<String>
    /// nil for a pattern that does not compile: then every name counts as an origin (safe side).
    private var regexes: [PlanRegex?]

    private enum CodingKeys: String, CodingKey { case protect, origins, originPatterns }

    public init(protect: [String], origins: [String], originPatterns: [String]) {
        self.protect = protect
        self.origins = origins
        self.originPatterns = originPatterns
        globs = protect.map { ProtectPattern($0) }
        originSet = Set(origins)
        regexes = Self.compile(originPatterns)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            protect: try container.decode([String].self, forKey: .protect),
            origins: try container.decode([String].self, forKey: .origins),
            originPatterns: try container.decode([String].self, forKey: .originPatterns))
    }

    public static func == (lhs: SafeguardContext, rhs: SafeguardContext) -> Bool {
        lhs.protect == rhs.protect && lhs.origins == rhs.origins && lhs.originPatterns == rhs.originPatterns
    }

    public func protectingPattern(of name: String) -> String? {
        globs.first { $0.matches(name) }?.glob
    }

    public func isOrigin(_ name: String) -> Bool {
        originSet.contains(name) || regexes.contains { $0?.matches(name) ?? true }
    }

    private static func compile(_ patterns: [String]) -> [PlanRegex?] { patterns.map { try? PlanRegex($0) } }
}

/// A table or backup that a plan wants to delete, as seen in live state.
public struct DeletionCandidate: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case table, backup }

    public var kind: Kind
    public var name: String
    /// The job that wants to delete it.
    public var job: String
    /// Tables: the value of the `dbcopy:job` tag (nil: none). Backups: the job whose
    /// `backup_name` template produced the name.
    public var owner: String?
    /// A fixed target of a `replace: adopt` job (rule 2 is waived for it).
    public var adopt: Bool
    public var deletionProtection: Bool
    /// The job itself asks for `deletion_protection: true` (so it may turn it off again).
    public var jobEnablesDeletionProtection: Bool

    public init(
        kind: Kind, name: String, job: String, owner: String?, adopt: Bool = false, deletionProtection: Bool = false,
        jobEnablesDeletionProtection: Bool = false
    ) {
        self.kind = kind
        self.name = name
        self.job = job
        self.owner = owner
        self.adopt = adopt
        self.deletionProtection = deletionProtection
        self.jobEnablesDeletionProtection = jobEnablesDeletionProtection
    }
}

/// The delete safeguards of the README's "Safety" section, rules 2 to 4 (rule 1, the plan file
/// handing the resource over, is why something is a candidate at all; rule 5, the person's
/// `yes`, is apply's). The planner calls this to decide, the executor again on fresh state
/// immediately before each delete.
public enum Safeguards {
    /// Why `candidate` must not be deleted, or nil if it may be.
    public static func refusal(for candidate: DeletionCandidate, in context: SafeguardContext) -> String? {
        let what = candidate.kind == .table ? "table" : "backup"
        if let pattern = context.protectingPattern(of: candidate.name) {
            return "\(what) \(candidate.name) matches protect pattern \"\(pattern)\""
        }
        if candidate.kind == .table, context.isOrigin(candidate.name) {
            return "table \(candidate.name) is the origin of a job in this plan file"
        }
        if candidate.owner != candidate.job {
            if candidate.kind == .backup {
                return "backup \(candidate.name) was not named by job \"\(candidate.job)\"'s backup_name template"
            }
            if let owner = candidate.owner {
                return
                    "table \(candidate.name) belongs to dbcopy job \"\(owner)\" (tag dbcopy:job), not \"\(candidate.job)\""
            }
            if !candidate.adopt {
                return "table \(candidate.name) was not made by dbcopy (no dbcopy:job tag); "
                    + "set replace: adopt to let job \"\(candidate.job)\" take it over"
            }
        }
        if candidate.deletionProtection {
            let ownedAndAsked = candidate.owner == candidate.job && candidate.jobEnablesDeletionProtection
            if !ownedAndAsked {
                return "table \(candidate.name) has deletion protection on, and not by this job's "
                    + "deletion_protection: true"
            }
        }
        return nil
    }
}
