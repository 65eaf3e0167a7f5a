"""Slow DynamoDB control-plane transitions, layered over moto (where everything is instant).

Real DynamoDB takes time: a backup is CREATING before it is AVAILABLE, a restored table is
CREATING (with RestoreSummary.RestoreInProgress) before ACTIVE, a deleted table is DELETING
before it is gone, an updated table is UPDATING. Meanwhile, conflicting calls fail. moto
does each step at once, so code that forgets to wait passes against moto and fails in
production. This module remembers, per region and table (or backup ARN), until when each
transition lasts, rewrites moto's responses to show the in-between state, and answers
conflicting calls with the error real DynamoDB documents for them:

- restore from a CREATING backup, delete a CREATING backup → BackupInUseException
- restore into a name being created or deleted → TableInUseException
- CreateBackup of a table being created or deleted → TableInUseException
- UpdateTable/DeleteTable of a table being created or updated, UpdateTable/TagResource/
  UntagResource/UpdateTimeToLive/CreateTable on a table being created or deleted
  → ResourceInUseException
- UpdateContinuousBackups while the table is being created → ContinuousBackupsUnavailableException
- reads and writes of items of a table being created → ResourceNotFoundException
- DeleteTable of a table already DELETING → success, as DynamoDB documents

Each transition's length is fixed when it starts; changing the settings later does not move it.
"""
import copy
import threading
import time

from proxy_protocol import error_reply, json_reply

