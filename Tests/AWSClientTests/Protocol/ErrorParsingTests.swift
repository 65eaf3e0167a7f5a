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

    @Test("a message quoting the credentials (AWS's signature mismatch quotes the session token) is redacted")
    func credentialsRedacted() async throws {
        let token = "FQoGZXIvYXdzEXAMPLE/token+value=="
        let credentials = Credentials(
            accessKeyID: "ASIAREDACTIONTEST01", secretAccessKey: "redactionSecret/Key+0123", sessionToken: token)
        let message =
            "The request signature we calculated does not match the signature you provided.\n\nThe Canonical String "
            + "for this request should have been\n'POST\n/\n\nhost:dynamodb.test.invalid\nx-amz-security-token:"
            + "\(token)\n' (key \(credentials.accessKeyID), secret \(credentials.secretAccessKey))"
        let body = try JSONSerialization.data(withJSONObject: [
            "__type": "InvalidSignatureException", "message": message,
        ])
        let session = try AWSSession(
            options: AWSSessionOptions(
                endpointURL: "https://dynamodb.test.invalid", userAgent: "dbcopy/test",
                environment: TestSessions.bareEnvironment(),
                transport: ScriptedTransport([.success(HTTPResponse(status: 400, body: body))]),
                credentialProvider: StaticCredentialProvider(credentials)))
        let error = await #expect(throws: AWSError.self) {
            _ = try await session.dynamoDB(region: "eu-west-1").describeTable(tableName: "x")
        }
        #expect(error?.code == "InvalidSignatureException")
        #expect(
            error?.message
                == "The request signature we calculated does not match the signature you provided.\n\nThe Canonical "
                + "String for this request should have been\n'POST\n/\n\nhost:dynamodb.test.invalid\n"
                + "x-amz-security-token:<redacted>\n' (key <redacted>, secret <redacted>)")
    }
}
