import Foundation
import SigV4

/// HTTP for the credential endpoints on the local network (container agent, instance metadata):
/// short timeouts so a laptop without them moves on at once, no proxy, and one `--debug` line
/// per attempt like every other call.
struct CredentialEndpoint: Sendable {
    let pipeline: RequestPipeline
    /// Names the source in debug lines: `container`, `imds`.
    let label: String
    var connectTimeout: Duration = .seconds(1)
    var timeout: Duration = .seconds(2)

    func send(_ operation: String, method: String, url: URL, headers: [HTTPHeader]) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: url, headers: headers + [HTTPHeader("User-Agent", pipeline.userAgent)],
            connectTimeout: connectTimeout, timeout: timeout, bypassProxy: true)
        let started = ContinuousClock.now
        do {
            let response = try await pipeline.transport.send(request)
            pipeline.debugLine(
                service: label, operation: operation, status: "\(response.status)", since: started, attempt: 1,
                requestID: nil)
            return response
        } catch let error as TransportError {
            pipeline.debugLine(
                service: label, operation: operation, status: "ERR", since: started, attempt: 1, requestID: nil,
                detail: error.description)
            throw error
        }
    }

    /// The JSON both endpoints answer with (`Token` is the session token).
    struct CredentialDocument: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let token: String?
        let expiration: String?
        let code: String?
    }

    static func credentials(from body: Data, source: String) throws -> Credentials {
        guard let document = try? AWSJSONCoding.decoder.decode(CredentialDocument.self, from: body) else {
            throw CredentialError("\(source): the answer is not a credentials document")
        }
        if let code = document.code, code != "Success" {
            throw CredentialError("\(source): credentials not available (Code \(code))")
        }
        return Credentials(
            accessKeyID: document.accessKeyId, secretAccessKey: document.secretAccessKey, sessionToken: document.token,
            expiration: document.expiration.flatMap(TimestampParsing.iso8601))
    }
}
