"""Starts moto's server on a free loopback port for the test harness and the demo.

Prints the port on the first line of stdout, then serves until stdin reaches end of file,
so the server never outlives the process that started it (even after `kill -9`).
"""
import logging
import sys

from moto.dynamodb.models import DynamoDBBackend
from moto.moto_server.threaded_moto_server import ThreadedMotoServer


def _list_tables_as_dynamodb_does(self, limit, exclusive_start_table_name):
    """ListTables paged the way DynamoDB pages it: in name order, each page starting after the
    given name whether or not that table still exists. moto pages in creation order and, when
    the table a page ended on is deleted before the next page is asked for, returns nothing
    more, silently hiding every later table from tests that share one server."""
    names = sorted(self.tables.keys())
    if exclusive_start_table_name:
        names = [name for name in names if name > exclusive_start_table_name]
    if not limit:  # as moto: no Limit, every name at once
        return names, None
    page = names[:limit]
    return page, (page[-1] if len(names) > limit else None)


DynamoDBBackend.list_tables = _list_tables_as_dynamodb_does


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
