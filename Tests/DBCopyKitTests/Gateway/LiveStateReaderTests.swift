import Foundation
import Testing

@testable import DBCopyKit

@Suite("Live-state reader: which calls, each once, bounded")
struct LiveStateReaderTests {
    static let staging = RotationSpec(naming: .pattern(regex: "(?i)-production$", replacement: "-staging"), keep: 2)

    func stagingJob() -> JobSpec {
        Fixture.job("orders-staging", origin: .match("(?i)-production$"), destination: .rotation(Self.staging)) {
            $0.source = .latestBackup
            $0.copyTags = .keys(["team"])
            $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/staging/{origin}/table-arn"))
        }
    }

    @Test("pattern generation names: rendered and recognised per origin, $0 is the whole match")
    func generationNaming() {
        let naming = GenerationNaming(job: stagingJob(), rotation: Self.staging, origin: "orders-production")
        #expect(naming.name(timestamp: Fixture.stamp) == "orders-staging-20261122-10-15-00")
        #expect(naming.recognise("orders-staging-20261122-10-15-00") == CopyTimestamp.parse("20261122-10-15-00"))
        #expect(naming.recognise("orders-staging-20261122-10-15-0") == nil)
        #expect(naming.recognise("orders-staging-20261122-10-15-00x") == nil)
        #expect(naming.recognise("users-staging-20261122-10-15-00") == nil)
        #expect(naming.recognise("orders-production") == nil)
        let whole = RotationSpec(naming: .pattern(regex: "-PRODUCTION$", replacement: "$0-copy"), keep: 1)
        let copyNaming = GenerationNaming(job: stagingJob(), rotation: whole, origin: "users-PRODUCTION")
        #expect(copyNaming.name(timestamp: "T") == "users-PRODUCTION-copy-T")
        #expect(copyNaming.recognise("users-PRODUCTION-copy-20261122-10-15-00") != nil)
    }

