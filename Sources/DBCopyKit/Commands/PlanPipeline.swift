import AWSClient
import ArgumentParser
import Foundation

/// The steps `plan` and `apply FILE` share: load and check the plan file, connect to AWS, read
/// live state for the selected jobs, run the planner.
struct PlanPipeline {
    let aws: AWSOptions
    let run: RunOptions
    let console: Console

    /// The loaded plan file; on errors prints them (with source lines) and exits 1.
    func loadDocument(_ path: String) throws -> PlanDocument {
        let result = PlanLoader.load(path: path)
        if !result.diagnostics.isEmpty {
            let source = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
            console.errors.write(
                DiagnosticPrinter(source: source, style: console.errorStyle).render(result.diagnostics))
        }
        guard let document = result.document else { throw DBCopyExitCode.error.exitCode }
        let known = Set(document.jobs.map(\.name))
        for name in run.jobs where !known.contains(name) {
            let list = document.jobs.map(\.name).joined(separator: ", ")
            throw ValidationError("--job \(name): no such job in \(path) (its jobs: \(list))")
        }
        return document
    }

    /// Attempts per AWS call unless `AWS_MAX_ATTEMPTS` or the profile's `max_attempts` says
    /// otherwise: more than the AWS CLI's 3. A dbcopy call is one step of a job that may run for
    /// hours; a call that fails for good fails its copy, and the apply with it. Throttling is the
    /// usual cause (DynamoDB's control plane, SSM's low write rate, which leases add to), and it
    /// passes: botocore's DynamoDB client made 10 attempts too. The retry quota still ends
    /// retries after about a hundred failures in a row, so an outage fails as fast as before.
    static let defaultMaxAttempts = 10

    /// The AWS session for the flags and the environment, `--debug` lines going to stderr.
    func session() throws -> AWSSession {
        let errors = console.errors
        var debug: (@Sendable (String) -> Void)? = nil
        if run.debug { debug = { @Sendable line in errors.write(line + "\n") } }
        return try AWSSession(
            options: AWSSessionOptions(
                profile: aws.profile, region: aws.region, endpointURL: aws.endpointURL,
                userAgent: DBCopyVersion.userAgent, debug: debug, defaultMaxAttempts: Self.defaultMaxAttempts))
    }

    /// Reads live state and plans the selected jobs.
    func plan(_ document: PlanDocument, session: AWSSession, now: Date = Date()) async throws -> Plan {
        let selected = run.jobs.isEmpty ? nil : run.jobs
        let jobs = selected.map { names in document.jobs.filter { names.contains($0.name) } } ?? document.jobs
        var regions: [String: String] = [:]
        for job in jobs { regions[job.name] = try session.resolveRegion(jobRegion: job.region) }
        let started = Date()
        // Reading is light: 8 calls in flight per job slot (32 at the default --parallelism 4).
        let reader = LiveStateReader(services: { try session.services(region: $0) }, concurrency: run.parallelism * 8)
        let state = try await reader.read(jobs: jobs, regions: regions)
        if run.verbose {
            let tables = state.regions.values.reduce(0) { $0 + $1.tables.count }
            let backups = state.regions.values.reduce(0) { $0 + $1.backups.count }
            console.note(
                "Read live state: \(tables) tables, \(backups) backups in \(state.regions.count) region(s) "
                    + "in \(String(format: "%.2f", Date().timeIntervalSince(started)))s.")
        }
        return Planner.plan(
            PlannerInput(document: document, selectedJobs: selected, state: state, now: now, regions: regions))
    }
}
