import Foundation
import SigV4

/// How a service's requests and errors look on the wire.
enum WireProtocol: Sendable {
    /// AWS JSON 1.0/1.1: `POST /`, `X-Amz-Target: <prefix>.<Operation>`, a JSON body.
    case json(targetPrefix: String, contentType: String)
    /// AWS query: `POST /` with a form body `Action=<Operation>&Version=<version>&…`, XML answers.
    case query(version: String)

    static let dynamoDB = WireProtocol.json(
        targetPrefix: "DynamoDB_20120810", contentType: "application/x-amz-json-1.0")
    static let ssm = WireProtocol.json(targetPrefix: "AmazonSSM", contentType: "application/x-amz-json-1.1")
    static let sts = WireProtocol.query(version: "2011-06-15")

    /// Headers (besides Host and the signer's own) that identify the operation.
    func headers(operation: String) -> [HTTPHeader] {
        switch self {
        case .json(let prefix, let contentType):
            return [HTTPHeader("Content-Type", contentType), HTTPHeader("X-Amz-Target", "\(prefix).\(operation)")]
        case .query:
            return [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        }
    }

    /// The body of a query-protocol request: parameters form-encoded after Action and Version.
    static func queryBody(action: String, version: String, parameters: [(String, String)]) -> Data {
        let pairs = [("Action", action), ("Version", version)] + parameters
        return Data(pairs.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&").utf8)
    }

    private static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The error in a non-2xx response: code, message and request id, wherever this protocol keeps them.
    func error(from response: HTTPResponse, service: String, operation: String) -> AWSError {
        var code: String?
        var message = ""
        var requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        switch self {
        case .json:
            if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
                // "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
                code = (object["__type"] as? String).map { String($0.split(separator: "#").last ?? Substring($0)) }
                message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            }
        case .query:
            if let root = try? XMLNode.parse(String(decoding: response.body, as: UTF8.self)) {
                code = root.firstText(named: "Code")
                message = root.firstText(named: "Message") ?? ""
                requestID = requestID ?? root.firstText(named: "RequestId")
            }
        }
        // "x-amzn-ErrorType: ResourceNotFoundException:http://internal.amazon.com/…"
        if code == nil || code?.isEmpty == true, let header = response.header("x-amzn-ErrorType") {
            code = String(header.split(separator: ":").first ?? Substring(header))
        }
        return AWSError(
            service: service, operation: operation, code: code ?? "HTTP \(response.status)", message: message,
            requestID: requestID, httpStatus: response.status)
    }
}
