/// One resource change in Terraform's vocabulary: `# KIND.NAME will be created|updated
/// in-place|destroyed|replaced`, with what the executor does for it.
/// `encode(to:)` is hand-written in Render/PlanEncoding.swift (adds `address` and `refused`).
public struct ResourceChange: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case dynamodbBackup = "dynamodb_backup"
        case dynamodbTable = "dynamodb_table"
        case ssmParameter = "ssm_parameter"
    }

    public enum Action: String, Sendable, Codable {
        case create, update, destroy, replace

        /// Terraform's symbol.
        public var symbol: String {
            switch self {
            case .create: return "+"
            case .update: return "~"
            case .destroy: return "-"
            case .replace: return "-/+"
            }
        }

        /// The end of the header line: `will be created`.
        public var verb: String {
            switch self {
            case .create: return "created"
            case .update: return "updated in-place"
            case .destroy: return "destroyed"
            case .replace: return "replaced"
            }
        }
    }

    public var kind: Kind
    public var name: String
    public var action: Action
    /// The first line after the symbol: what and why, e.g. `retention: keeps the newest 3`.
    public var reason: String
    /// Further lines (settings, capacity, safety backup).
    public var details: [String]
    /// Set when a safeguard forbids this change: the whole plan is then not applied.
    public var refusal: String?
    public var operation: Operation

    public init(
        kind: Kind, name: String, action: Action, reason: String, details: [String] = [], refusal: String? = nil,
        operation: Operation
    ) {
        self.kind = kind
        self.name = name
        self.action = action
        self.reason = reason
        self.details = details
        self.refusal = refusal
        self.operation = operation
    }

    /// `dynamodb_table.clients_restored`.
    public var address: String { "\(kind.rawValue).\(name)" }

    public var counts: (add: Int, change: Int, destroy: Int) {
        switch action {
        case .create: return (1, 0, 0)
        case .update: return (0, 1, 0)
        case .destroy: return (0, 0, 1)
        case .replace:
            if case .restoreTable(let step) = operation, step.replacing?.makesSafetyBackup == true { return (2, 0, 1) }
            return (1, 0, 1)
        }
    }
}
