"""A scripted HTTP server for client tests: container credentials, instance metadata, a proxy.

Usage: scripted_http_server.py ROUTES_JSON
ROUTES_JSON maps "METHOD PATH" (PATH may be an absolute URL, as a proxy sees it) to a response:
{"status": 200, "body": "...", "headers": {...}, "delay": seconds}. Unknown routes answer 404.
Every request is recorded; GET /__requests returns them as JSON (method, path, headers).
Prints the port on the first line of stdout and serves until stdin reaches end of file.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = json.loads(sys.argv[1])
RECORDED = []
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and the client's
    # delayed ACK add ~40 ms to every kept-alive response.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if self.path == "/__requests":
            with LOCK:
                payload = json.dumps(RECORDED).encode()
            return self.answer({"status": 200, "body": payload.decode()})
        with LOCK:
            RECORDED.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
        route = ROUTES.get(f"{self.command} {self.path}", {"status": 404, "body": "not found"})
        if route.get("delay"):
            time.sleep(route["delay"])
        self.answer(route)

    def answer(self, route):
        body = route.get("body", "").encode()
        self.send_response(route.get("status", 200))
        for name, value in route.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
