"""A fault-injecting, delaying HTTP proxy between an AWS client and a local AWS endpoint (moto).

Benchmarks use it to add latency and to make backups and restores take as long as they do in
AWS; the reliability suite uses it to throttle, fail and drop calls, and to make DynamoDB's
control-plane transitions slow (see proxy_transitions.py). It forwards everything else
byte for byte: method, path, headers (Host and Authorization included) and body, and the
upstream's status, headers and body.

Launch contract (the same as moto_server.py): prints its port on the first line of stdout,
then serves until stdin reaches end of file, so it never outlives the process that started
it; `--no-stdin` serves until interrupted, for use by hand.

Control API (never delayed or faulted):
  GET  /__proxy/stats        calls per service and operation, outcomes, connections, deletes
  GET  /__proxy/config       the current settings
  POST /__proxy/config       a JSON object of settings to change (the others stay)
  POST /__proxy/reset-stats  zero the counters and the delete log
  POST /__proxy/reset-state  end every slow transition now
"""
import argparse
import http.client
import json
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from proxy_faults import FaultDice, Settings, describe
from proxy_protocol import Reply, classify, error_reply, server_error_reply, throttle_reply
from proxy_stats import Stats
from proxy_transitions import Transitions

CONTROL_PREFIX = "/__proxy/"
# Hop-by-hop headers belong to one connection, not to the message: each side of the proxy
# keeps its own connection alive (moto closes after every response; the client need not).
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}
UPSTREAM_TIMEOUT = 120


