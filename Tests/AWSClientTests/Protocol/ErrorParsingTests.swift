import AWSClient
import Foundation
import TestSupport
import Testing

@Suite("service errors")
struct ErrorParsingTests {
    func failure(_ answer: ScriptedTransport.Answer, service: String = "dynamodb") async throws -> AWSError? {
        let session = try TestSessions.scripted(ScriptedTransport([answer]))
        do {
            if service == "sts" {
                _ = try await session.sts(region: "eu-west-1").getCallerIdentity()
            } else {
                _ = try await session.dynamoDB(region: "eu-west-1").describeTable(tableName: "x")
            }
        } catch let error as AWSError {
            return error
        }
        return nil
    }

    @Test("JSON: the code after '#' in __type, the message, the request id header")
    func jsonError() async throws {
        let body =
            #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: x not found"}"#
        let error = try #require(
            try await failure(
                .success(
                    HTTPResponse(
                        status: 400, headers: [HTTPHeader("x-amzn-RequestId", "7K9ABC")], body: Data(body.utf8)))))
        #expect(
            error
                == AWSError(
                    service: "dynamodb", operation: "DescribeTable", code: "ResourceNotFoundException",
                    message: "Requested resource not found: Table: x not found", requestID: "7K9ABC", httpStatus: 400))
        #expect(
            "\(error)"
                == "dynamodb DescribeTable: ResourceNotFoundException: Requested resource not found: Table: x not found (request id 7K9ABC)"
        )
    }

    @Test("the x-amzn-ErrorType header when the body has no code; the status when nothing has")
    func headerAndStatusFallbacks() async throws {
        let header = try await failure(
            .success(
                HTTPResponse(
                    status: 400,
                    headers: [
                        HTTPHeader("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/"),
                        HTTPHeader("x-amz-request-id", "R2"),
                    ],
                    body: Data(#"{"Message":"denied"}"#.utf8))))
        #expect(header?.code == "AccessDeniedException")
        #expect(header?.message == "denied")
        #expect(header?.requestID == "R2")
        let bare = try await failure(.success(HTTPResponse(status: 418, body: Data("<html>teapot</html>".utf8))))
        #expect(bare?.description == "dynamodb DescribeTable: HTTP 418")
    }

    @Test("query protocol: code, message and request id from the XML ErrorResponse")
    func queryError() async throws {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized &lt;x&gt;</Message></Error>
              <RequestId>abc-123</RequestId>
            </ErrorResponse>
            """
        let error = try await failure(.success(HTTPResponse(status: 403, body: Data(xml.utf8))), service: "sts")
        #expect(error?.description == "sts GetCallerIdentity: AccessDenied: Not authorized <x> (request id abc-123)")
    }
}
