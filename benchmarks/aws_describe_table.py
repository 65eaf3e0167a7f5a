"""Runs the DescribeTable benchmark: dbcopy's Swift AWS client against boto3, same calls, same run.

Starts moto's server and, in front of it, the fault proxy (transparent here: keep-alive, counting the TCP connections
each client opens, since moto itself closes every connection). Creates one table, then for
concurrency 1 and 16 runs the Swift client (.build/release/AWSBench) and boto3 as separate
processes, so that each one's CPU time (getrusage) is its own. Prints a side-by-side table.

Usage: aws_describe_table.py [--calls 2000]
"""
import json
import os
import subprocess
import sys
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")


def start(script, *args):
    process = subprocess.Popen(
        [PYTHON, os.path.join(ROOT, "Tests", "Support", script), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}"


def proxy_connections(proxy_url):
    with urllib.request.urlopen(proxy_url + "/__proxy/stats") as response:
        return json.load(response)["connections"]


def reset_proxy_counts(proxy_url):
    urllib.request.urlopen(urllib.request.Request(proxy_url + "/__proxy/reset-stats", method="POST")).close()


def main():
    calls = int(sys.argv[sys.argv.index("--calls") + 1]) if "--calls" in sys.argv else 2000
    environment = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
                       AWS_REGION="eu-west-1", AWS_DEFAULT_REGION="eu-west-1",
                       AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
                       AWS_EC2_METADATA_DISABLED="true")
    os.environ.update(environment)
    moto, moto_url = start("moto_server.py")
    proxy, proxy_url = start("aws_proxy.py", "--upstream", moto_url)
    try:
        import boto3
        boto3.client("dynamodb", endpoint_url=moto_url).create_table(
            TableName="bench", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        commands = {
            "dbcopy (Swift, libcurl)": [os.path.join(ROOT, ".build", "release", "AWSBench"), "--endpoint", proxy_url,
                                        "--table", "bench", "--calls", str(calls), "--concurrency", "{c}"],
            "boto3": [PYTHON, os.path.join(ROOT, "benchmarks", "boto3_describe_table.py"), proxy_url, "bench",
                      str(calls), "{c}", "20"],
        }
        rows = []
        for concurrency in (1, 16):
            for name, command in commands.items():
                reset_proxy_counts(proxy_url)
                argv = [part.replace("{c}", str(concurrency)) for part in command]
                output = subprocess.run(argv, env=environment, check=True, capture_output=True, text=True).stdout
                result = json.loads(output.strip().splitlines()[-1])
                # The proxy counts client connections that carried a call (not its control calls).
                result["proxy_connections"] = proxy_connections(proxy_url)
                rows.append((name, concurrency, result))
                print(f"  done: {name}, concurrency {concurrency}", file=sys.stderr)
    finally:
        for process in (proxy, moto):
            process.stdin.close()
            process.wait(timeout=30)

    print(f"DescribeTable x {calls} against moto {moto_url} behind a keep-alive counting proxy")
    print(f"{'client':<26}{'concurrency':>12}{'calls/s':>10}{'CPU ms/call':>13}{'TCP connections':>17}")
    for name, concurrency, result in rows:
        print(f"{name:<26}{concurrency:>12}{result['calls_per_second']:>10.0f}{result['cpu_ms_per_call']:>13.3f}"
              f"{result['proxy_connections']:>17}")
    print("TCP connections: opened by the client during the measured calls (after 20 warm-up calls), counted by the proxy.")


if __name__ == "__main__":
    main()
