import Foundation
import Testing

@testable import DBCopyKit

@Suite("PlanLoader: plan files become typed jobs with marks")
struct PlanLoaderTests {
    static let design = """
        version: 1
        defaults:
          region: eu-west-1
          billing: provisioned
          tags: {team: data, environment: prod}
          capacity: {read: 5, write: 5}
          indexes: {by-name: {read: 2, write: 2}}
        protect: ["*-prod"]
        jobs:
          - name: clients-to-dev
            origin: clients
            target: clients_restored
            replace: true
            capacity: {read: 3, write: 3}
            indexes: {by-email: {read: 1, write: 1}}
            tags: {environment: dev}
            ssm_parameter: {name: "/dev/{job}/arn", value: name}
          - name: orders-staging
            origin: {match: "(?i)-production$"}
            source: latest-backup
            rotation: {pattern: "(?i)-production$", replacement: "-staging", keep: 2}
            billing: on-demand
            capacity: null
        """

    @Test("a key written in the job replaces the default whole; tags merge key by key, the job winning")
    func defaultsMerge() throws {
        let text = Self.design.replacingOccurrences(of: "\n    capacity: null", with: "")
        let document = try #require(loadPlan(text).document)
        let job = document.jobs[0]
        #expect(job.region == "eu-west-1")
        #expect(job.billing == .provisioned)
        #expect(job.capacity == Capacity(read: 3, write: 3))
        #expect(job.indexes == ["by-email": Capacity(read: 1, write: 1)])
        #expect(job.tags == ["team": "data", "environment": "dev"])
        #expect(job.replace == .owned)
        #expect(job.ssmParameter == SSMParameterSpec(name: NameTemplate(verbatim: "/dev/{job}/arn"), value: .name))
        // Inherited keys point into defaults; the job's own keys at the job.
        #expect(job.keyMarks["region"] == SourceMark(file: "plan.yaml", line: 3, column: 3))
        #expect(job.keyMarks["tags.team"] == SourceMark(file: "plan.yaml", line: 5, column: 10))
        #expect(job.keyMarks["tags.environment"] == SourceMark(file: "plan.yaml", line: 16, column: 12))
        #expect(job.keyMarks["indexes.by-email"] == SourceMark(file: "plan.yaml", line: 15, column: 15))
        #expect(job.keyMarks["indexes.by-name"] == nil)
        #expect(job.mark == SourceMark(file: "plan.yaml", line: 10, column: 5))

        let rotation = document.jobs[1]
        #expect(rotation.origin == .match("(?i)-production$"))
        #expect(rotation.source == .latestBackup)
        #expect(
            rotation.destination
                == .rotation(
                    RotationSpec(naming: .pattern(regex: "(?i)-production$", replacement: "-staging"), keep: 2)))
        #expect(rotation.capacity == nil && rotation.indexes.isEmpty && rotation.keyMarks["capacity"] == nil)
        #expect(rotation.keyMarks["rotation.keep"] == SourceMark(file: "plan.yaml", line: 21, column: 70))
        #expect(
            document.protect == [ProtectPattern("*-prod", mark: SourceMark(file: "plan.yaml", line: 8, column: 11))])
        #expect(document.format == .yaml)
    }

    @Test("every error in the file is reported in one run, sorted by position")
    func allErrorsAtOnce() {
        // The on-demand job inherits neither capacity nor indexes, so only its own null is wrong.
        #expect(
            diagnosticLines(Self.design) == [
                "plan.yaml:23:15: error: 'capacity' must be {read: N, write: N} with whole numbers from 1 to 40000; got no value"
            ])
        let broken = Self.design.replacingOccurrences(of: "keep: 2", with: "keep: 0")
            .replacingOccurrences(of: "name: clients-to-dev", with: "name: Clients")
        #expect(
            diagnosticLines(broken) == [
                "plan.yaml:10:11: error: job name 'Clients' is not valid; allowed: lowercase letters, digits, _ and -, "
                    + "starting with a letter or digit, at most 64 characters",
                "plan.yaml:21:76: error: 'rotation.keep' must be a whole number from 1 to 100; got 0",
                "plan.yaml:23:15: error: 'capacity' must be {read: N, write: N} with whole numbers from 1 to 40000; got no value",
            ])
        #expect(loadPlan(broken).document == nil)
    }

    @Test("JSON goes through the same loader and is recognised as JSON")
    func json() throws {
        let text =
            #"{"version": 1, "jobs": [{"name": "copy", "origin": {"table": "clients"}, "target": "clients_copy"}]}"#
        let document = try #require(loadPlan(text, path: "plan.json").document)
        #expect(document.format == .json)
        #expect(document.jobs[0].origin == .table("clients"))
        #expect(document.jobs[0].mark == SourceMark(file: "plan.json", line: 1, column: 25))
    }

    @Test("the digest is the SHA-256 of the file's bytes")
    func digest() throws {
        #expect(
            PlanLoader.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let text = oneJob()
        #expect(loadPlan(text).document?.digest == PlanLoader.sha256Hex(Array(text.utf8)))
    }

    @Test("defaults of a job that sets nothing: backup source, default backup name, 6h wait, keep everything")
    func builtInDefaults() throws {
        let job = try #require(loadPlan(oneJob()).document?.jobs.first)
        #expect(job.source == .newBackup)
        #expect(job.backupName == NameTemplate.defaultBackupName)
        #expect(job.replace == .never)
        #expect(job.backupBeforeReplace)
        #expect(job.billing == nil)
        #expect(job.ttl == .copy)
        #expect(job.copyTags == CopyTags.none)
        #expect(job.retention.keepsEverything)
        #expect(job.waitTimeout == .defaultWaitTimeout)
    }

    @Test("source, encryption, copy_tags, ttl and durations in every form")
    func forms() throws {
        let text = oneJob(
            """
                source: {point_in_time: "2026-11-20T08:00:00Z"}
                encryption: {kms_key: alias/qa}
                copy_tags: [team]
                ttl: false
                refresh: 1h30m
                retention: {backups: 0, max_age: 2w}

            """)
        let job = try #require(loadPlan(text).document?.jobs.first)
        #expect(job.source == .pointInTime(Date(timeIntervalSince1970: 1_795_161_600)))
        #expect(job.encryption == .customerManaged(kmsKey: "alias/qa"))
        #expect(job.copyTags == .keys(["team"]))
        #expect(job.ttl == .disabled)
        #expect(job.refresh == DurationValue(seconds: 5400, text: "1h30m"))
        #expect(job.retention == RetentionSpec(backups: 0, maxAge: DurationValue(seconds: 1_209_600, text: "2w")))
    }
}
