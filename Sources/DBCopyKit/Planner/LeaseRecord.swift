import Foundation

/// Who holds a copy's lease, as recorded in its SSM parameter (JSON), and what that apply has
/// made so far. A lease left behind by an apply that died tells the next plan which backup the
/// interrupted run made, so that it is continued from (and an older backup is not mistaken for one).
public struct LeaseRecord: Sendable, Codable, Equatable {
    public static let defaultPrefix = "/dbcopy/leases"

    public static func parameterName(job: String, origin: String, prefix: String = defaultPrefix) -> String {
        "\(prefix)/\(job)/\(origin)"
    }

    /// `host:pid:run`, unique per apply process.
    public var holder: String
    public var host: String
    public var pid: Int32
    public var job: String
    public var origin: String
    public var target: String
    public var acquiredAt: Date
    public var expiresAt: Date
    /// The backup this apply made for the copy, once it has.
    public var backupARN: String?

    public init(
        holder: String, host: String, pid: Int32, job: String, origin: String, target: String, acquiredAt: Date,
        expiresAt: Date, backupARN: String? = nil
    ) {
        self.holder = holder
        self.host = host
        self.pid = pid
        self.job = job
        self.origin = origin
        self.target = target
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
        self.backupARN = backupARN
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    public static func parse(_ text: String) -> LeaseRecord? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LeaseRecord.self, from: Data(text.utf8))
    }

    var summary: String {
        "another apply (host \(host), pid \(pid), since \(acquiredAt.formatted(.iso8601)); "
            + "its lease runs until \(expiresAt.formatted(.iso8601)) unless renewed)"
    }
}
