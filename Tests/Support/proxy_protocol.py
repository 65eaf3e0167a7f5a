"""What an AWS call is, and what AWS's own error responses look like, for the fault proxy.

The proxy has to recognise calls (service, operation, region) without understanding them, and
it has to answer some calls itself (injected throttles and 500s, DynamoDB's conflict errors)
in the exact shape each protocol uses, so that the client under test parses them as it would
parse the real thing.
"""
import json
import random
import re
import string
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qs

# `Credential=AKID/20261122/eu-west-1/dynamodb/aws4_request`: moto takes the region from here,
# so the proxy does too (keeping its per-region state in step with moto's).
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request")
DEFAULT_REGION = "us-east-1"  # moto's default when a request carries no scope


@dataclass
class Call:
    """One request as the proxy sees it."""

    method: str
    path: str
    headers: list  # [(name, value)] in arrival order, duplicates kept
    body: bytes
    service: str = "unknown"
    operation: str = "unknown"
    region: str = DEFAULT_REGION
    protocol: str = "other"  # json-1.0 (DynamoDB), json-1.1 (SSM), query (STS), other
    params: dict = field(default_factory=dict)  # decoded JSON body of json-protocol calls

    def header(self, name: str):
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None


def classify(method: str, path: str, headers: list, body: bytes) -> Call:
    """Names the service, operation and region of a request (best effort, never raises)."""
    call = Call(method, path, headers, body)
    scope = _SCOPE.search(call.header("Authorization") or "")
    if scope:
        call.region, call.service = scope.group(1), scope.group(2)
    target = call.header("X-Amz-Target")
    if target and "." in target:
        prefix, call.operation = target.rsplit(".", 1)
        if prefix.startswith("DynamoDB_"):
            call.service, call.protocol = "dynamodb", "json-1.0"
        elif prefix == "AmazonSSM":
            call.service, call.protocol = "ssm", "json-1.1"
        else:
            call.protocol = "json-1.1" if "1.1" in (call.header("Content-Type") or "") else "json-1.0"
        try:
            decoded = json.loads(body or b"{}")
            call.params = decoded if isinstance(decoded, dict) else {}
        except ValueError:
            call.params = {}
    else:
        form = parse_qs(body.decode("utf-8", "replace")) if body else {}
        query = parse_qs(path.partition("?")[2])
        action = (form.get("Action") or query.get("Action") or [None])[0]
        if action:
            call.operation, call.protocol = action, "query"
            if call.service == "unknown":
                call.service = "sts"
    return call


def request_id() -> str:
    """A request id shaped like DynamoDB's (52 upper-case letters and digits)."""
    return "".join(random.choices(string.ascii_uppercase + string.digits, k=52))


@dataclass
class Reply:
    """A response the proxy makes up instead of (or after) asking the upstream."""

    status: int
    reason: str
    headers: list
    body: bytes


def json_reply(call: Call, status: int, payload: dict) -> Reply:
    """A JSON-protocol response with the headers DynamoDB and SSM send."""
    body = json.dumps(payload).encode()
    content_type = "application/x-amz-json-1.1" if call.protocol == "json-1.1" else "application/x-amz-json-1.0"
    headers = [("Content-Type", content_type), ("x-amzn-RequestId", request_id())]
    if call.service == "dynamodb":
        # DynamoDB checksums every body; clients that verify it must find it right.
        headers.append(("x-amz-crc32", str(zlib.crc32(body) & 0xFFFFFFFF)))
    headers.append(("Content-Length", str(len(body))))
    return Reply(status, "OK" if status == 200 else "Bad Request", headers, body)


def error_reply(call: Call, status: int, code: str, message: str) -> Reply:
    """An AWS error in the shape of the call's protocol (JSON 1.0 / 1.1, or query XML)."""
    if call.protocol == "query":
        rid = request_id()
        kind = "Receiver" if status >= 500 else "Sender"
        body = (
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            f"<Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error>"
            f"<RequestId>{rid}</RequestId></ErrorResponse>"
        ).encode()
        headers = [("Content-Type", "text/xml"), ("x-amzn-RequestId", rid), ("Content-Length", str(len(body)))]
        return Reply(status, _reason(status), headers, body)
    # DynamoDB (JSON 1.0) qualifies the type with its namespace; SSM (JSON 1.1) does not.
    qualified = f"com.amazonaws.dynamodb.v20120810#{code}" if call.service == "dynamodb" else code
    reply = json_reply(call, status, {"__type": qualified, "message": message})
    reply.reason = _reason(status)
    return reply


def throttle_reply(call: Call) -> Reply:
    code = "Throttling" if call.protocol == "query" else "ThrottlingException"
    return error_reply(call, 400, code, "Rate of requests exceeds the allowed throughput.")


def server_error_reply(call: Call) -> Reply:
    code = "InternalFailure" if call.protocol == "query" else "InternalServerError"
    return error_reply(call, 500, code, "Internal server error (injected by the test proxy).")


def _reason(status: int) -> str:
    return {200: "OK", 400: "Bad Request", 500: "Internal Server Error", 502: "Bad Gateway"}.get(status, "Error")
