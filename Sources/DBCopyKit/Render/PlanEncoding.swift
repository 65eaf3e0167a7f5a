import Foundation

// The JSON document of a plan is its Codable encoding plus a few computed fields that save
// every consumer (CI scripts, jq one-liners, PR bots) from recomputing Terraform's counting:
// `summary` and `applyable` on the plan, `address` and `refused` on each change.
//
// Decoding stays synthesized and ignores the computed keys, so a saved plan decodes back into
// the same `Plan`. The stored keys below must mirror the synthesized `CodingKeys` (same names):
// the round-trip tests in Tests/DBCopyKitTests/Render fail if a stored property is missed.

extension Plan {
    private enum EncodingKeys: String, CodingKey {
        case kind, formatVersion, dbcopyVersion, planFile, createdAt, timestamp, selectedJobs, safeguards, jobs,
            diagnostics
        case summary, applyable
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(dbcopyVersion, forKey: .dbcopyVersion)
        try container.encode(planFile, forKey: .planFile)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encodeIfPresent(selectedJobs, forKey: .selectedJobs)
        try container.encode(safeguards, forKey: .safeguards)
        try container.encode(jobs, forKey: .jobs)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(summary, forKey: .summary)
        try container.encode(applyable, forKey: .applyable)
    }
}

extension ResourceChange {
    private enum EncodingKeys: String, CodingKey {
        case kind, name, action, reason, details, refusal, operation
        case address, refused
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(action, forKey: .action)
        try container.encode(reason, forKey: .reason)
        try container.encode(details, forKey: .details)
        try container.encodeIfPresent(refusal, forKey: .refusal)
        try container.encode(operation, forKey: .operation)
        try container.encode(address, forKey: .address)
        try container.encode(refusal != nil, forKey: .refused)
    }
}
