import Foundation
import SigV4
import TestSupport
import Testing

/// Signs many random requests with this signer and with botocore's `SigV4Auth` and expects the
/// same `Authorization` header for each: paths with dot segments, doubled slashes and encoded
/// bytes, repeated and unicode query parameters, untidy header values, session tokens.
@Suite("cross-check with botocore's signer")
struct BotocoreCrossCheckTests {
    struct Spec: Encodable {
        let method, host, path: String
        let query: [[String]]
        let headers: [[String]]
        let body: String
        let accessKey, secretKey: String
        let token: String?
        let region, service, timestamp: String
    }

    static let date = Date(timeIntervalSince1970: 1_763_812_345)

    @Test("500 random requests sign identically")
    func randomRequests() throws {
        let seed = UInt64.random(in: .min ... .max)
        var random = SplitMix64(seed: seed)
        let specs = (0..<500).map { _ in Self.randomSpec(&random) }
        let result = try ProcessRunner.python(
            "sigv4_botocore.py", [], stdin: String(decoding: try JSONEncoder().encode(specs), as: UTF8.self))
        try #require(result.status == 0, "botocore script failed: \(result.stderr)")
        let expected = try JSONDecoder().decode([String].self, from: Data(result.stdout.utf8))
        try #require(expected.count == specs.count)
        var mismatches = 0
        for (spec, botocore) in zip(specs, expected) {
            let ours = Self.authorization(spec)
            if ours != botocore {
                mismatches += 1
                Issue.record(
                    "seed \(seed): \(spec.method) \(spec.path) \(spec.query) \(spec.headers)\n ours: \(ours)\n boto: \(botocore)"
                )
            }
            if mismatches > 5 { break }
        }
    }

    static func authorization(_ spec: Spec) -> String {
        let credentials = Credentials(
            accessKeyID: spec.accessKey, secretAccessKey: spec.secretKey, sessionToken: spec.token)
        let signer = SigV4Signer(credentials: credentials, region: spec.region, service: spec.service)
        let request = SigningRequest(
            method: spec.method, path: spec.path, query: spec.query.map { (name: $0[0], value: $0[1]) },
            headers: [HTTPHeader("Host", spec.host)] + spec.headers.map { HTTPHeader($0[0], $0[1]) },
            body: Data(spec.body.utf8))
        let headers = signer.sign(request: request, date: date)
        return headers.first { $0.name == "Authorization" }?.value ?? ""
    }

    static func randomSpec(_ random: inout SplitMix64) -> Spec {
        let pathPieces = [
            "a", "b1", "Z-_.~", ".", "..", "", "%20", "%2F", "x%41y", "caf\u{e9}", "!$&'()*+,;=:@", "sp ace",
            "\u{1F600}",
        ]
        let queryPieces = ["", "a", "B", "v=1", "x y", "\u{e9}", "&", "+", "%", "~-._", "\u{4e2d}\u{6587}", "a/b", "*"]
        let valuePieces = ["v", " ", "  ", "\t", "a  b", "\"q  u\"", "1,2", "x", "=", ":"]
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        func count(_ upTo: UInt64) -> Int { Int(random.next() % (upTo + 1)) }

        let path =
            "/" + (0..<count(5)).map { _ in pick(pathPieces) }.joined(separator: "/") + (count(1) == 1 ? "/" : "")
        var usedNames = Set<String>()
        let query: [[String]] = (0..<count(4)).compactMap { _ in
            let name = (0..<(1 + count(2))).map { _ in pick(queryPieces) }.joined()
            guard usedNames.insert(name).inserted else { return nil }  // botocore takes a mapping
            return [name, (0..<count(3)).map { _ in pick(queryPieces) }.joined()]
        }
        let headers: [[String]] = (0..<count(4)).map { index in
            ["X-Test-\(index)-\(pick(["a", "B", "cD"]))", (0..<(1 + count(4))).map { _ in pick(valuePieces) }.joined()]
        }
        let token: String? = count(1) == 1 ? "token/\(random.next())+=" : nil
        return Spec(
            method: pick(["GET", "POST", "PUT", "DELETE"]),
            host: pick(["example.amazonaws.com", "127.0.0.1:4566", "dynamodb.eu-west-1.amazonaws.com"]),
            path: path, query: query, headers: headers, body: (0..<count(20)).map { _ in pick(queryPieces) }.joined(),
            accessKey: "AKID\(random.next() % 100_000)", secretKey: "secret/\(random.next())+key",
            token: token, region: pick(["us-east-1", "eu-west-1", "cn-north-1"]),
            service: pick(["dynamodb", "ssm", "sts"]),
            timestamp: "20251122T115225Z")
    }
}

/// A small seeded generator, so that a failing cross-check can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
