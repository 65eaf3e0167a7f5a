import Foundation
import TestSupport
import Testing

/// The multi-job run the crash-consistency test kills: seven copies of five jobs. Three fixed
/// targets, each replaced on every apply (one with deletion protection to turn off first, one
/// without a safety backup, one with point-in-time recovery), a rotation with a new backup and
/// `keep: 2`, and a `match` rotation of three origins from their latest backups with `keep: 1`;
/// retention on all that make backups, an SSM parameter on each.
struct CrashPlan: Sendable {
    struct Job: Sendable {
        let name: String
        let origins: [String]
        /// Fixed target; nil for a rotation.
        let target: String?
        /// Rotation: the start of each origin's generation names.
        let generationPrefix: [String: String]
        let keep: Int
        let retention: Int?
        /// Where each copy's table is published: parameter name per origin.
        let parameters: [String: String]
    }

    let prefix: String

    func origin(_ letter: String) -> String { "\(prefix)-\(letter)-production" }
    var origins: [String] { ["a", "b", "c", "d", "e", "f", "g"].map(origin) }

    var seeds: [TableSeed] {
        [
            TableSeed(
                name: origin("a"), items: 40, capacity: [20, 20], gsi: [.init(name: "by-ref", key: "ref")],
                tags: ["team": "a"]),
            TableSeed(name: origin("b"), items: 30, billing: "on-demand", ttl: "expires_at", tags: ["team": "b"]),
            TableSeed(name: origin("c"), items: 25, capacity: [5, 5]),
            TableSeed(name: origin("d"), items: 35, billing: "on-demand", tags: ["team": "d"]),
        ]
            + ["e", "f", "g"].map { TableSeed(name: origin($0), items: 20, backup: origin($0) + "-nightly") }
    }

    var jobs: [Job] {
        let fixed = ["a", "b", "c"].map { letter in
            Job(
                name: "\(prefix)-fix-\(letter)", origins: [origin(letter)], target: "\(prefix)-\(letter)-copy",
                generationPrefix: [:], keep: 1, retention: letter == "a" ? 2 : 1,
                parameters: [origin(letter): "/\(prefix)/fix/\(letter)"])
        }
        let rotating = Job(
            name: "\(prefix)-rot-d", origins: [origin("d")], target: nil,
            generationPrefix: [origin("d"): "\(prefix)-rot-d-2"], keep: 2, retention: 1,
            parameters: [origin("d"): "/\(prefix)/rot/d"])
        let matched = ["e", "f", "g"].map(origin)
        let matching = Job(
            name: "\(prefix)-rot-m", origins: matched, target: nil,
            generationPrefix: Dictionary(uniqueKeysWithValues: matched.map { ($0, String($0.dropLast(11)) + "-m-2") }),
            keep: 1, retention: nil,
            parameters: Dictionary(uniqueKeysWithValues: matched.map { ($0, "/\(prefix)/m/\($0)") }))
        return fixed + [rotating, matching]
    }

    var planFile: String {
        """
        version: 1
        protect: ["\(prefix)-*-production"]
        defaults:
          wait_timeout: 10m
          tags: {environment: crash}
        jobs:
          - name: \(prefix)-fix-a
            origin: \(origin("a"))
            target: \(prefix)-a-copy
            replace: true
            capacity: {read: 2, write: 1}
            deletion_protection: true
            ssm_parameter: /\(prefix)/fix/a
            retention: {backups: 2}
          - name: \(prefix)-fix-b
            origin: \(origin("b"))
            target: \(prefix)-b-copy
            replace: true
            backup_before_replace: false
            ssm_parameter: {name: /\(prefix)/fix/b, value: name}
            retention: {backups: 1}
          - name: \(prefix)-fix-c
            origin: \(origin("c"))
            target: \(prefix)-c-copy
            replace: true
            point_in_time_recovery: true
            ssm_parameter: /\(prefix)/fix/c
            retention: {backups: 1}
          - name: \(prefix)-rot-d
            origin: \(origin("d"))
            rotation: {name: "{job}-{timestamp}", keep: 2}
            capacity: {read: 1, write: 1}
            ssm_parameter: /\(prefix)/rot/d
            retention: {backups: 1}
          - name: \(prefix)-rot-m
            origin: {match: "^\(prefix)-(e|f|g)-production$"}
            source: latest-backup
            rotation: {pattern: "-production$", replacement: "-m", keep: 1}
            ssm_parameter: /\(prefix)/m/{origin}

        """
    }
}
