import Foundation

/// Saved plans on disk: the plan's JSON document, written atomically and readable only by the
/// owner (it names tables and ARNs; it never holds credentials).
enum SavedPlanFile {
    static func write(_ plan: Plan, to path: String) throws {
        var data = try plan.encodedJSON()
        data.append(UInt8(ascii: "\n"))
        let url = URL(fileURLWithPath: path)
        try data.write(to: url, options: .atomic)
        chmod(path, 0o600)
    }

    /// Whether `data` is a saved plan rather than a plan file (which `apply` also takes).
    static func looksLikeSavedPlan(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["kind"] as? String == Plan.kind
    }
}
