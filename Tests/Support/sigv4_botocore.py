"""Signs requests with botocore's SigV4Auth, for the cross-check in SigV4Tests.

Reads a JSON array of requests on stdin; prints a JSON array of their Authorization headers.
Each request: method, host, path, query (list of [name, value]), headers (list of [name, value]),
body (text), accessKey, secretKey, token (or null), region, service, timestamp (20150830T123600Z).
"""
import datetime
import json
import sys

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(spec):
    fixed = datetime.datetime.strptime(spec["timestamp"], "%Y%m%dT%H%M%SZ")
    # botocore reads the clock inside add_auth; pin it so both signers use the same instant.
    botocore.auth.get_current_datetime = lambda: fixed
    request = AWSRequest(
        method=spec["method"],
        url="https://" + spec["host"] + spec["path"],
        data=spec["body"].encode("utf-8"),
        headers={"Host": spec["host"]},
    )
    for name, value in spec["headers"]:
        request.headers[name] = value
    request.params = [tuple(pair) for pair in spec["query"]]
    credentials = Credentials(spec["accessKey"], spec["secretKey"], spec.get("token"))
    SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    return request.headers["Authorization"]


def main():
    specs = json.load(sys.stdin)
    json.dump([sign(spec) for spec in specs], sys.stdout)


if __name__ == "__main__":
    main()
