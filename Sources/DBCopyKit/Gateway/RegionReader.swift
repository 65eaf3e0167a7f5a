import AWSClient
import Foundation

/// Reads one region for the jobs that run there.
struct RegionReader: Sendable {
    let jobs: [JobSpec]
    let services: RegionServices
    let limiter: AsyncLimiter

    func read() async throws -> RegionSnapshot {
        var snapshot = RegionSnapshot()
        let needsList = jobs.contains { job in
            if case .match = job.origin { return true }
            if case .rotation = job.destination { return true }
            return false
        }
        // What needs no listing (literal origins, fixed targets, their parameters) is read beside
        // the listing, whose pages come one after another; the rest once the names are known.
        let early = ReadSet(jobs: jobs, names: nil, reader: self)
        var late = ReadSet()
        try await withThrowingTaskGroup(of: ReadPart.self) { group in
            if needsList {
                group.addTask { .names(try await call { try await services.tables.listTableNames() }) }
            }
            schedule(early, in: &group)
            for try await part in group {
                switch part {
                case .names(let names):
                    snapshot.tableNames = names
                    late = ReadSet(jobs: jobs, names: names, reader: self)
                    schedule(late.subtracting(early), in: &group)
                case .snapshot(let part):
                    snapshot.merge(part)
                }
            }
        }
        // A table read early that a listed job needs more of (a literal origin that a pattern
        // also matches, say): only the reads it still lacks.
        try await withThrowingTaskGroup(of: RegionSnapshot.self) { group in
            for (name, reads) in early.tables {
                guard let missing = late.tables[name]?.subtracting(reads), !missing.isEmpty else { continue }
                let table = snapshot.tables[name]
                group.addTask { try await readMore(name, table, missing) }
            }
            for try await part in group {
                for (name, table) in part.tables { snapshot.tables[name] = table }
                snapshot.backups += part.backups
            }
        }
        // A backup can be listed twice (the origin's and a named ARN): keep one of each.
        var seen: Set<String> = []
        snapshot.backups = snapshot.backups.filter { seen.insert($0.arn).inserted }
        return snapshot
    }

    private enum ReadPart: Sendable {
        case names([String])
        case snapshot(RegionSnapshot)
    }

    /// Tables (with what to read about each), backups named by ARN, and SSM parameters.
    private struct ReadSet {
        var tables: [String: TableReads] = [:]
        var backupARNs: Set<String> = []
        var parameterNames: Set<String> = []

        init() {}

        /// `names`: the region's tables, or nil before the listing (then `match` origins and
        /// rotation generations are left out).
        init(jobs: [JobSpec], names: [String]?, reader: RegionReader) {
            for job in jobs {
                if names == nil, case .match = job.origin { continue }
                for origin in reader.origins(of: job, among: names ?? []) {
                    var reads = TableReads(backups: true)
                    reads.tags = job.copyTags != .none
                    reads.ttl = job.ttl == .copy
                    if case .pointInTime = job.source { reads.pointInTimeRecovery = true }
                    tables[origin, default: TableReads()].formUnion(reads)
                    for target in reader.targets(of: job, origin: origin, among: names ?? []) {
                        tables[target.name, default: TableReads()].formUnion(
                            TableReads(tags: true, backups: target.backups))
                    }
                    if let parameter = job.ssmParameter {
                        parameterNames.insert(parameter.name.render(job: job.name, origin: origin, timestamp: ""))
                    }
                    // The copy's lease: held by another apply, or left by one that died mid-copy.
                    parameterNames.insert(LeaseRecord.parameterName(job: job.name, origin: origin))
                }
                if case .backupARN(let arn) = job.source { backupARNs.insert(arn) }
            }
        }

        /// What this set reads that `other` does not start (tables `other` has are left to readMore).
        func subtracting(_ other: ReadSet) -> ReadSet {
            var rest = ReadSet()
            rest.tables = tables.filter { other.tables[$0.key] == nil }
            rest.backupARNs = backupARNs.subtracting(other.backupARNs)
            rest.parameterNames = parameterNames.subtracting(other.parameterNames)
            return rest
        }
    }

    private func schedule(_ reads: ReadSet, in group: inout ThrowingTaskGroup<ReadPart, any Error>) {
        for (name, tableReads) in reads.tables {
            group.addTask { .snapshot(try await readTable(name, tableReads)) }
        }
        for arn in reads.backupARNs {
            group.addTask {
                let backup = try await call { try await services.tables.describeBackup(arn) }
                return .snapshot(RegionSnapshot(backups: backup.map { [$0] } ?? []))
            }
        }
        // Ten parameters per GetParameters call: SSM's read quota (40 calls a second by default)
        // is what a plan of hundreds of jobs would otherwise wait for.
        let names = reads.parameterNames.sorted()
        let size = GetParametersInput.maxNames
        for start in stride(from: 0, to: names.count, by: size) {
            let batch = Array(names[start..<min(start + size, names.count)])
            group.addTask {
                let values = try await call { try await services.parameters.parameters(batch) }
                var part = RegionSnapshot()
                for name in batch {
                    if let value = values[name] {
                        part.parameters[name] = ParameterSnapshot(name: name, value: value)
                    } else {
                        part.absentParameters.insert(name)
                    }
                }
                return .snapshot(part)
            }
        }
    }

