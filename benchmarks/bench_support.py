"""What benchmarks/plan-scale and benchmarks/apply-scale share: moto's server with the delaying
proxy in front of it, clean-up of every process they start, the environment for dbcopy and the
AWS CLI, boto3 clients straight to moto (for seeding, not counted by the proxy), and timing.

moto_server.py and aws_proxy.py exit when their stdin closes, so they never outlive the
benchmark, even after `kill -9`; on SIGINT, SIGTERM and SIGHUP the benchmark also stops the
child it is running and closes both servers before it exits.
"""
import json
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
DBCOPY = os.path.join(ROOT, ".build", "release", "dbcopy")
REGION = "eu-west-1"
ACCESS_KEY, SECRET_KEY = "AKIDEXAMPLETESTONLY", "test-secret-key-not-a-real-secret"

_servers = []
_running = []  # the child being timed, so that a signal can end it too


def _stop_everything(*_):
    for process in list(_running):
        if process.poll() is None:
            process.kill()
    for process in reversed(_servers):
        try:
            process.stdin.close()
        except OSError:
            pass
    for process in reversed(_servers):
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    _servers.clear()


def _on_signal(number, _frame):
    _stop_everything()
    sys.exit(128 + number)


for _signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(_signal, _on_signal)


class Servers:
    """moto on a free port, and the proxy in front of it (`latency_ms` and other settings)."""

    def __init__(self, **proxy_flags):
        self.moto, self.moto_url = self._start("moto_server.py")
        flags = []
        for name, value in proxy_flags.items():
            flags += ["--" + name.replace("_", "-"), str(value)]
        self.proxy, self.proxy_url = self._start("aws_proxy.py", "--upstream", self.moto_url, *flags)

    @staticmethod
    def _start(script, *args):
        process = subprocess.Popen(
            [PYTHON, os.path.join(ROOT, "Tests", "Support", script), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        _servers.append(process)
        line = process.stdout.readline()
        if not line.strip().isdigit():
            raise SystemExit(f"{script} did not start (printed {line!r})")
        return process, f"http://127.0.0.1:{int(line)}"

    def cpu_seconds(self):
        """CPU time (user + system) moto's and the proxy's processes have used so far."""
        def used(process):
            if process.poll() is not None:
                fail(f"a server process ({process.args[1]}) has exited")
            fields = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return {"moto": used(self.moto), "proxy": used(self.proxy)}

    def __enter__(self):
        return self

    def __exit__(self, *_):
        _stop_everything()

    # Proxy control API (never delayed).
    def _control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.proxy_url}/__proxy/{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.load(response)

    def stats(self):
        return self._control("GET", "stats")

    def reset_stats(self):
        self._control("POST", "reset-stats", {})

    def configure(self, **settings):
        return self._control("POST", "config", settings)

    def calls(self):
        """{operation: count} over every service (DynamoDB, SSM and STS operations do not collide)."""
        merged = {}
        for operations in self.stats()["calls"].values():
            for operation, count in operations.items():
                merged[operation] = merged.get(operation, 0) + count
        return merged

    def environment(self, **extra):
        """For dbcopy and the AWS CLI: static test credentials, the proxy as every endpoint."""
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
            "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION, "AWS_ENDPOINT_URL": self.proxy_url,
            "AWS_CONFIG_FILE": "/nonexistent/dbcopy-bench-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/dbcopy-bench-credentials",
            "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1",
        }
        environment.update(extra)
        return environment

    def boto3(self, service, direct=True):
        """A boto3 client straight to moto (direct) or through the proxy."""
        import boto3
        from botocore.config import Config
        return boto3.client(
            service, endpoint_url=self.moto_url if direct else self.proxy_url, region_name=REGION,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(max_pool_connections=32, retries={"max_attempts": 10, "mode": "standard"}))

    def warm_up_ssm(self):
        """moto's first SSM call takes seconds and stalls the server: pay for it before timing."""
        ssm = self.boto3("ssm")
        try:
            ssm.get_parameter(Name="/dbcopy-bench/warm-up")
        except ssm.exceptions.ParameterNotFound:
            pass


def run_timed(argv, environment, cwd=None):
    """Runs argv to completion: (exit code, stdout, stderr, wall seconds, CPU seconds user+sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen(argv, env=environment, cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _running.append(process)
    try:
        out, err = process.communicate()
    finally:
        _running.remove(process)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return process.returncode, out, err, wall, cpu


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    _stop_everything()
    sys.exit(1)
