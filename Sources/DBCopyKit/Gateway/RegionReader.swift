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
        if needsList { snapshot.tableNames = try await call { try await services.tables.listTableNames() } }
        let names = snapshot.tableNames ?? []

        var tableReads: [String: TableReads] = [:]
        var backupARNs: Set<String> = []
        var parameterNames: Set<String> = []
        for job in jobs {
            for origin in origins(of: job, among: names) {
                var reads = TableReads(backups: true)
                reads.tags = job.copyTags != .none
                reads.ttl = job.ttl == .copy
                if case .pointInTime = job.source { reads.pointInTimeRecovery = true }
                tableReads[origin, default: TableReads()].formUnion(reads)
                for target in targets(of: job, origin: origin, among: names) {
                    tableReads[target.name, default: TableReads()].formUnion(TableReads(tags: true, backups: target.backups))
                }
                if let parameter = job.ssmParameter {
                    parameterNames.insert(parameter.name.render(job: job.name, origin: origin, timestamp: ""))
                }
                // The copy's lease: held by another apply, or left by one that died mid-copy.
                parameterNames.insert(LeaseRecord.parameterName(job: job.name, origin: origin))
            }
            if case .backupARN(let arn) = job.source { backupARNs.insert(arn) }
        }

        try await withThrowingTaskGroup(of: RegionSnapshot.self) { group in
            for (name, reads) in tableReads {
                group.addTask { try await readTable(name, reads) }
            }
            for arn in backupARNs {
                group.addTask {
                    let backup = try await call { try await services.tables.describeBackup(arn) }
                    return RegionSnapshot(backups: backup.map { [$0] } ?? [])
                }
            }
            for name in parameterNames {
                group.addTask {
                    guard let value = try await call({ try await services.parameters.parameter(name) }) else {
                        return RegionSnapshot(absentParameters: [name])
                    }
                    return RegionSnapshot(parameters: [name: ParameterSnapshot(name: name, value: value)])
                }
            }
            for try await part in group { snapshot.merge(part) }
        }
        // A backup can be listed twice (the origin's and a named ARN): keep one of each.
        var seen: Set<String> = []
        snapshot.backups = snapshot.backups.filter { seen.insert($0.arn).inserted }
        return snapshot
    }

    /// One table: DescribeTable, then (in parallel) whatever the jobs need about it.
    private func readTable(_ name: String, _ reads: TableReads) async throws -> RegionSnapshot {
        async let backupsRead: [BackupSnapshot] =
            reads.backups ? call { try await services.tables.backups(of: name) } : []
        guard var table = try await call({ try await services.tables.describeTable(name) }) else {
            return RegionSnapshot(absentTables: [name], backups: try await backupsRead)
        }
        let arn = table.arn
        async let tags: [String: String]? = reads.tags ? call { try await services.tables.tags(ofResource: arn) } : nil
        async let ttl: TTLSnapshot? = reads.ttl ? call { try await services.tables.timeToLive(of: name) } : nil
        async let pitr: PITRSnapshot? =
            reads.pointInTimeRecovery ? call { try await services.tables.pointInTimeRecovery(of: name) } : nil
        do {
            table.tags = try await tags
            table.ttl = try await ttl
            table.pointInTimeRecovery = try await pitr
        } catch where isAWSError(error, code: "ResourceNotFoundException") {
            // Deleted since DescribeTable answered (a delete in progress, say an interrupted run's):
            // what else there was to read went with it. The planner leaves a DELETING table alone.
            table.status = "DELETING"
            table.tags = nil
            table.ttl = nil
            table.pointInTimeRecovery = nil
        }
        return RegionSnapshot(tables: [name: table], backups: try await backupsRead)
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
