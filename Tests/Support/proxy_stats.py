"""Accounting for the fault proxy: what was called, what happened to it, and every delete.

The reliability suite asserts on these ("no delete the plan did not list", "N DescribeTable
calls per job"), so a delete is logged as soon as the upstream confirms it, even when the
proxy then drops the response and the client never learns that it happened.
"""
import threading
import time
from collections import defaultdict

from proxy_faults import OUTCOMES

# Operations that remove something, and where the removed thing's name is in the request.
DELETES = {
    ("dynamodb", "DeleteTable"): "TableName",
    ("dynamodb", "DeleteBackup"): "BackupArn",
    ("ssm", "DeleteParameter"): "Name",
}


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.epoch = 0  # bumped by reset, so open connections are counted again afterwards
        self._clear()

    def _clear(self):
        self._calls = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        self._outcomes = defaultdict(int)
        self._statuses = defaultdict(int)
        self._connections = 0
        self._dropped_after_upstream = 0
        self._deletes = []
        self._in_flight = 0

    def reset(self) -> None:
        with self._lock:
            self.epoch += 1
            self._clear()

    def arrived(self) -> None:
        """A proxied call arrived; `answered` ends it. Tests use this to see a call held in flight."""
        with self._lock:
            self._in_flight += 1

    def answered(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def connection(self) -> None:
        with self._lock:
            self._connections += 1

    def record(self, service: str, operation: str, outcome: str, status=None, after_upstream=False) -> None:
        with self._lock:
            self._calls[service][operation][outcome] += 1
            self._outcomes[outcome] += 1
            if status is not None:
                self._statuses[str(status)] += 1
            if outcome == "dropped" and after_upstream:
                self._dropped_after_upstream += 1

    def record_deletes(self, call, status: int, response: dict, delivered: bool) -> None:
        """Logs what a successful delete removed upstream (nothing for failed deletes)."""
        if status != 200:
            return
        names = []
        key = DELETES.get((call.service, call.operation))
        if key and isinstance(call.params.get(key), str):
            names = [call.params[key]]
        elif (call.service, call.operation) == ("ssm", "DeleteParameters"):
            names = [name for name in response.get("DeletedParameters", []) if isinstance(name, str)]
        if not names:
            return
        with self._lock:
            for name in names:
                self._deletes.append(
                    {
                        "time": time.time(),
                        "service": call.service,
                        "operation": call.operation,
                        "region": call.region,
                        "resource": name,
                        "delivered": delivered,
                    }
                )

    def snapshot(self) -> dict:
        with self._lock:
            totals = {
                service: {operation: sum(outcomes.values()) for operation, outcomes in operations.items()}
                for service, operations in self._calls.items()
            }
            detail = {
                service: {operation: dict(outcomes) for operation, outcomes in operations.items()}
                for service, operations in self._calls.items()
            }
            return {
                "calls": totals,
                "outcomes_by_operation": detail,
                "outcomes": {outcome: self._outcomes.get(outcome, 0) for outcome in OUTCOMES},
                "statuses": dict(self._statuses),
                "connections": self._connections,
                "dropped_after_upstream": self._dropped_after_upstream,
                "deletes": list(self._deletes),
                "in_flight": self._in_flight,
            }
