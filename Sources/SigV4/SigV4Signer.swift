import Foundation

/// AWS Signature Version 4 for one service in one region.
///
/// Each step of the specification is its own function (`canonicalRequest`, `stringToSign`,
/// `signature`), so tests can compare every intermediate result with the official suite.
/// The date is always a parameter: the caller owns the clock (and its skew correction).
public struct SigV4Signer: Sendable {
    /// Where the session token goes. Every service dbcopy calls wants it signed; the other
    /// placement exists for the official suite's `post-sts-header-after` case.
    public enum SessionTokenPlacement: Sendable {
        case signed
        case addedAfterSigning
    }

    public static let algorithm = "AWS4-HMAC-SHA256"

    public let credentials: Credentials
    public let region: String
    public let service: String
    public let sessionTokenPlacement: SessionTokenPlacement

    public init(
        credentials: Credentials, region: String, service: String,
        sessionTokenPlacement: SessionTokenPlacement = .signed
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.sessionTokenPlacement = sessionTokenPlacement
    }

    /// Signs `request` at `date`: returns its headers plus `X-Amz-Date`, `X-Amz-Security-Token`
    /// (for temporary credentials) and `Authorization`, ready to send.
    public func sign(request: SigningRequest, date: Date) -> [HTTPHeader] {
        let timestamp = SigningDate(date)
        var toSign = request
        toSign.headers.append(HTTPHeader("X-Amz-Date", timestamp.full))
        if let token = credentials.sessionToken, sessionTokenPlacement == .signed {
            toSign.headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        let canonical = canonicalRequest(toSign)
        let signed = signature(stringToSign: stringToSign(canonicalRequest: canonical.text, date: date), date: date)
        var headers = toSign.headers
        if let token = credentials.sessionToken, sessionTokenPlacement == .addedAfterSigning {
            headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        headers.append(
            HTTPHeader(
                "Authorization", authorization(signedHeaders: canonical.signedHeaders, signature: signed, date: date)))
        return headers
    }

    /// Task 1: the canonical request, and the `SignedHeaders` list it implies.
    public func canonicalRequest(_ request: SigningRequest) -> (text: String, signedHeaders: String) {
        let path = URIEncoding.encode(URIEncoding.normalizedPath(request.path), keepSlash: true)
        let encodedQuery: [(name: String, value: String)] = request.query.map { parameter in
            (
                URIEncoding.encode(parameter.name, keepSlash: false),
                URIEncoding.encode(parameter.value, keepSlash: false)
            )
        }
        let sortedQuery = encodedQuery.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        let query = sortedQuery.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let headers = Self.canonicalHeaders(request.headers)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        let text = [request.method, path, query, headerLines, signedHeaders, request.payloadHash].joined(
            separator: "\n")
        return (text, signedHeaders)
    }

    /// Task 2: the string to sign, binding the canonical request's hash to the date and scope.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        let timestamp = SigningDate(date)
        return [
            Self.algorithm, timestamp.full, scope(timestamp),
            Hashing.hex(Hashing.sha256(Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    /// Task 3: the hex signature, with the key derived from the secret, date, region and service.
    public func signature(stringToSign: String, date: Date) -> String {
        var key = Hashing.hmacSHA256(
            key: Array("AWS4\(credentials.secretAccessKey)".utf8), Array(SigningDate(date).day.utf8))
        for part in [region, service, "aws4_request"] {
            key = Hashing.hmacSHA256(key: key, Array(part.utf8))
        }
        return Hashing.hex(Hashing.hmacSHA256(key: key, Array(stringToSign.utf8)))
    }

    /// Task 4: the `Authorization` header value.
    public func authorization(signedHeaders: String, signature: String, date: Date) -> String {
        "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(SigningDate(date))), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    private func scope(_ timestamp: SigningDate) -> String {
        "\(timestamp.day)/\(region)/\(service)/aws4_request"
    }

    /// Lower-case names, sorted; values trimmed with inner whitespace runs collapsed; repeated
    /// names joined with commas in the order they were given.
    static func canonicalHeaders(_ headers: [HTTPHeader]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for header in headers {
            let value = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .joined(separator: " ")
            merged[header.name.lowercased(), default: []].append(value)
        }
        return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }
}
