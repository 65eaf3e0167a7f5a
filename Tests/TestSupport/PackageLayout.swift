import Foundation

/// Where things are in the checked-out package, found from this file's own path so that
/// tests work from any working directory.
public enum PackageLayout {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }()

    /// `Tests/Fixtures/<relative>`.
    public static func fixture(_ relative: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// `Tests/Support/<name>`: Python helpers the harness runs.
    public static func supportScript(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Support").appendingPathComponent(name)
    }

    /// The Python interpreter of the project's virtual environment, which `scripts/test`
    /// creates with moto, botocore and jsonschema. `DBCOPY_PYTHON` overrides it.
    public static var python: URL {
        if let override = ProcessInfo.processInfo.environment["DBCOPY_PYTHON"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return root.appendingPathComponent(".venv/bin/python")
    }

    /// The folder holding the built products (the test bundle runs from it).
    public static var productsDirectory: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On macOS the test bundle is a directory: walk up out of `*.xctest`.
        while directory.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    /// The `dbcopy` executable built next to the tests.
    public static var dbcopyBinary: URL { productsDirectory.appendingPathComponent("dbcopy") }
}
