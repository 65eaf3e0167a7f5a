import Foundation

/// How failed attempts are retried: the SDKs' retry modes as one value, applied in one place
/// (`RequestPipeline`).
///
/// - `standard` (default): up to `maxAttempts` (default 3, as the AWS CLI), exponential backoff
///   with full jitter capped at 20 s, and a shared retry quota so an outage fails fast.
/// - `legacy`: the same classification and backoff without the quota; default 5 attempts.
/// - `adaptive`: accepted, and run as `standard` (the client-side rate limiter is not built).
public struct RetryPolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case standard, legacy, adaptive
    }

    /// What went wrong in one attempt, as far as retrying is concerned.
    public enum FailureKind: Sendable, Equatable {
        case throttling
        case transient
        case timeout
        case clockSkew
    }

    /// The outcome of asking the policy about one failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(wait: Duration)
        case dontRetry
    }

    public var mode: Mode
    public var maxAttempts: Int
    public var maxBackoff: Duration

    public init(mode: Mode = .standard, maxAttempts: Int? = nil, maxBackoff: Duration = .seconds(20)) {
        self.mode = mode
        self.maxAttempts = maxAttempts ?? (mode == .legacy ? 5 : 3)
        self.maxBackoff = maxBackoff
    }

    /// `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS`, else the profile's `retry_mode` / `max_attempts`.
    public init(environment: [String: String], profile: Profile?) throws {
        let modeText = environment["AWS_RETRY_MODE"] ?? profile?["retry_mode"]
        let attemptsText = environment["AWS_MAX_ATTEMPTS"] ?? profile?["max_attempts"]
        var mode = Mode.standard
        if let modeText, !modeText.isEmpty {
            guard let parsed = Mode(rawValue: modeText.lowercased()) else {
                throw ConfigurationError("AWS_RETRY_MODE: '\(modeText)' is not one of standard, legacy, adaptive")
            }
            mode = parsed
        }
        var attempts: Int?
        if let attemptsText, !attemptsText.isEmpty {
            guard let parsed = Int(attemptsText), parsed >= 1 else {
                throw ConfigurationError("AWS_MAX_ATTEMPTS: '\(attemptsText)' is not a whole number of at least 1")
            }
            attempts = parsed
        }
        self.init(mode: mode, maxAttempts: attempts)
    }

    /// Whether the retry quota applies (standard and adaptive modes).
    public var usesQuota: Bool { mode != .legacy }

    /// Whether attempt number `attempt` (1-based) that failed with `kind` may be followed by
    /// another, and after how long. `random` yields values in 0..<1 (injected so tests are exact).
    public func decide(after kind: FailureKind?, attempt: Int, baseDelay: Duration, random: () -> Double) -> Decision {
        guard let kind, attempt < maxAttempts else { return .dontRetry }
        // A corrected clock makes the next attempt succeed at once: no reason to wait.
        if kind == .clockSkew { return .retry(wait: .zero) }
        return .retry(wait: backoff(attempt: attempt, baseDelay: baseDelay, random: random))
    }

    /// Full jitter: uniformly random between zero and `min(maxBackoff, base × 2^(attempt-1))`.
    public func backoff(attempt: Int, baseDelay: Duration, random: () -> Double) -> Duration {
        let ceiling = min(maxBackoff, baseDelay * Double(1 << min(attempt - 1, 30)))
        return ceiling * min(max(random(), 0), 1)
    }
}
