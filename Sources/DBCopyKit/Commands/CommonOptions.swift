import ArgumentParser
import Foundation

/// Where AWS is: `--region`, `--profile`, `--endpoint-url`.
struct AWSOptions: ParsableArguments {
    @Option(help: "AWS region for every job (overrides each job's region, AWS_REGION and the profile).")
    var region: String?

    @Option(help: "Named profile from the shared AWS config and credentials files.")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send DynamoDB, SSM and STS calls here (a local endpoint).")
    var endpointURL: String?
}

/// Which jobs, how many at once, and how chatty.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("job"), help: "Only this job (repeatable).")
    var jobs: [String] = []

    @Option(help: "Jobs running at once in apply (1–256); plan reads with 8 AWS calls in flight per job slot.")
    var parallelism: Int = 4

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also: NO_COLOR).")
    var noColor = false

    @Flag(name: [.short, .long], help: "Say more: timings and what was read.")
    var verbose = false

    @Flag(help: "One line per AWS call on stderr (service, operation, status, latency, request id); never a secret.")
    var debug = false

    func validate() throws {
        guard (1...256).contains(parallelism) else {
            throw ValidationError("--parallelism must be between 1 and 256, got \(parallelism)")
        }
    }
}

/// stdout and stderr, and the colour decision for each.
struct Console: Sendable {
    let output: any TextStream
    let errors: any TextStream
    let outputStyle: OutputStyle
    let errorStyle: OutputStyle

    init(noColor: Bool) {
        output = FileStream.standardOutput
        errors = FileStream.standardError
        outputStyle = OutputStyle.for(.output, noColorFlag: noColor)
        errorStyle = OutputStyle.for(.error, noColorFlag: noColor)
    }

    /// `Error: MESSAGE` on stderr, Terraform's way.
    func error(_ message: String) {
        errors.write(errorStyle.paint("Error:", .bold, .red) + " " + message.singleLine + "\n")
    }

    func note(_ message: String) { errors.write(message + "\n") }
}
