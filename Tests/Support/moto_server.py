"""Starts moto's server on a free loopback port for the test harness and the demo.

Prints the port on the first line of stdout, then serves until stdin reaches end of file,
so the server never outlives the process that started it (even after `kill -9`).
"""
import logging
import sys

from moto.moto_server.threaded_moto_server import ThreadedMotoServer


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    print(port, flush=True)
    if "--no-stdin" in sys.argv:
        import threading
        threading.Event().wait()
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
