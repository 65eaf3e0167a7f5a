"""An HTTP/1.1 keep-alive front for moto's server, counting the TCP connections clients open.

moto's server (werkzeug) closes the connection after every response, so no client can reuse
one against it directly. This proxy keeps client connections open as a real AWS endpoint
does, forwards each request to moto on a fresh upstream connection, and counts the client
connections it accepted: a neutral measure of connection reuse for any client.

Usage: keepalive_proxy.py UPSTREAM_URL. Prints its port, serves until stdin reaches end of
file. GET /__connections answers {"connections": N}.
"""
import http.client
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

UPSTREAM = urlsplit(sys.argv[1])
CONNECTIONS = 0
LOCK = threading.Lock()
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and the client's
    # delayed ACK add ~40 ms to every kept-alive response.
    disable_nagle_algorithm = True

    def setup(self):
        global CONNECTIONS
        super().setup()
        with LOCK:
            CONNECTIONS += 1

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/__connections":
            with LOCK:
                return self.answer(200, [], json.dumps({"connections": CONNECTIONS}).encode())
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
        self.answer(response.status, kept, data)

    def answer(self, status, headers, data):
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