class Proxy:
    """Everything the request handlers share."""

    def __init__(self, upstream: str, settings: Settings, verbose: bool):
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise SystemExit(f"--upstream must be an http:// URL, got {upstream!r}")
        self.upstream_host, self.upstream_port = parts.hostname, parts.port or 80
        self.upstream_base = parts.path.rstrip("/")
        self._settings_lock = threading.Lock()
        self._settings = settings
        self.dice = FaultDice(settings.seed)
        self.stats = Stats()
        self.transitions = Transitions()
        self.verbose = verbose

    @property
    def settings(self) -> Settings:
        with self._settings_lock:
            return self._settings

    def configure(self, changes: dict) -> Settings:
        with self._settings_lock:
            self._settings = self._settings.merged(changes)
            settings = self._settings
        if "seed" in changes:
            self.dice.reseed(settings.seed)
        self.log(f"settings: {describe(settings)}")
        return settings

    def log(self, message: str) -> None:
        if self.verbose:
            print(f"aws_proxy {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive towards the client
    # Without this, a response written as headers then body waits ~40 ms for the client's
    # delayed ACK (Nagle's algorithm) on every call: more than the latency benchmarks add.
    disable_nagle_algorithm = True
    proxy: Proxy  # set on the class by main()

    def setup(self):
        super().setup()
        self._upstream = None
        self._counted_in_epoch = None

    def finish(self):
        super().finish()
        if self._upstream is not None:
            self._upstream.close()

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # one line per call is logged by _proxy when --verbose, nothing otherwise

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def _dispatch(self):
        body = self._read_body()
        if body is None:
            return
        if self.path.startswith(CONTROL_PREFIX):
            self._control(body)
        else:
            self.proxy.stats.arrived()
            try:
                self._proxy(body)
            finally:
                self.proxy.stats.answered()

    # MARK: proxied calls

    def _proxy(self, body: bytes):
        proxy = self.proxy
        settings = proxy.settings  # one snapshot for the whole call
        call = classify(self.command, self.path, list(self.headers.items()), body)
        if self._counted_in_epoch != proxy.stats.epoch:
            self._counted_in_epoch = proxy.stats.epoch
            proxy.stats.connection()
        if settings.latency_ms > 0:
            time.sleep(settings.latency_ms / 1000)  # in this connection's thread: calls wait side by side
        fault = proxy.dice.roll(settings, call.operation)
        label = f"{call.service}.{call.operation} ({call.region})"
        if fault.kind in ("throttle", "error"):
            reply = throttle_reply(call) if fault.kind == "throttle" else server_error_reply(call)
            outcome = "throttled" if fault.kind == "throttle" else "error"
            proxy.stats.record(call.service, call.operation, outcome, reply.status)
            proxy.log(f"{label} → injected {reply.status} {outcome}")
            return self._send(reply)
        if fault.kind == "drop_before":
            proxy.stats.record(call.service, call.operation, "dropped")
            proxy.log(f"{label} → dropped before forwarding")
            return self._drop()

        reply, forwarded = proxy.transitions.before(call), False
        if reply is not None:
            outcome = "ok" if reply.status == 200 else "conflict"
        else:
            try:
                reply, outcome, forwarded = self._forward(call), "ok", True
            except (OSError, http.client.HTTPException) as error:
                reply = error_reply(call, 502, "BadGateway", f"upstream failed: {error}")
                outcome = "upstream_error"
            else:
                self._after_upstream(call, reply, delivered=fault.kind != "drop_after")
        if fault.kind == "drop_after":
            proxy.stats.record(call.service, call.operation, "dropped", after_upstream=forwarded)
            proxy.log(f"{label} → {reply.status}, dropped after {'forwarding' if forwarded else 'answering'}")
            return self._drop()
        proxy.stats.record(call.service, call.operation, outcome, reply.status)
        proxy.log(f"{label} → {reply.status} {outcome}")
        self._send(reply)

    def _after_upstream(self, call, reply: Reply, delivered: bool):
        """Records deletes and starts or shows slow transitions, rewriting the body if needed."""
        if call.protocol not in ("json-1.0", "json-1.1"):
            return
        try:
            payload = json.loads(reply.body or b"{}")
        except ValueError:
            return
        if not isinstance(payload, dict):
            return
        self.proxy.stats.record_deletes(call, reply.status, payload, delivered)
        if self.proxy.transitions.after(call, lambda: self.proxy.settings, reply.status, payload):
            # Re-serialised, so its length and DynamoDB's checksum change with it.
            reply.body = json.dumps(payload).encode()
            replaced = []
            for name, value in reply.headers:
                if name.lower() == "content-length":
                    value = str(len(reply.body))
                elif name.lower() == "x-amz-crc32":
                    value = str(zlib.crc32(reply.body) & 0xFFFFFFFF)
                replaced.append((name, value))
            reply.headers = replaced

    def _forward(self, call) -> Reply:
        for attempt in (1, 2):
            connection = self._upstream_connection()
            reused = connection.sock is not None
            try:
                connection.putrequest(call.method, self.proxy.upstream_base + call.path, skip_host=True, skip_accept_encoding=True)
                for name, value in call.headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        connection.putheader(name, value)
                if call.body or call.method in ("POST", "PUT", "PATCH"):
                    connection.putheader("Content-Length", str(len(call.body)))
                connection.endheaders(call.body)
                response = connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # An idle keep-alive connection the upstream had already closed: nothing reached
                # it, so one more try on a fresh connection is safe.
                connection.close()
                if reused and attempt == 1:
                    continue
                raise
            headers = [(name, value) for name, value in response.getheaders() if name.lower() not in HOP_BY_HOP]
            if response.will_close:
                connection.close()
            return Reply(response.status, response.reason, headers, body)
        raise AssertionError("unreachable")

    def _upstream_connection(self) -> http.client.HTTPConnection:
        if self._upstream is None:
            self._upstream = http.client.HTTPConnection(
                self.proxy.upstream_host, self.proxy.upstream_port, timeout=UPSTREAM_TIMEOUT
            )
        return self._upstream

    # MARK: control API

    def _control(self, body: bytes):
        proxy, route = self.proxy, (self.command, self.path.split("?")[0][len(CONTROL_PREFIX):].strip("/"))
        try:
            if route == ("GET", "stats"):
                result = proxy.stats.snapshot()
                result["transitions"] = proxy.transitions.pending()
            elif route == ("GET", "config"):
                result = proxy.settings.as_json()
            elif route == ("POST", "config"):
                changes = json.loads(body or b"{}")
                if not isinstance(changes, dict):
                    raise ValueError("the body must be a JSON object of settings")
                result = proxy.configure(changes).as_json()
            elif route == ("POST", "reset-stats"):
                proxy.stats.reset()
                result = {}
            elif route == ("POST", "reset-state"):
                proxy.transitions.forget()
                result = {}
            else:
                return self._send_json(404, {"error": f"no control endpoint {self.command} {self.path}"})
        except (ValueError, TypeError) as error:
            return self._send_json(400, {"error": str(error)})
        self._send_json(200, result)

    # MARK: HTTP plumbing

    def _read_body(self):
        """The request body (Content-Length or chunked); None if the client went away."""
        try:
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline().strip():
                            pass  # trailers
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""
        except (OSError, ValueError):
            self.close_connection = True
            return None

    def _send(self, reply: Reply):
        self.send_response_only(reply.status, reply.reason)  # no extra Server/Date headers
        has_length = False
        for name, value in reply.headers:
            if name.lower() == "content-length":
                has_length = True
                if self.command != "HEAD":
                    value = str(len(reply.body))
            self.send_header(name, value)
        if not has_length:
            self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        # Headers and body in one write: one packet for small responses.
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(reply.body)
        self.flush_headers()

    def _send_json(self, status: int, payload: dict):
        body = json.dumps(payload).encode()
        self._send(Reply(status, "OK" if status == 200 else "Error", [("Content-Type", "application/json")], body))

    def _drop(self):
        """Closes the connection without a byte of response, as a failed network would."""
        self.close_connection = True


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # benchmarks open hundreds of connections at once


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True, help="the endpoint to forward to, e.g. http://127.0.0.1:5000")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--no-stdin", action="store_true", help="serve until interrupted, not until stdin closes")
    parser.add_argument("--verbose", action="store_true", help="log every call to stderr")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--throttle-rate", type=float, default=0)
    parser.add_argument("--error-rate", type=float, default=0)
    parser.add_argument("--drop-rate", type=float, default=0)
    parser.add_argument("--drop-after-share", type=float, default=0.5)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--fault-operations", default="", help="comma-separated operations faults apply to (default: all)")
    parser.add_argument("--backup-seconds", type=float, default=0)
    parser.add_argument("--restore-seconds", type=float, default=0)
    parser.add_argument("--delete-seconds", type=float, default=0)
    parser.add_argument("--update-seconds", type=float, default=0)
    arguments = parser.parse_args(argv)
    names = [name for name in vars(Settings()) if hasattr(arguments, name)]
    try:
        settings = Settings().merged({name: getattr(arguments, name) for name in names})
    except ValueError as error:
        parser.error(str(error))
    return arguments, settings


def main(argv=None) -> None:
    arguments, settings = parse_arguments(sys.argv[1:] if argv is None else argv)
    Handler.proxy = Proxy(arguments.upstream, settings, arguments.verbose)
    server = Server(("127.0.0.1", arguments.port), Handler)
    threading.Thread(target=server.serve_forever, name="aws_proxy", daemon=True).start()
    print(server.server_address[1], flush=True)
    Handler.proxy.log(f"forwarding to {arguments.upstream}; settings: {describe(settings)}")
    try:
        if arguments.no_stdin:
            threading.Event().wait()
        else:
            sys.stdin.read()
    except KeyboardInterrupt:
        pass
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
