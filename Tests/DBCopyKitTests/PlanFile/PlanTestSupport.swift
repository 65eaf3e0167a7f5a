import Foundation

@testable import DBCopyKit

/// Loads `text` as the plan file `plan.yaml` (in memory: no file system, so tests run in parallel).
func loadPlan(_ text: String, path: String = "plan.yaml") -> PlanLoadResult {
    PlanLoader.load(data: Data(text.utf8), path: path)
}

/// Every diagnostic as printed: `plan.yaml:6:5: error: message`.
func diagnosticLines(_ text: String, path: String = "plan.yaml") -> [String] {
    loadPlan(text, path: path).diagnostics.map(\.description)
}

/// A one-job plan with `extra` (indented job keys) added to the job `copy` of `clients`.
func oneJob(_ extra: String = "", target: String? = "clients_copy") -> String {
    var text = "version: 1\njobs:\n  - name: copy\n    origin: clients\n"
    if let target { text += "    target: \(target)\n" }
    return text + extra
}
