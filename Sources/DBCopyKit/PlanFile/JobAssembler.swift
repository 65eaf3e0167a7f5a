/// Applies `defaults` to a job and checks what can only be checked on the merged job.
///
/// Merging: a key written in the job replaces the default whole (`capacity`, `indexes`,
/// `retention`…), except `tags`, which merge key by key with the job's value winning.
/// A job that itself sets `billing: on-demand` does not inherit `capacity` or `indexes`: they
/// would be meaningless there, and defaults usually carry them for the provisioned jobs.
/// A rule broken by `defaults` alone is reported once, at `defaults` (see `checkDefaults`), not
/// once per job.
extension PlanReader {
    func checkDefaults(_ defaults: JobFields) {
        checkBilling(defaults, jobName: nil)
    }

    /// The job with defaults applied, and its `JobSpec` when it has no error.
    func assemble(_ job: JobFields, defaults: JobFields?) -> (merged: JobFields, spec: JobSpec?) {
        let inherited = defaults ?? JobFields(mark: job.mark)
        func pick<T>(_ key: String, _ path: KeyPath<JobFields, T?>) -> T? {
            job.written.contains(key) ? job[keyPath: path] : inherited[keyPath: path]
        }
        var merged = job
        merged.written.formUnion(inherited.written)
        for (path, mark) in inherited.keyMarks where merged.keyMarks[path] == nil {
            // A job's key hides the default's whole subtree, except tags, which merge.
            let key = String(path.prefix { $0 != "." })
            if !job.written.contains(key) || key == "tags" { merged.keyMarks[path] = mark }
        }
        merged.region = pick("region", \.region)
        merged.source = pick("source", \.source)
        merged.backupName = pick("backup_name", \.backupName)
        merged.replace = pick("replace", \.replace)
        merged.backupBeforeReplace = pick("backup_before_replace", \.backupBeforeReplace)
        merged.billing = pick("billing", \.billing)
        merged.capacity = pick("capacity", \.capacity)
        merged.indexes = pick("indexes", \.indexes)
        merged.encryption = pick("encryption", \.encryption)
        merged.tableClass = pick("table_class", \.tableClass)
        merged.deletionProtection = pick("deletion_protection", \.deletionProtection)
        merged.pointInTimeRecovery = pick("point_in_time_recovery", \.pointInTimeRecovery)
        merged.ttl = pick("ttl", \.ttl)
        merged.copyTags = pick("copy_tags", \.copyTags)
        merged.refresh = pick("refresh", \.refresh)
        merged.ssmParameter = pick("ssm_parameter", \.ssmParameter)
        merged.retention = pick("retention", \.retention)
        merged.waitTimeout = pick("wait_timeout", \.waitTimeout)
        if job.billing == .onDemand {
            for key in ["capacity", "indexes"] where !job.written.contains(key) {
                merged.written.remove(key)
                merged.keyMarks = merged.keyMarks.filter { $0.key != key && !$0.key.hasPrefix(key + ".") }
            }
            if !job.written.contains("capacity") { merged.capacity = nil }
            if !job.written.contains("indexes") { merged.indexes = nil }
        }
        if inherited.tags != nil || job.tags != nil {
            merged.tags = (inherited.tags ?? [:]).merging(job.tags ?? [:]) { _, jobValue in jobValue }
        }
        return (merged, check(merged, own: job))
    }

    /// The per-job rules; `own` is the job as written, to tell its keys from inherited ones.
    private func check(_ job: JobFields, own: JobFields) -> JobSpec? {
        let errorsBefore = errorCount
        if !own.written.contains("name") {
            error("a job needs 'name': a unique job name such as clients-to-dev", at: own.mark)
        }
        if !own.written.contains("origin") {
            error("a job needs 'origin': a table name, {table: NAME} or {match: REGEX}", at: own.mark)
        }
        let destination = self.destination(own)
        checkBilling(job, jobName: own.name, own: own)
        if own.rotation != nil || own.written.contains("rotation") {
            for key in ["replace", "backup_before_replace"] where own.written.contains(key) {
                error(
                    "'\(key)' applies to a fixed target; a rotation makes new tables and destroys old "
                        + "generations by 'keep': remove '\(key)' or use 'target'", at: own.mark(of: key))
            }
        }
        // More than allowed only once the defaults' tags are added (each alone was checked when read).
        if let total = job.tags?.count, let ownCount = own.tags?.count, total > TagRules.maximumUserTags,
            ownCount <= TagRules.maximumUserTags
        {
            error(
                "this job has \(total) tags with those from defaults; allowed: at most \(TagRules.maximumUserTags) "
                    + "(AWS allows 50, dbcopy uses 3)", at: own.mark(of: "tags"))
        }
        guard let name = own.name, let origin = own.origin, let destination else { return nil }
        checkNames(job, name: name, origin: origin, destination: destination)
        checkSource(job, origin: origin)
        guard errorCount == errorsBefore else { return nil }
        return JobSpec(
            name: name, mark: own.mark, keyMarks: job.keyMarks, region: job.region, origin: origin,
            source: job.source ?? .newBackup, backupName: job.backupName ?? NameTemplate.defaultBackupName,
            destination: destination, replace: job.replace ?? .never,
            backupBeforeReplace: job.backupBeforeReplace ?? true, billing: job.billing, capacity: job.capacity,
            indexes: job.indexes ?? [:], encryption: job.encryption, tableClass: job.tableClass,
            deletionProtection: job.deletionProtection, pointInTimeRecovery: job.pointInTimeRecovery,
            ttl: job.ttl ?? .copy, tags: job.tags ?? [:], copyTags: job.copyTags ?? CopyTags.none,
            refresh: job.refresh, ssmParameter: job.ssmParameter, retention: job.retention ?? RetentionSpec(),
            waitTimeout: job.waitTimeout ?? .defaultWaitTimeout)
    }

    private func destination(_ job: JobFields) -> Destination? {
        switch (job.written.contains("target"), job.written.contains("rotation")) {
        case (true, true):
            error(
                "'target' and 'rotation' are both set; a job has either a fixed target or a rotation of "
                    + "timestamped tables, not both", at: job.mark(of: "rotation"))
            return nil
        case (false, false):
            error(
                "a job needs 'target' (a fixed table name) or 'rotation' (timestamped tables: "
                    + "{name: TEMPLATE, keep: N} or {pattern, replacement, keep})", at: job.mark)
            return nil
        case (true, false): return job.target.map(Destination.table)
        case (false, true): return job.rotation.map(Destination.rotation)
        }
    }

    /// `capacity` and `indexes` set provisioned throughput, which on-demand tables do not have.
    /// With `own`, reported only when the job itself wrote one of the keys involved.
    private func checkBilling(_ job: JobFields, jobName: String?, own: JobFields? = nil) {
        guard job.billing == .onDemand else { return }
        // Only valid values: an invalid capacity was reported already.
        for key in ["capacity", "indexes"] where key == "capacity" ? job.capacity != nil : job.indexes != nil {
            if let own, !own.written.contains(key), !own.written.contains("billing") { continue }
            let billingMark = job.mark(of: "billing").map { " (billing set at \($0.line):\($0.column))" } ?? ""
            error(
                "'\(key)' sets provisioned capacity, but billing is on-demand\(billingMark); "
                    + "remove '\(key)' or use billing: provisioned", at: job.mark(of: key))
        }
    }
}
