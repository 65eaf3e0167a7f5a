import Foundation

/// A real local AWS endpoint for tests: moto's server, started once per test process on a
/// free loopback port and stopped when the process exits (the server watches its stdin).
///
/// Tests share the one server and keep out of each other's way by giving every table,
/// backup and parameter a unique prefix (`uniqueName(_:)`).
public actor LocalAWSEndpoint {
    public static let shared = LocalAWSEndpoint()

    private var server: SupportScriptProcess?

    /// Fixed, obviously fake credentials: moto accepts any.
    public static let accessKeyID = "AKIDEXAMPLETESTONLY"
    public static let secretAccessKey = "test-secret-key-not-a-real-secret"
    public static let region = "eu-west-1"

    /// Starts another, private server (for tests that need an empty account, or a proxy in front).
    public static func startPrivate() async throws -> LocalAWSEndpoint {
        let endpoint = LocalAWSEndpoint()
        _ = try await endpoint.endpointURL()
        return endpoint
    }

    /// The endpoint URL, starting the server on first use.
    public func endpointURL() throws -> URL {
        if let server { return server.url }
        let started = try SupportScriptProcess("moto_server.py")
        server = started
        return started.url
    }

    /// Stops the server now (tests otherwise leave it to process exit).
    public func stop() {
        server?.stop()
        server = nil
    }

    /// The environment a child `dbcopy` (or any AWS client) needs to reach this endpoint with
    /// test credentials, isolated from the developer's own AWS configuration.
    public func environment(extra: [String: String] = [:]) throws -> [String: String] {
        let url = try endpointURL()
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            "AWS_ACCESS_KEY_ID": Self.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": Self.secretAccessKey,
            "AWS_REGION": Self.region,
            "AWS_ENDPOINT_URL": url.absoluteString,
            "AWS_CONFIG_FILE": "/nonexistent/dbcopy-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/dbcopy-test-credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}

/// A name no other test uses: `prefix-<8 random hex>`, valid as a table or backup name.
public func uniqueName(_ prefix: String) -> String {
    let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
    return "\(prefix)-\(suffix)"
}
