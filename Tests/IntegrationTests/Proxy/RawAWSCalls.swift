import Foundation
import Glibc
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Unsigned AWS JSON calls over plain HTTP, for testing the proxy itself without depending on
/// dbcopy's client. moto checks no signatures but reads the region from the credential scope.
struct RawAWSCalls {
    let endpoint: URL
    var region = "eu-west-1"
    /// A new connection for every call. libcurl (under URLSession) silently re-sends a request
    /// whose reused connection closes without a response, which would hide injected drops.
    var freshConnections = false

    /// What came back, or that the connection closed without a response.
    struct Reply: @unchecked Sendable {
        let status: Int  // 0 when dropped
        let json: [String: Any]
        let headers: [String: String]  // lower-cased names
        let body: Data

        var dropped: Bool { status == 0 }
        /// The AWS error code (`ThrottlingException`), without DynamoDB's namespace.
        var errorCode: String? {
            (json["__type"] as? String).map { String($0.split(separator: "#").last ?? "") }
        }
        /// `[key1][key2]…` into nested JSON objects.
        func value(_ path: String...) -> Any? {
            var current: Any? = json
            for key in path { current = (current as? [String: Any])?[key] }
            return current
        }
        /// A short label for comparing sequences of outcomes.
        var outcome: String { dropped ? "dropped" : "\(status) \(errorCode ?? "")" }
    }

    func dynamodb(_ operation: String, _ body: [String: Any]) async throws -> Reply {
        try await call(service: "dynamodb", target: "DynamoDB_20120810.\(operation)", version: "1.0", body)
    }

    func ssm(_ operation: String, _ body: [String: Any]) async throws -> Reply {
        try await call(service: "ssm", target: "AmazonSSM.\(operation)", version: "1.1", body)
    }

    private func call(service: String, target: String, version: String, _ body: [String: Any]) async throws -> Reply {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue(target, forHTTPHeaderField: "X-Amz-Target")
        request.setValue("application/x-amz-json-\(version)", forHTTPHeaderField: "Content-Type")
        request.setValue(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/\(region)/\(service)/aws4_request, "
                + "SignedHeaders=host, Signature=0", forHTTPHeaderField: "Authorization")
        let session = freshConnections ? URLSession(configuration: .ephemeral) : URLSession.shared
        defer { if freshConnections { session.finishTasksAndInvalidate() } }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch is URLError {
            return Reply(status: 0, json: [:], headers: [:], body: Data())
        }
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Reply(status: http?.statusCode ?? -1, json: json, headers: headers, body: data)
    }

    // MARK: fixtures

    func createTable(_ name: String) async throws -> Reply {
        try await dynamodb(
            "CreateTable",
            [
                "TableName": name, "BillingMode": "PAY_PER_REQUEST",
                "KeySchema": [["AttributeName": "pk", "KeyType": "HASH"]],
                "AttributeDefinitions": [["AttributeName": "pk", "AttributeType": "S"]],
            ])
    }

    func tableStatus(_ name: String) async throws -> String? {
        try await dynamodb("DescribeTable", ["TableName": name]).value("Table", "TableStatus") as? String
    }

    /// Every page of ListTables (the local endpoint is shared: other tests' tables fill pages).
    func allTableNames() async throws -> [String] {
        var names: [String] = []
        var body: [String: Any] = [:]
        while true {
            let page = try await dynamodb("ListTables", body).json
            names += page["TableNames"] as? [String] ?? []
            guard let last = page["LastEvaluatedTableName"] as? String else { return names }
            body = ["ExclusiveStartTableName": last]
        }
    }

    func backupStatus(_ arn: String) async throws -> String? {
        try await dynamodb("DescribeBackup", ["BackupArn": arn])
            .value("BackupDescription", "BackupDetails", "BackupStatus") as? String
    }
}

/// Polls `condition` until it holds or `seconds` pass; returns whether it held.
func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}

/// One TCP connection carrying HTTP/1.1 requests one after another, to check keep-alive
/// deterministically (URLSession decides on its own when to open another connection).
final class PlainHTTPConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard socket >= 0, connected == 0 else { throw TestHarnessError("cannot connect to port \(port)") }
    }

    deinit { close(socket) }

    /// Sends a DynamoDB call and reads the response; the HTTP status, or nil if the connection closed.
    func dynamodb(_ operation: String, _ body: String = "{}") -> Int? {
        let request =
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.\(operation)\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/eu-west-1/dynamodb/aws4_request, "
            + "SignedHeaders=host, Signature=0\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let bytes = Array(request.utf8)
        guard write(socket, bytes, bytes.count) == bytes.count else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = headerEnd(received) {
                let head = String(decoding: received[..<end], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n").compactMap { line -> Int? in
                        let parts = line.split(separator: ":", maxSplits: 1)
                        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                        return Int(parts[1].trimmingCharacters(in: .whitespaces))
                    }.first ?? 0
                if received.count >= end + 4 + length {
                    return Int(head.split(separator: " ").dropFirst().first ?? "")
                }
            }
            let count = read(socket, &buffer, buffer.count)
            if count <= 0 { return nil }
            received.append(contentsOf: buffer[..<count])
        }
    }

    private func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index..<index + 4].elementsEqual([13, 10, 13, 10]) {
            return index
        }
        return nil
    }
}
