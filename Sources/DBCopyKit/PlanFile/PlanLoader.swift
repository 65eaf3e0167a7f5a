internal import CCrypto
import Foundation

/// What loading a plan file gave: the document when it has no error, and every diagnostic.
public struct PlanLoadResult: Sendable {
    /// nil if any diagnostic is an error.
    public var document: PlanDocument?
    /// Errors and warnings, whole-file problems first, then by line and column.
    public var diagnostics: [Diagnostic]

    public init(document: PlanDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// Loads plan files: YAML or JSON (the same loader: JSON is YAML's flow syntax), or the legacy
/// single-job JSON document. Offline and without credentials; `validate`, `plan` and `apply`
/// all start here, so they agree on what a valid plan is.
public enum PlanLoader {
    /// Reads and checks the file at `path` (as given on the command line; used in diagnostics).
    /// Files over 1 MiB are refused before they are read.
    public static func load(path: String) -> PlanLoadResult {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            return failure(
                "cannot read the plan file: \(reason); pass the plan file's path "
                    + "(by default dbcopy.yaml in the current folder)", path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return failure("is a folder, not a plan file; pass the plan file's path", path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > PlanFileBytes.maximumSize {
            return tooLarge(Int(info.st_size), path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failure(
                "cannot read the plan file: \(String(cString: strerror(errno))); check its permissions", path: path)
        }
        defer { try? handle.close() }
        // One byte past the limit is enough to know a non-regular file (a pipe) is too large.
        let data: Data
        do {
            data = try handle.read(upToCount: PlanFileBytes.maximumSize + 1) ?? Data()
        } catch {
            return failure("cannot read the plan file: \(error.localizedDescription)", path: path)
        }
        return load(data: data, path: path)
    }

    /// Checks `data` as the contents of the plan file `path`.
    public static func load(data: Data, path: String) -> PlanLoadResult {
        guard data.count <= PlanFileBytes.maximumSize else { return tooLarge(data.count, path: path) }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil,
            let problem = PlanFileBytes.firstInvalidUTF8(bytes, file: path)
        {
            return PlanLoadResult(document: nil, diagnostics: [problem])
        }
        if let control = PlanFileBytes.firstControlCharacter(bytes, file: path) {
            return PlanLoadResult(document: nil, diagnostics: [control])
        }
        let isJSON = PlanFileBytes.looksLikeJSON(bytes)
        if !isJSON, let tabs = PlanFileBytes.tabIndentation(String(decoding: bytes, as: UTF8.self), file: path) {
            return PlanLoadResult(document: nil, diagnostics: [tabs])
        }
        let parsed = LibYAMLParser.parse(bytes, file: path)
        guard let root = parsed.root else {
            let diagnostics =
                parsed.diagnostics.isEmpty
                ? [
                    .error(
                        "the plan file is empty; it needs version: 1 and a list of jobs (dbcopy schema prints the format)",
                        at: SourceMark(file: path, line: 1, column: 1))
                ]
                : parsed.diagnostics
            return PlanLoadResult(document: nil, diagnostics: sorted(diagnostics))
        }
        let reader = PlanReader(file: path)
        let contents = reader.planContents(root)
        let diagnostics = sorted(parsed.diagnostics + reader.diagnostics)
        guard let contents, !diagnostics.contains(where: { $0.severity == .error }) else {
            return PlanLoadResult(document: nil, diagnostics: diagnostics)
        }
        let format: PlanDocument.Format = contents.format == .legacy ? .legacyJSON : (isJSON ? .json : .yaml)
        let document = PlanDocument(
            path: path, digest: sha256Hex(bytes), format: format, protect: contents.protect, jobs: contents.jobs)
        return PlanLoadResult(document: document, diagnostics: diagnostics)
    }

    private static func failure(_ message: String, path: String) -> PlanLoadResult {
        PlanLoadResult(document: nil, diagnostics: [.error(message, at: nil, file: path)])
    }

    private static func tooLarge(_ size: Int, path: String) -> PlanLoadResult {
        failure(
            "the plan file is \(size) bytes; plan files may be at most \(PlanFileBytes.maximumSize) bytes (1 MiB): "
                + "split it, or share settings through defaults", path: path)
    }

    /// Whole-file problems first, then by position; equal positions keep the order found.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let left = (a.element.mark?.line ?? 0, a.element.mark?.column ?? 0, a.offset)
            let right = (b.element.mark?.line ?? 0, b.element.mark?.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = bytes.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
