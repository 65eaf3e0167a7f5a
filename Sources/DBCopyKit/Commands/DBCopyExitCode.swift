import ArgumentParser

/// The exit codes documented in the README ("Exit codes").
public enum DBCopyExitCode: Int32, Sendable {
    /// Success, or no changes.
    case success = 0
    /// Bad input, an AWS error, or a job that failed.
    case error = 1
    /// `plan --detailed-exitcode`: there are changes.
    case changesPresent = 2
    /// A safeguard refused; nothing was deleted.
    case refused = 3
    /// Interrupted (Ctrl-C).
    case interrupted = 130

    public var exitCode: ExitCode { ExitCode(rawValue) }
}