ITEM_OPERATIONS = {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan"}
BATCH_OPERATIONS = {"BatchGetItem", "BatchWriteItem"}
TAGGING_LIKE = {"TagResource", "UntagResource", "UpdateTimeToLive"}
RESTORES = {"RestoreTableFromBackup", "RestoreTableToPointInTime"}


def table_key(call, value):
    """(region, table name) for a TableName or a table ARN; None if there is none."""
    if not isinstance(value, str) or not value:
        return None
    if value.startswith("arn:"):
        # arn:aws:dynamodb:REGION:ACCOUNT:table/NAME[/backup/…|/index/…]
        parts = value.split(":", 5)
        if len(parts) == 6 and parts[5].startswith("table/"):
            return (parts[3], parts[5].split("/")[1])
        return None
    return (call.region, value)


class Transitions:
    def __init__(self):
        self._lock = threading.Lock()
        self._backups = {}  # backup ARN → CREATING until (monotonic seconds)
        self._creating = {}  # (region, table) → until
        self._updating = {}  # (region, table) → until
        self._deleting = {}  # (region, table) → (until, last description with TableStatus DELETING)

    # MARK: before forwarding

    def before(self, call):
        """A reply that stands in for the upstream's (a conflict error or a DELETING table), or None."""
        if call.service != "dynamodb":
            return None
        op, params = call.operation, call.params
        with self._lock:
            self._expire(time.monotonic())
            if op in RESTORES:
                arn = params.get("BackupArn")
                if op == "RestoreTableFromBackup" and arn in self._backups:
                    return error_reply(call, 400, "BackupInUseException", f"Backup is being created: {arn}")
                state = self._table_state(table_key(call, params.get("TargetTableName")))
                if state in ("creating", "deleting"):
                    verb = "created" if state == "creating" else "deleted"
                    return error_reply(call, 400, "TableInUseException", f"Table is being {verb}: {params['TargetTableName']}")
                return None
            if op == "DeleteBackup" and params.get("BackupArn") in self._backups:
                return error_reply(call, 400, "BackupInUseException", f"Backup is being created: {params['BackupArn']}")
            if op in BATCH_OPERATIONS:
                for name in params.get("RequestItems") or {}:
                    if self._table_state(table_key(call, name)) == "creating":
                        return error_reply(call, 400, "ResourceNotFoundException", "Requested resource not found")
                return None
            key = table_key(call, params.get("ResourceArn") if op in ("TagResource", "UntagResource") else params.get("TableName"))
            state = self._table_state(key)
            if state is None:
                return None
            name = key[1]
            if state == "deleting" and op in ("DescribeTable", "DeleteTable"):
                # DescribeTable shows the table going away; a repeated DeleteTable is not an error.
                description = copy.deepcopy(self._deleting[key][1])
                return json_reply(call, 200, {"Table" if op == "DescribeTable" else "TableDescription": description})
            in_use = f"Attempt to change a resource which is still in use: Table is being {_verb(state)}: {name}"
            if op == "UpdateTable" or (op == "DeleteTable" and state in ("creating", "updating")):
                return error_reply(call, 400, "ResourceInUseException", in_use)
            if state in ("creating", "deleting"):
                if op in TAGGING_LIKE or op == "CreateTable":
                    return error_reply(call, 400, "ResourceInUseException", in_use)
                if op == "CreateBackup":
                    return error_reply(call, 400, "TableInUseException", f"Table is being {_verb(state)}: {name}")
            if state == "creating":
                if op == "UpdateContinuousBackups":
                    message = f"Backups are being enabled for the table: {name}. Please retry later"
                    return error_reply(call, 400, "ContinuousBackupsUnavailableException", message)
                if op in ITEM_OPERATIONS:
                    return error_reply(call, 400, "ResourceNotFoundException", "Requested resource not found")
            return None

    # MARK: after the upstream answered

    def after(self, call, current_settings, status, payload):
        """Starts transitions for calls that succeeded upstream and rewrites `payload` in place
        to show states in progress. Returns True if it changed `payload`.

        `current_settings()` is read under the lock, when the transition starts, not when the
        call arrived: a test that changes the settings and then calls `forget()` while a
        restore is with the upstream gets that restore either forgotten or with the new length,
        never held with the old one."""
        if call.service != "dynamodb" or status != 200 or not isinstance(payload, dict):
            return False
        op, params = call.operation, call.params
        with self._lock:
            now = time.monotonic()
            self._expire(now)
            self._start(call, current_settings(), payload, now)
            if op in ("DescribeTable", "CreateTable", "UpdateTable", "DeleteTable") or op in RESTORES:
                field = "Table" if op == "DescribeTable" else "TableDescription"
                return self._show_table(call, payload.get(field))
            if op in ("CreateBackup", "DescribeBackup"):
                details = payload.get("BackupDetails") or (payload.get("BackupDescription") or {}).get("BackupDetails")
                return _show_backup(details, self._backups)
            if op == "ListBackups":
                changed = [_show_backup(summary, self._backups) for summary in payload.get("BackupSummaries") or []]
                return any(changed)
            if op == "ListTables" and "LastEvaluatedTableName" not in payload:
                # Deleting tables are still listed. They go on the last page only, never as a
                # page's LastEvaluatedTableName, so the upstream's pagination keeps working.
                names = payload.setdefault("TableNames", [])
                extra = sorted(n for (region, n) in self._deleting if region == call.region and n not in names)
                names.extend(extra)
                return bool(extra)
            return False

    def _start(self, call, settings, payload, now):
        op, params = call.operation, call.params
        if op == "CreateBackup" and settings.backup_seconds > 0:
            arn = (payload.get("BackupDetails") or {}).get("BackupArn")
            if arn:
                self._backups[arn] = now + settings.backup_seconds
        elif op in RESTORES and settings.restore_seconds > 0:
            key = table_key(call, params.get("TargetTableName"))
            if key:
                self._creating[key] = now + settings.restore_seconds
        elif op == "UpdateTable" and settings.update_seconds > 0:
            key = table_key(call, params.get("TableName"))
            if key:
                self._updating[key] = now + settings.update_seconds
        elif op == "DeleteTable" and settings.delete_seconds > 0:
            key = table_key(call, params.get("TableName"))
            if key:
                description = copy.deepcopy(payload.get("TableDescription") or {"TableName": key[1]})
                description["TableStatus"] = "DELETING"
                self._deleting[key] = (now + settings.delete_seconds, description)
                self._creating.pop(key, None)
                self._updating.pop(key, None)

    def _show_table(self, call, description):
        if not isinstance(description, dict):
            return False
        key = table_key(call, description.get("TableArn")) or table_key(call, description.get("TableName"))
        state = self._table_state(key)
        if state == "creating":
            description["TableStatus"] = "CREATING"
            summary = description.setdefault("RestoreSummary", {"RestoreDateTime": time.time()})
            summary["RestoreInProgress"] = True
            return True
        if state in ("updating", "deleting"):
            description["TableStatus"] = state.upper()
            return True
        return False

    # MARK: state

    def _table_state(self, key):
        if key is None:
            return None
        if key in self._deleting:
            return "deleting"
        if key in self._creating:
            return "creating"
        if key in self._updating:
            return "updating"
        return None

    def _expire(self, now):
        for table in (self._backups, self._creating, self._updating):
            for key in [key for key, until in table.items() if until <= now]:
                del table[key]
        for key in [key for key, (until, _) in self._deleting.items() if until <= now]:
            del self._deleting[key]

    def pending(self) -> dict:
        """How many transitions are in progress (for /__proxy/stats)."""
        with self._lock:
            self._expire(time.monotonic())
            return {
                "backups_creating": len(self._backups),
                "tables_creating": len(self._creating),
                "tables_updating": len(self._updating),
                "tables_deleting": len(self._deleting),
            }

    def forget(self) -> None:
        """Ends every transition now (POST /__proxy/reset-state)."""
        with self._lock:
            self._backups.clear()
            self._creating.clear()
            self._updating.clear()
            self._deleting.clear()


def _verb(state):
    return {"creating": "created", "deleting": "deleted", "updating": "updated"}[state]


def _show_backup(details, creating):
    if isinstance(details, dict) and details.get("BackupArn") in creating and details.get("BackupStatus") == "AVAILABLE":
        details["BackupStatus"] = "CREATING"
        return True
    return False
