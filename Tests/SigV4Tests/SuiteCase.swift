import Foundation
import SigV4
import TestSupport

/// One case of the official AWS Signature Version 4 test suite: the raw request (`.req`) and the
/// expected canonical request, string to sign and `Authorization` value.
struct SuiteCase: CustomStringConvertible {
    let name: String
    let request: SigningRequest
    let sessionToken: String?
    let expectedCanonicalRequest: String
    let expectedStringToSign: String
    let expectedAuthorization: String
    let expectedSignedRequest: String

    var description: String { name }

    static let root = PackageLayout.fixture("aws-sig-v4-test-suite")

    /// Every case folder: one holding `<folder name>.req`, at any depth.
    static func all() throws -> [SuiteCase] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var cases: [SuiteCase] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "req" else { continue }
            cases.append(try SuiteCase(folder: url.deletingLastPathComponent()))
        }
        return cases.sorted { $0.name < $1.name }
    }

    init(folder: URL) throws {
        let caseName = folder.lastPathComponent
        name = caseName
        func read(_ ext: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("\(caseName).\(ext)"), encoding: .utf8)
        }
        let raw = try read("req")
        expectedCanonicalRequest = try read("creq")
        expectedStringToSign = try read("sts")
        expectedAuthorization = try read("authz")
        expectedSignedRequest = try read("sreq")

        let (head, body) = Self.splitHeadAndBody(raw)
        var lines = head.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix(while: { $0 != " " }))
        let target = requestLine.dropFirst(method.count + 1).replacingOccurrences(of: " HTTP/1.1", with: "")
        let (path, query) = Self.splitTarget(String(target))

        var headers: [HTTPHeader] = []
        var token: String?
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", let last = headers.last {
                // A folded continuation line: the suite expects it as one more value of the header.
                headers.append(HTTPHeader(last.name, line))
                continue
            }
            let name = String(line.prefix(while: { $0 != ":" }))
            let value = String(line.dropFirst(name.count + 1))
            switch name.lowercased() {
            case "x-amz-date": continue  // the signer adds it from the date
            case "x-amz-security-token": token = value  // the signer adds it from the credentials
            default: headers.append(HTTPHeader(name, value))
            }
        }
        request = SigningRequest(method: method, path: path, query: query, headers: headers, body: Data(body.utf8))
        sessionToken = token ?? (folder.path.contains("post-sts-header-after") ? Self.suiteToken : nil)
    }

    private static func splitHeadAndBody(_ raw: String) -> (String, String) {
        guard let range = raw.range(of: "\n\n") else { return (raw, "") }
        return (String(raw[..<range.lowerBound]), String(raw[range.upperBound...]))
    }

    /// The request target split into its path and decoded query parameters.
    private static func splitTarget(_ target: String) -> (String, [(name: String, value: String)]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, []) }
        let query = target[target.index(after: mark)...].split(separator: "&").map { pair in
            let name = pair.prefix(while: { $0 != "=" })
            let value = pair.dropFirst(name.count + 1)
            return (
                name: String(name).removingPercentEncoding ?? String(name),
                value: String(value).removingPercentEncoding ?? String(value)
            )
        }
        return (String(target[..<mark]), query)
    }

    /// The token the suite's readme gives for its session-token cases.
    static let suiteToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
}
