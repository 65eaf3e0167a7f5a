import Foundation

/// A loaded, validated plan file: the jobs with `defaults` already applied.
public struct PlanDocument: Sendable, Equatable {
    public enum Format: String, Sendable, Codable { case yaml, json, legacyJSON = "legacy-json" }

    /// The path as given on the command line (used in diagnostics).
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex: saved plans record it.
    public var digest: String
    public var format: Format
    /// `protect`: names matching any of these globs are never deleted and never a target.
    public var protect: [ProtectPattern]
    public var jobs: [JobSpec]

    public init(path: String, digest: String, format: Format, protect: [ProtectPattern], jobs: [JobSpec]) {
        self.path = path
        self.digest = digest
        self.format = format
        self.protect = protect
        self.jobs = jobs
    }

    /// The first protect pattern that matches `name`, if any.
    public func protection(of name: String) -> ProtectPattern? {
        protect.first { $0.matches(name) }
    }
}

/// A `protect` glob: `*` matches any run of characters, `?` exactly one; everything else literally.
public struct ProtectPattern: Sendable, Equatable {
    public var glob: String
    public var mark: SourceMark?

    public init(_ glob: String, mark: SourceMark? = nil) {
        self.glob = glob
        self.mark = mark
    }

    public func matches(_ name: String) -> Bool {
        Self.match(Array(glob.unicodeScalars)[...], Array(name.unicodeScalars)[...])
    }

    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative wildcard matching with single-star backtracking: linear in practice, no recursion blow-up.
        var p = pattern.startIndex
        var t = text.startIndex
        var star: ArraySlice<Unicode.Scalar>.Index? = nil
        var resume = t
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.endIndex, pattern[p] == "*" {
                star = p
                p += 1
                resume = t
            } else if let s = star {
                p = s + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}
