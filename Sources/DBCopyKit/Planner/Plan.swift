import Foundation

/// The planner's output: every action `apply` will carry out, with its reason. `plan` renders
/// it, `plan --out` saves it (as JSON, this type's encoding), `apply` executes it.
///
/// The JSON encoding is the public, versioned document of `plan --format json` (snake_case
/// keys, ISO 8601 dates): `format_version` changes only with incompatible changes.
/// Read and write it with `encodedJSON()` and `Plan.decode(fromJSON:)` (Render/PlanJSON.swift);
/// `encode(to:)` is hand-written there (Render/PlanEncoding.swift) to add computed fields.
public struct Plan: Sendable, Codable, Equatable {
    public static let kind = "dbcopy-plan"
    public static let currentFormatVersion = 1

    public var kind: String
    public var formatVersion: Int
    public var dbcopyVersion: String
    public var planFile: PlanFileReference
    /// The clock reading the plan was computed at.
    public var createdAt: Date
    /// `createdAt` as it appears in generated names (`YYYYMMDD-HH-mm-ss`, UTC).
    public var timestamp: String
    /// `--job` selection, nil for all jobs.
    public var selectedJobs: [String]?
    public var safeguards: SafeguardContext
    public var jobs: [JobPlan]
    /// Problems that concern more than one job (two copies writing one SSM parameter).
    public var diagnostics: [Diagnostic]

    public init(
        dbcopyVersion: String = DBCopyVersion.current, planFile: PlanFileReference, createdAt: Date,
        selectedJobs: [String]?, safeguards: SafeguardContext, jobs: [JobPlan], diagnostics: [Diagnostic] = []
    ) {
        self.kind = Self.kind
        self.formatVersion = Self.currentFormatVersion
        self.dbcopyVersion = dbcopyVersion
        self.planFile = planFile
        self.createdAt = createdAt
        self.timestamp = CopyTimestamp.format(createdAt)
        self.selectedJobs = selectedJobs
        self.safeguards = safeguards
        self.jobs = jobs
        self.diagnostics = diagnostics
    }

    public var copies: [CopyPlan] { jobs.flatMap(\.copies) }
    public var allChanges: [ResourceChange] { copies.flatMap(\.changes) }

    /// Errors anywhere in the plan.
    public var errors: [Diagnostic] {
        (diagnostics + jobs.flatMap(\.diagnostics)).filter { $0.severity == .error }
    }

    public var warnings: [Diagnostic] {
        (diagnostics + jobs.flatMap(\.diagnostics)).filter { $0.severity == .warning }
    }

    public var refusals: [ResourceChange] { allChanges.filter { $0.refusal != nil } }

    /// A plan with errors or refusals is not carried out at all (exit 1 or 3).
    public var applyable: Bool { errors.isEmpty && refusals.isEmpty }

    public var summary: PlanSummary { PlanSummary(self) }
}

public struct PlanFileReference: Sendable, Codable, Equatable {
    public var path: String
    /// `sha256:<hex>` of the plan file's bytes.
    public var digest: String
    public var format: PlanDocument.Format

    public init(path: String, digest: String, format: PlanDocument.Format) {
        self.path = path
        self.digest = digest
        self.format = format
    }
}

/// Terraform's counting: a replacement counts in add and destroy; a safety backup taken
/// before a replacement is one more add.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var add: Int
    public var change: Int
    public var destroy: Int
    public var refused: Int
    public var errors: Int
    /// Addresses of replaced resources, for the `Replacements:` line.
    public var replacements: [String]

    public init(_ plan: Plan) {
        let active = plan.allChanges.filter { $0.refusal == nil }
        add = active.reduce(0) { $0 + $1.counts.add }
        change = active.reduce(0) { $0 + $1.counts.change }
        destroy = active.reduce(0) { $0 + $1.counts.destroy }
        refused = plan.refusals.count
        errors = plan.errors.count
        replacements = active.filter { $0.action == .replace }.map(\.address)
    }

    public var hasChanges: Bool { add + change + destroy > 0 }
}

/// One job: its copies (one per origin; several for a `match` origin) and its problems.
public struct JobPlan: Sendable, Codable, Equatable {
    public var name: String
    public var diagnostics: [Diagnostic]
    public var copies: [CopyPlan]

    public init(name: String, diagnostics: [Diagnostic] = [], copies: [CopyPlan] = []) {
        self.name = name
        self.diagnostics = diagnostics
        self.copies = copies
    }
}

/// One origin copied to one target, and the changes that does, in execution order.
public struct CopyPlan: Sendable, Codable, Equatable {
    public var job: String
    public var region: String
    public var origin: String
    public var originARN: String?
    /// The fixed target, or the rotation generation made (or continued) by this run.
    public var target: String
    /// The SSM parameter this copy publishes to (also when it is already up to date).
    public var ssmParameter: String?
    /// What the reviewer should know that is not a change ("fresh: made 2h ago, refresh 24h").
    public var notes: [String]
    public var changes: [ResourceChange]
    /// Live state this copy was planned from; `apply SAVED` refuses if any no longer holds.
    public var preconditions: [Precondition]
    public var waitTimeoutSeconds: Int

    public init(
        job: String, region: String, origin: String, originARN: String?, target: String, ssmParameter: String? = nil,
        notes: [String] = [],
        changes: [ResourceChange] = [], preconditions: [Precondition] = [], waitTimeoutSeconds: Int
    ) {
        self.job = job
        self.region = region
        self.origin = origin
        self.originARN = originARN
        self.target = target
        self.ssmParameter = ssmParameter
        self.notes = notes
        self.changes = changes
        self.preconditions = preconditions
        self.waitTimeoutSeconds = waitTimeoutSeconds
    }

    public var hasChanges: Bool { !changes.isEmpty }
}