    @Test("one listing, then each table described once, tags/TTL/backups only where a job needs them")
    func callsForMixedJobs() async throws {
        let tables = FakeTables(tables: [
            Fixture.table("orders-production"), Fixture.table("users-production"), Fixture.table("clients"),
            Fixture.table("clients_dev"), Fixture.table("orders-staging-20261120-06-00-00"),
            Fixture.table("users-staging-20261119-06-00-00"), Fixture.table("orders-staging-old"),
            Fixture.table("unrelated"),
        ])
        let fixed = Fixture.job("clients-to-dev", origin: .table("clients"), destination: .table("clients_dev")) {
            $0.retention = RetentionSpec(backups: 3, maxAge: nil)
            $0.ttl = .disabled
        }
        let parameters = FakeParameters()
        let reader = LiveStateReader(
            services: { _ in RegionServices(tables: tables, parameters: parameters) }, concurrency: 4)
        let state = try await reader.read(
            jobs: [fixed, stagingJob()], regions: ["clients-to-dev": "r", "orders-staging": "r"])

        let calls = tables.calls.withLock { $0 }
        #expect(calls.filter { $0 == "ListTables" }.count == 1)
        let described = calls.filter { $0.hasPrefix("DescribeTable ") }
        #expect(Set(described).count == described.count, "a table described twice: \(described)")
        #expect(
            Set(described) == [
                "DescribeTable orders-production", "DescribeTable users-production", "DescribeTable clients",
                "DescribeTable clients_dev", "DescribeTable orders-staging-20261120-06-00-00",
                "DescribeTable users-staging-20261119-06-00-00",
            ])
        #expect(
            Set(calls.filter { $0.hasPrefix("ListTagsOfResource ") }) == [
                "ListTagsOfResource orders-production", "ListTagsOfResource users-production",
                "ListTagsOfResource clients_dev", "ListTagsOfResource orders-staging-20261120-06-00-00",
                "ListTagsOfResource users-staging-20261119-06-00-00",
            ])
        #expect(
            Set(calls.filter { $0.hasPrefix("DescribeTimeToLive ") }) == [
                "DescribeTimeToLive orders-production", "DescribeTimeToLive users-production",
            ])
        #expect(
            Set(calls.filter { $0.hasPrefix("ListBackups ") }) == [
                "ListBackups orders-production", "ListBackups users-production", "ListBackups clients",
                "ListBackups clients_dev",
            ])
        #expect(calls.count == Set(calls).count, "a call made twice: \(calls)")
        // The literal job's parameters beside the listing, the matched origins' once it is done;
        // each copy's lease too, to note one held or left by an interrupted apply.
        #expect(
            Set(parameters.calls.withLock { $0 }) == [
                "GetParameters /dbcopy/leases/clients-to-dev/clients",
                "GetParameters /dbcopy/leases/orders-staging/orders-production "
                    + "/dbcopy/leases/orders-staging/users-production /staging/orders-production/table-arn "
                    + "/staging/users-production/table-arn",
            ])
        #expect(state.regions["r"]?.tables.count == 6)
    }

    @Test("an origin's TTL and point-in-time settings are asked beside DescribeTable, not after it")
    func settingsBesideDescribe() async throws {
        let tables = FakeTables(tables: [Fixture.table("clients")], delay: 0.2)
        let job = Fixture.job("clients-to-dev", origin: .table("clients"), destination: .table("clients_dev")) {
            $0.source = .pointInTime(nil)
            $0.ttl = .copy
        }
        let reader = LiveStateReader(
            services: { _ in RegionServices(tables: tables, parameters: FakeParameters()) }, concurrency: 8)
        let state = try await reader.read(jobs: [job], regions: ["clients-to-dev": "r"])
        // DescribeTable of both tables, the origin's ListBackups, TTL and PITR: all five at once.
        #expect(tables.peak.withLock { $0 } == 5, "\(tables.calls.withLock { $0 })")
        #expect(state.regions["r"]?.tables["clients"]?.ttl?.status == "DISABLED")
        #expect(state.regions["r"]?.tables["clients"]?.pointInTimeRecovery?.enabled == false)
    }

    @Test("SSM parameters are read ten to a GetParameters call; the missing ones are known absent")
    func parametersInBatches() async throws {
        let jobs = (0..<23).map { i in
            Fixture.job("job-\(i)", origin: .table("origin-\(i)"), destination: .table("copy-\(i)")) {
                $0.ssmParameter = SSMParameterSpec(name: NameTemplate(verbatim: "/copies/\(i)"))
            }
        }
        let tables = FakeTables(tables: (0..<23).map { Fixture.table("origin-\($0)") })
        let parameters = FakeParameters(values: ["/copies/3": "arn:three", "/copies/17": "arn:seventeen"])
        let reader = LiveStateReader(
            services: { _ in RegionServices(tables: tables, parameters: parameters) }, concurrency: 4)
        let state = try await reader.read(
            jobs: jobs, regions: Dictionary(uniqueKeysWithValues: jobs.map { ($0.name, "r") }))

        let batches = parameters.calls.withLock { $0 }.map { $0.split(separator: " ").dropFirst().map(String.init) }
        #expect(batches.count == 5, "46 names (a parameter and a lease per job): \(batches)")
        #expect(batches.allSatisfy { $0.count <= 10 })
        let asked = batches.flatMap { $0 }
        #expect(asked.count == 46 && Set(asked).count == 46)
        let region = try #require(state.regions["r"])
        #expect(region.parameters["/copies/3"]?.value == "arn:three")
        #expect(region.parameters["/copies/17"]?.value == "arn:seventeen")
        #expect(region.parameters.count == 2)
        #expect(region.absentParameters.count == 44 && region.absentParameters.contains("/copies/4"))
    }

    @Test("reads that need no listing start before the listing ends; a table both kinds of job need is read once")
    func literalReadsBesideTheListing() async throws {
        let tables = FakeTables(
            tables: [
                Fixture.table("orders-production", tags: ["team": "orders"]), Fixture.table("clients"),
                Fixture.table("orders-staging-20261120-06-00-00"),
            ], listingDelay: 0.2)
        // The literal origin is also matched by the rotation's pattern, which wants its tags.
        let literal = Fixture.job(
            "orders-to-dev", origin: .table("orders-production"), destination: .table("orders_dev"))
        let clients = Fixture.job("clients-to-dev", origin: .table("clients"), destination: .table("clients_dev"))
        let reader = LiveStateReader(
            services: { _ in RegionServices(tables: tables, parameters: FakeParameters()) }, concurrency: 8)
        let state = try await reader.read(
            jobs: [literal, clients, stagingJob()],
            regions: ["orders-to-dev": "r", "clients-to-dev": "r", "orders-staging": "r"])

        let calls = tables.calls.withLock { $0 }
        #expect(calls.count == Set(calls).count, "a call made twice: \(calls)")
        let listed = try #require(calls.firstIndex(of: "ListTables done"))
        #expect(calls.firstIndex(of: "DescribeTable clients").map { $0 < listed } == true, "\(calls)")
        #expect(calls.firstIndex(of: "DescribeTable orders_dev").map { $0 < listed } == true, "\(calls)")
        #expect(calls.firstIndex(of: "DescribeTable orders-staging-20261120-06-00-00").map { $0 > listed } == true)
        #expect(calls.filter { $0 == "DescribeTable orders-production" }.count == 1)
        #expect(calls.filter { $0 == "ListTagsOfResource orders-production" }.count == 1)
        let snapshot = try #require(state.regions["r"])
        #expect(snapshot.tables["orders-production"]?.tags == ["team": "orders"])
        #expect(snapshot.tables["orders-production"]?.ttl != nil)
        #expect(snapshot.absentTables == ["orders_dev", "clients_dev"])
        #expect(snapshot.tableNames?.count == 3)
    }

    @Test("never more calls in flight than the limit, and the limit is used")
    func boundedConcurrency() async throws {
        let names = (0..<40).map { "t\($0)-production" }
        let tables = FakeTables(tables: names.map { Fixture.table($0) }, delay: 0.005)
        let reader = LiveStateReader(
            services: { _ in RegionServices(tables: tables, parameters: FakeParameters()) }, concurrency: 8)
        _ = try await reader.read(jobs: [stagingJob()], regions: ["orders-staging": "r"])
        let peak = tables.peak.withLock { $0 }
        #expect(peak <= 8)
        #expect(peak >= 4, "only \(peak) calls in flight at most: the reads did not overlap")
    }
}

