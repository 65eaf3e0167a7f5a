import Foundation

/// A source of AWS credentials. One type per source; `CredentialProviderChain` tries them in
/// order and `CachedCredentialProvider` keeps what they return until shortly before it expires.
public protocol CredentialProvider: Sendable {
    func credentials() async throws -> Credentials
}

/// Fixed credentials (tests, and a role chain's already-resolved source).
public struct StaticCredentialProvider: CredentialProvider {
    public let value: Credentials

    public init(_ value: Credentials) { self.value = value }

    public func credentials() async throws -> Credentials { value }
}

/// Tries sources in order. A source that is not configured is skipped; one that is configured
/// but fails stops the chain with its error (as the AWS CLI does: a broken `credential_process`
/// must not silently fall through to instance metadata). The first source that answers is
/// remembered and asked directly from then on.
public final class CredentialProviderChain: CredentialProvider {
    public let sources: [(name: String, provider: any CredentialProvider)]
    private let chosen = Locked<(any CredentialProvider)?>(nil)

    public init(_ sources: [(name: String, provider: any CredentialProvider)]) {
        self.sources = sources
    }

    public func credentials() async throws -> Credentials {
        if let provider = chosen.current { return try await provider.credentials() }
        var tried: [String] = []
        for source in sources {
            do {
                let credentials = try await source.provider.credentials()
                chosen.withLock { $0 = source.provider }
                return credentials
            } catch is CredentialSourceNotConfigured {
                tried.append(source.name)
            }
        }
        throw CredentialError.notFound(tried: tried)
    }
}

/// Caches another provider's credentials and refreshes them `refreshMargin` (5 minutes) before
/// they expire. Concurrent callers during a refresh share the one fetch. If a refresh fails
/// while the old credentials are still valid, the old ones are used a little longer.
public actor CachedCredentialProvider: CredentialProvider {
    public static let refreshMargin: TimeInterval = 300

    private let wrapped: any CredentialProvider
    private let clock: @Sendable () -> Date
    private var cached: Credentials?
    private var refreshing: Task<Credentials, any Error>?

    public init(_ wrapped: any CredentialProvider, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.wrapped = wrapped
        self.clock = clock
    }

    public func credentials() async throws -> Credentials {
        if let cached, !cached.expires(within: Self.refreshMargin, of: clock()) { return cached }
        if let refreshing { return try await refreshing.value }
        let task = Task { [wrapped] in try await wrapped.credentials() }
        refreshing = task
        defer { refreshing = nil }
        do {
            let fresh = try await task.value
            cached = fresh
            return fresh
        } catch {
            if let cached, !cached.expires(within: 0, of: clock()) { return cached }
            throw error
        }
    }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and `AWS_SESSION_TOKEN` (or the older
/// `AWS_SECURITY_TOKEN`); `AWS_CREDENTIAL_EXPIRATION` when a tool exported temporary ones.
public struct EnvironmentCredentialProvider: CredentialProvider {
    let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> Credentials {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        switch (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY")) {
        case (nil, nil):
            throw CredentialSourceNotConfigured()
        case (let keyID?, let secret?):
            return Credentials(
                accessKeyID: keyID, secretAccessKey: secret,
                sessionToken: value("AWS_SESSION_TOKEN") ?? value("AWS_SECURITY_TOKEN"),
                expiration: value("AWS_CREDENTIAL_EXPIRATION").flatMap(TimestampParsing.iso8601))
        case (nil, _):
            throw CredentialError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil):
            throw CredentialError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }
}
