import Foundation

/// Twenty jobs over ten origins, the shape of a team's real plan file: ten fixed targets
/// (replace, safety backups or not, retention 1 or 2, provisioned or on-demand, ARN or name in
/// SSM), eight rotations of one origin (a new backup or the latest one, keep 1 or 2) and two
/// `match` rotations over several origins. 23 copies in all.
///
/// Some origins are copied by two jobs at once: a fixed job's retention destroys its older
/// backups while a `latest-backup` rotation of the same origin may restore from one of them.
struct TwentyJobPlan: Sendable {
    struct Job: Sendable {
        let name: String
        let origins: [String]
        /// Rotation: the start of every generation's name, per origin; nil for a fixed target.
        let generationPrefix: [String: String]?
        let keep: Int?
        /// Retention of the job's backups (`backups: N`), and how its backup names start per table.
        let retention: Int?
        let backupPrefixes: [String: [String]]
        let yaml: [String]
    }

    let prefix: String

    func origin(_ index: Int) -> String { "\(prefix)-src\(index)-production" }
    var origins: [String] { (0..<10).map(origin) }

    /// Even origins provisioned (every third with an index), odd ones on-demand; some with TTL;
    /// each with tags and a nightly backup (for the `latest-backup` jobs).
    var seeds: [TableSeed] {
        (0..<10).map { index in
            TableSeed(
                name: origin(index), items: 15 + 5 * index, billing: index % 2 == 0 ? "provisioned" : "on-demand",
                capacity: index % 2 == 0 ? [10, 10] : nil,
                gsi: index % 3 == 0
                    ? [.init(name: "by-ref", key: "ref", capacity: index % 2 == 0 ? [10, 10] : nil)] : nil,
                ttl: index % 4 == 1 ? "expires_at" : nil, tags: ["team": "t\(index)", "owner": "o\(index)"],
                backup: origin(index) + "-nightly")
        }
    }

    var jobs: [Job] { (0..<10).map(fixed) + (0..<8).map(rotation) + [matchA, matchB] }

    var planFile: String {
        var text = "version: 1\nprotect: [\"\(prefix)-*-production\"]\ndefaults:\n  wait_timeout: 10m\njobs:\n"
        for job in jobs {
            for (number, line) in job.yaml.enumerated() { text += (number == 0 ? "  - " : "    ") + line + "\n" }
        }
        return text
    }

    private func fixed(_ index: Int) -> Job {
        let name = "\(prefix)-fixed-\(index)"
        let target = "\(prefix)-src\(index)-copy"
        var yaml = ["name: \(name)", "origin: \(origin(index))", "target: \(target)", "replace: true"]
        yaml +=
            index % 2 == 0
            ? ["billing: provisioned", "capacity: {read: \(1 + index % 3), write: \(1 + index % 2)}"]
            : ["billing: on-demand"]
        let safety = index % 5 != 4
        if !safety { yaml.append("backup_before_replace: false") }
        // Retention 1 on origin 1: its rotation below restores from the newest backup, which this job destroys.
        let retention = index == 1 ? 1 : 1 + index % 2
        yaml += [
            "ssm_parameter: {name: \"/\(prefix)/fixed/{job}\", value: \(index % 2 == 0 ? "arn" : "name")}",
            "retention: {backups: \(retention)}", "tags: {environment: dev}",
        ]
        if index % 3 == 0 { yaml.append("copy_tags: [team]") }
        var prefixes = [origin(index): ["dbcopy-\(name)-2"]]
        if safety { prefixes[target] = ["dbcopy-\(name)-replaced-"] }
        return Job(
            name: name, origins: [origin(index)], generationPrefix: nil, keep: nil, retention: retention,
            backupPrefixes: prefixes, yaml: yaml)
    }

    private func rotation(_ index: Int) -> Job {
        let name = "\(prefix)-rot-\(index)"
        let keep = 1 + index % 2
        let newBackup = index % 2 == 0
        var yaml = [
            "name: \(name)", "origin: \(origin(index))", "rotation: {name: \"{job}-{timestamp}\", keep: \(keep)}",
        ]
        yaml.append(newBackup ? "retention: {backups: 1}" : "source: latest-backup")
        yaml.append(index % 3 == 0 ? "billing: on-demand" : "capacity: {read: 2, write: 2}")
        yaml.append("ssm_parameter: /\(prefix)/rot/{job}")
        return Job(
            name: name, origins: [origin(index)], generationPrefix: [origin(index): "\(name)-2"], keep: keep,
            retention: newBackup ? 1 : nil, backupPrefixes: newBackup ? [origin(index): ["dbcopy-\(name)-2"]] : [:],
            yaml: yaml)
    }

    private var matchA: Job {
        let name = "\(prefix)-match-a"
        let origins = (5...7).map(origin)
        return Job(
            name: name, origins: origins,
            generationPrefix: Dictionary(uniqueKeysWithValues: origins.map { ($0, base($0) + "-ma-2") }), keep: 2,
            retention: nil, backupPrefixes: [:],
            yaml: [
                "name: \(name)", "origin: {match: \"^\(prefix)-src[5-7]-production$\"}", "source: latest-backup",
                "rotation: {pattern: \"-production$\", replacement: \"-ma\", keep: 2}", "billing: on-demand",
                "ssm_parameter: /\(prefix)/ma/{origin}", "copy_tags: true",
            ])
    }

    private var matchB: Job {
        let name = "\(prefix)-match-b"
        let origins = [origin(8), origin(9)]
        return Job(
            name: name, origins: origins,
            generationPrefix: Dictionary(uniqueKeysWithValues: origins.map { ($0, base($0) + "-mb-2") }), keep: 1,
            retention: 1, backupPrefixes: Dictionary(uniqueKeysWithValues: origins.map { ($0, ["\($0)-mb-2"]) }),
            yaml: [
                "name: \(name)", "origin: {match: \"^\(prefix)-src(8|9)-production$\"}",
                "backup_name: \"{origin}-mb-{timestamp}\"",
                "rotation: {pattern: \"-production$\", replacement: \"-mb\", keep: 1}",
                "capacity: {read: 1, write: 1}", "ssm_parameter: {name: \"/\(prefix)/mb/{origin}\", value: name}",
                "retention: {backups: 1}",
            ])
    }

    private func base(_ origin: String) -> String { String(origin.dropLast("-production".count)) }
}