/// DynamoDB reads from a fixed list of tables, recording each call ("Operation name").
final class FakeTables: TableService, Sendable {
    let tables: [String: TableSnapshot]
    let delay: TimeInterval
    let calls = Guarded<[String]>([])
    let inFlight = Guarded(0)
    let peak = Guarded(0)

    /// `listingDelay`: ListTables takes this long, and records "ListTables done" when it ends.
    let listingDelay: TimeInterval

    init(tables: [TableSnapshot], delay: TimeInterval = 0, listingDelay: TimeInterval = 0) {
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        self.delay = delay
        self.listingDelay = listingDelay
    }

    private func record<T>(_ call: String, _ value: T) async throws -> T {
        calls.withLock { $0.append(call) }
        let now = inFlight.withLock { count in
            count += 1
            return count
        }
        peak.withLock { $0 = max($0, now) }
        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
        inFlight.withLock { $0 -= 1 }
        return value
    }

    private func name(of arn: String) -> String { String(arn.split(separator: "/").last ?? "") }

    func listTableNames() async throws -> [String] {
        let names = try await record("ListTables", tables.keys.sorted())
        if listingDelay > 0 { try await Task.sleep(nanoseconds: UInt64(listingDelay * 1e9)) }
        calls.withLock { $0.append("ListTables done") }
        return names
    }
    func describeTable(_ name: String) async throws -> TableSnapshot? {
        var table = tables[name]
        table?.tags = nil
        return try await record("DescribeTable \(name)", table)
    }
    func tags(ofResource arn: String) async throws -> [String: String] {
        try await record("ListTagsOfResource \(name(of: arn))", tables[name(of: arn)]?.tags ?? [:])
    }
    func timeToLive(of table: String) async throws -> TTLSnapshot {
        try await record("DescribeTimeToLive \(table)", TTLSnapshot(status: "DISABLED", attributeName: nil))
    }
    func pointInTimeRecovery(of table: String) async throws -> PITRSnapshot {
        try await record("DescribeContinuousBackups \(table)", PITRSnapshot(enabled: false))
    }
    func backups(of table: String) async throws -> [BackupSnapshot] { try await record("ListBackups \(table)", []) }
    func describeBackup(_ arn: String) async throws -> BackupSnapshot? {
        try await record("DescribeBackup \(arn)", nil)
    }
    func createBackup(table: String, name: String) async throws -> BackupSnapshot { throw FakeError.notForReading }
    func deleteBackup(_ arn: String) async throws { throw FakeError.notForReading }
    func restore(_ request: RestoreRequest) async throws { throw FakeError.notForReading }
    func deleteTable(_ name: String) async throws { throw FakeError.notForReading }
    func updateTable(_ name: String, _ update: TableUpdate) async throws { throw FakeError.notForReading }
    func tagResource(_ arn: String, tags: [String: String]) async throws { throw FakeError.notForReading }
    func enableTimeToLive(table: String, attribute: String) async throws { throw FakeError.notForReading }
    func setPointInTimeRecovery(table: String, enabled: Bool) async throws { throw FakeError.notForReading }
}

final class FakeParameters: ParameterService, Sendable {
    let calls = Guarded<[String]>([])
    let values: [String: String]

    init(values: [String: String] = [:]) { self.values = values }

    func parameter(_ name: String) async throws -> String? {
        calls.withLock { $0.append("GetParameter \(name)") }
        return values[name]
    }
    func parameters(_ names: [String]) async throws -> [String: String] {
        calls.withLock { $0.append((["GetParameters"] + names).joined(separator: " ")) }
        return values.filter { names.contains($0.key) }
    }
    func putParameter(_ name: String, value: String) async throws { throw FakeError.notForReading }
    func createParameter(_ name: String, value: String) async throws -> Bool { throw FakeError.notForReading }
    func deleteParameter(_ name: String) async throws { throw FakeError.notForReading }
}

enum FakeError: Error { case notForReading }

/// A value behind a lock (Synchronization's Mutex needs macOS 15; the package supports 13).
final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
