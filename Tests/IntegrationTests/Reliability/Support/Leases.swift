import DBCopyKit
import Foundation
import TestSupport

extension Workspace {
    /// Writes a lease as another apply would have left it (README "Concurrent applies": the
    /// parameter `/dbcopy/leases/JOB/ORIGIN` holding JSON), here with boto3.
    func writeLease(job: String, origin: String, target: String, host: String, pid: Int32, expiresIn: TimeInterval)
        async throws
    {
        let now = Date()
        let record: [String: Any] = [
            "holder": "\(host):\(pid):deadbeef", "host": host, "pid": Int(pid), "job": job, "origin": origin,
            "target": target, "acquiredAt": Self.iso(now.addingTimeInterval(-60)),
            "expiresAt": Self.iso(now.addingTimeInterval(expiresIn)),
        ]
        let value = String(
            decoding: try JSONSerialization.data(withJSONObject: record, options: .sortedKeys), as: UTF8.self)
        try await aws(
            "ssm", "put_parameter",
            ["Name": "/dbcopy/leases/\(job)/\(origin)", "Value": value, "Type": "String", "Overwrite": true])
    }

    private static func iso(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }
}

/// A pid that no process has now: a child that has already exited.
func deadPid() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

extension ApplyOutput {
    /// How each copy (`job/origin`) ended in this run: `complete`, `errored` or `skipped`, with the error.
    var endings: [String: (type: String, error: String?)] {
        var endings: [String: (type: String, error: String?)] = [:]
        for event in events where ["complete", "errored", "skipped"].contains(event.type) {
            if let job = event.job, let origin = event.origin {
                endings["\(job)/\(origin)"] = (event.type, event.error)
            }
        }
        return endings
    }
}

extension Plan {
    /// This plan with each copy replaced by the version another plan of the same file made of it,
    /// where `choose` says so: the state two applies left is what the copies each finished say.
    func combining(_ other: Plan, choose: (CopyPlan) -> Bool) -> Plan {
        var combined = self
        let others = Dictionary(
            other.copies.map { ("\($0.job)/\($0.origin)", $0) }, uniquingKeysWith: { first, _ in first })
        for job in combined.jobs.indices {
            combined.jobs[job].copies = combined.jobs[job].copies.map { copy in
                let theirs = others["\(copy.job)/\(copy.origin)"]
                return theirs.map(choose) == true ? theirs! : copy
            }
        }
        return combined
    }
}
