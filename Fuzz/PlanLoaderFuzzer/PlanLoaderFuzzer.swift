import DBCopyKit
import Foundation

// libFuzzer entry point for the plan loader: every input is loaded as a plan file, the way
// `dbcopy validate`, `plan` and `apply` load one, and its diagnostics rendered as they print.
// Built only by scripts/fuzz-plan-loader (DBCOPY_FUZZ=1, --sanitize=fuzzer,address); libFuzzer
// supplies `main`, so this file has no top-level code.
//
// A crash is any trap (a bounds check, an overflow, a force unwrap), an ASan report, or one
// of the invariants below failing; a hang is an input slower than the script's -timeout.

/// Half the inputs are named .json and half .yaml: the loader reads both the same way today,
/// but the name reaches every diagnostic, so both spellings are exercised.
private let paths = ["fuzz.yaml", "fuzz.json"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let path = paths[size % 2]
    let result = PlanLoader.load(data: bytes, path: path)
    check(result, path: path)
    // What a user sees: one line per diagnostic on stderr.
    let rendered = DiagnosticTextRenderer().render(result.diagnostics)
    precondition(rendered.split(separator: "\n").count == result.diagnostics.count, "a diagnostic spans lines")
    return 0
}

/// What the loader promises whatever the input: a document exactly when nothing is an error,
/// at least one diagnostic when there is no document, and every position inside the file.
private func check(_ result: PlanLoadResult, path: String) {
    precondition((result.document == nil) == (result.errorCount > 0), "document and errors disagree")
    for diagnostic in result.diagnostics {
        precondition(diagnostic.file == path, "a diagnostic names another file: \(diagnostic)")
        precondition(!diagnostic.message.isEmpty, "an empty diagnostic")
        if let mark = diagnostic.mark {
            precondition(mark.line >= 1 && mark.column >= 1, "a position before the file: \(diagnostic)")
        }
    }
    if let document = result.document {
        precondition(!document.jobs.isEmpty, "a valid plan without jobs")
        precondition(document.digest.count == 64, "a digest that is not SHA-256 hex")
    }
}
