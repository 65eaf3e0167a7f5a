// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dbcopy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dbcopy", targets: ["dbcopy"]),
        .library(name: "DBCopyKit", targets: ["DBCopyKit"]),
    ],
    dependencies: [
        // The only package dependency: typed, tested command-line parsing with generated help.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // System libraries (installed by scripts/bootstrap as Debian -dev packages).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // AWS Signature Version 4: pure, no HTTP, the date is a parameter.
        .target(name: "SigV4", dependencies: ["CCrypto"]),
        // DynamoDB, SSM and STS over libcurl: credentials, endpoints, retries, typed operations.
        .target(name: "AWSClient", dependencies: ["SigV4", "CCurl", "CCrypto"]),
        // Plan files, planner, executor, renderers and the commands.
        .target(
            name: "DBCopyKit",
            dependencies: [
                "AWSClient", "CYAML", "CCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The thin executable: parse arguments, run DBCopyKit.
        .executableTarget(name: "dbcopy", dependencies: ["DBCopyKit"]),
        // benchmarks/aws-describe-table: DescribeTable throughput and CPU of the AWS client layer.
        .executableTarget(name: "AWSBench", dependencies: ["AWSClient"], path: "Benchmarks/AWSBench"),

        // Test support: local AWS endpoint (moto) launcher, running the built binary, fixtures.
        .target(name: "TestSupport", dependencies: ["AWSClient"], path: "Tests/TestSupport"),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "TestSupport"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "TestSupport"]),
        .testTarget(name: "DBCopyKitTests", dependencies: ["DBCopyKit", "TestSupport"]),
        .testTarget(name: "IntegrationTests", dependencies: ["DBCopyKit", "TestSupport", "dbcopy"]),
    ]
)

// The libFuzzer target for the plan loader exists only when DBCOPY_FUZZ=1 (scripts/fuzz-plan-loader
// sets it, with its own --scratch-path): its entry point is LLVMFuzzerTestOneInput and libFuzzer
// supplies main, so it links only with --sanitize=fuzzer, and a normal `swift build` never sees it.
if Context.environment["DBCOPY_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(name: "PlanLoaderFuzzer", dependencies: ["DBCopyKit"], path: "Fuzz/PlanLoaderFuzzer"))
}