    /// The reads `missing` adds to a table already described (`table` nil: it does not exist).
    private func readMore(_ name: String, _ table: TableSnapshot?, _ missing: TableReads) async throws -> RegionSnapshot
    {
        async let backupsRead: [BackupSnapshot] =
            missing.backups ? call { try await services.tables.backups(of: name) } : []
        guard var table else { return RegionSnapshot(backups: try await backupsRead) }
        let arn = table.arn
        async let tags: [String: String]? =
            missing.tags ? call { try await services.tables.tags(ofResource: arn) } : nil
        async let ttl: TTLSnapshot? = missing.ttl ? call { try await services.tables.timeToLive(of: name) } : nil
        async let pitr: PITRSnapshot? =
            missing.pointInTimeRecovery ? call { try await services.tables.pointInTimeRecovery(of: name) } : nil
        if let tags = try await tags { table.tags = tags }
        if let ttl = try await ttl { table.ttl = ttl }
        if let pitr = try await pitr { table.pointInTimeRecovery = pitr }
        return RegionSnapshot(tables: [name: table], backups: try await backupsRead)
    }

    /// One table: DescribeTable, then (in parallel) whatever the jobs need about it.
    private func readTable(_ name: String, _ reads: TableReads) async throws -> RegionSnapshot {
        async let backupsRead: [BackupSnapshot] =
            reads.backups ? call { try await services.tables.backups(of: name) } : []
        // TTL and point-in-time recovery need only the name: asked beside DescribeTable, not
        // after it (nil: the table is not there).
        let readTTL: @Sendable () async throws -> TTLSnapshot = { try await services.tables.timeToLive(of: name) }
        let readPITR: @Sendable () async throws -> PITRSnapshot = {
            try await services.tables.pointInTimeRecovery(of: name)
        }
        async let ttlRead = reads.ttl ? ifTableExists(readTTL) : nil
        async let pitrRead = reads.pointInTimeRecovery ? ifTableExists(readPITR) : nil
        guard var table = try await call({ try await services.tables.describeTable(name) }) else {
            _ = try await (ttlRead, pitrRead)
            return RegionSnapshot(absentTables: [name], backups: try await backupsRead)
        }
        let arn = table.arn
        var gone = false
        if reads.tags {
            table.tags = try await ifTableExists { try await services.tables.tags(ofResource: arn) }
            gone = table.tags == nil
        }
        if reads.ttl {
            table.ttl = try await confirmed(try await ttlRead, readTTL)
            gone = gone || table.ttl == nil
        }
        if reads.pointInTimeRecovery {
            table.pointInTimeRecovery = try await confirmed(try await pitrRead, readPITR)
            gone = gone || table.pointInTimeRecovery == nil
        }
        if gone {
            // Deleted since DescribeTable answered (a delete in progress, say an interrupted run's):
            // what else there was to read went with it. The planner leaves a DELETING table alone.
            table.status = "DELETING"
            table.tags = nil
            table.ttl = nil
            table.pointInTimeRecovery = nil
        }
        return RegionSnapshot(tables: [name: table], backups: try await backupsRead)
    }

    /// `read`'s answer, or nil when the table is not there: ResourceNotFoundException, which
    /// moto spells ResourceNotFound for DescribeTimeToLive.
    private func ifTableExists<T: Sendable>(_ read: @Sendable () async throws -> T) async throws -> T? {
        do {
            return try await call(read)
        } catch
            where isAWSError(error, code: "ResourceNotFoundException") || isAWSError(error, code: "ResourceNotFound")
        {
            return nil
        }
    }

    /// A side read asked beside DescribeTable: its answer, or, if it found no table while
    /// DescribeTable found one (made in between, which is rare), `read` asked again now.
    private func confirmed<T: Sendable>(_ first: T?, _ read: @Sendable () async throws -> T) async throws -> T? {
        if let first { return first }
        return try await ifTableExists(read)
    }

    private func origins(of job: JobSpec, among names: [String]) -> [String] {
        switch job.origin {
        case .table(let name): return [name]
        case .match(let pattern):
            guard let regex = try? PlanRegex(pattern) else { return [] }
            return names.filter { regex.matches($0) }
        }
    }

    /// Tables that may be this job's copies of `origin`: the fixed target (whose backups hold
    /// the safety backups), or every table named like one of its generations.
    private func targets(of job: JobSpec, origin: String, among names: [String]) -> [(name: String, backups: Bool)] {
        switch job.destination {
        case .table(let name): return [(name, !job.retention.keepsEverything)]
        case .rotation(let rotation):
            let naming = GenerationNaming(job: job, rotation: rotation, origin: origin)
            return names.filter { naming.recognise($0) != nil }.map { ($0, false) }
        }
    }

    private func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        try await limiter.run(operation)
    }
}

extension RegionSnapshot {
    mutating func merge(_ other: RegionSnapshot) {
        tables.merge(other.tables) { current, _ in current }
        absentTables.formUnion(other.absentTables)
        backups += other.backups
        parameters.merge(other.parameters) { current, _ in current }
        absentParameters.formUnion(other.absentParameters)
    }
}
