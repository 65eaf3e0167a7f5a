"""Creates sample DynamoDB tables with items on a local AWS endpoint (moto), for the demo
and the integration tests. An independent client (boto3), so that tests check dbcopy's work
with something other than dbcopy itself.

usage: seed_tables.py --endpoint URL demo|show
       seed_tables.py --endpoint URL tables '[SPEC, ...]'
       seed_tables.py --endpoint URL [--prefix P] [--parameter-path PATH] describe TABLE...
       seed_tables.py --endpoint URL aws SERVICE OPERATION '{PARAMS}'
       seed_tables.py serve        (the same commands as JSON lines on stdin; see serve())

`describe` lists every table and backup (all pages; with --prefix only those of tables whose
name starts with P, so that tests sharing one endpoint see only their own) and the SSM
parameters under --parameter-path (default /). `aws` makes one boto3 call (operation in
snake_case, parameters as JSON) and prints its answer as JSON: tests change live state with it
(delete a table, turn on deletion protection, put a parameter) the way a person would.
"""
import argparse
import concurrent.futures
import io
import json
import sys
import threading
import traceback

import boto3

REGION = "eu-west-1"


_clients = {}
_clients_lock = threading.Lock()


def client(endpoint, service):
    """One client per endpoint and service, shared by threads (clients are thread-safe; making
    them is not)."""
    with _clients_lock:
        if (endpoint, service) not in _clients:
            _clients[(endpoint, service)] = boto3.client(
                service, endpoint_url=endpoint, region_name=REGION,
                aws_access_key_id="AKIDEXAMPLETESTONLY", aws_secret_access_key="test-secret-key-not-a-real-secret")
        return _clients[(endpoint, service)]


def create_table(ddb, spec):
    """spec: {name, key, items, billing: provisioned|on-demand, capacity: [r, w], gsi: [{name, key, capacity}],
    ttl, tags: {}, pitr, backup: name, deletion_protection}"""
    attributes = {spec["key"]}
    params = {
        "TableName": spec["name"],
        "KeySchema": [{"AttributeName": spec["key"], "KeyType": "HASH"}],
    }
    gsis = []
    for gsi in spec.get("gsi", []):
        attributes.add(gsi["key"])
        index = {
            "IndexName": gsi["name"],
            "KeySchema": [{"AttributeName": gsi["key"], "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }
        if spec.get("billing", "provisioned") == "provisioned":
            read, write = gsi.get("capacity", spec.get("capacity", [5, 5]))
            index["ProvisionedThroughput"] = {"ReadCapacityUnits": read, "WriteCapacityUnits": write}
        gsis.append(index)
    params["AttributeDefinitions"] = [{"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)]
    if gsis:
        params["GlobalSecondaryIndexes"] = gsis
    if spec.get("billing", "provisioned") == "provisioned":
        read, write = spec.get("capacity", [5, 5])
        params["ProvisionedThroughput"] = {"ReadCapacityUnits": read, "WriteCapacityUnits": write}
    else:
        params["BillingMode"] = "PAY_PER_REQUEST"
    if spec.get("tags"):
        params["Tags"] = [{"Key": k, "Value": v} for k, v in spec["tags"].items()]
    if spec.get("deletion_protection"):
        params["DeletionProtectionEnabled"] = True
    ddb.create_table(**params)
    put_items(ddb, spec)
    if spec.get("ttl"):
        ddb.update_time_to_live(
            TableName=spec["name"], TimeToLiveSpecification={"Enabled": True, "AttributeName": spec["ttl"]})
    if spec.get("pitr"):
        ddb.update_continuous_backups(
            TableName=spec["name"], PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    if spec.get("backup"):
        ddb.create_backup(TableName=spec["name"], BackupName=spec["backup"])


def put_items(ddb, spec):
    count = spec.get("items", 0)
    extra_keys = [g["key"] for g in spec.get("gsi", [])]
    for start in range(0, count, 25):
        requests = []
        for n in range(start, min(count, start + 25)):
            item = {spec["key"]: {"S": f"{spec['name']}-{n:05d}"}, "payload": {"S": "x" * 40}}
            for key in extra_keys:
                item[key] = {"S": f"{key}-{n:05d}@example.com"}
            if spec.get("ttl"):
                item[spec["ttl"]] = {"N": str(4102444800 + n)}
            requests.append({"PutRequest": {"Item": item}})
        ddb.batch_write_item(RequestItems={spec["name"]: requests})


def count_items(ddb, name):
    total, kwargs = 0, {"TableName": name, "Select": "COUNT"}
    while True:
        page = ddb.scan(**kwargs)
        total += page["Count"]
        if "LastEvaluatedKey" not in page:
            return total
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def all_table_names(ddb):
    names, kwargs = [], {}
    while True:
        page = ddb.list_tables(**kwargs)
        names += page["TableNames"]
        if "LastEvaluatedTableName" not in page:
            return names
        kwargs["ExclusiveStartTableName"] = page["LastEvaluatedTableName"]


def all_backups(ddb):
    backups, kwargs = [], {}
    while True:
        page = ddb.list_backups(**kwargs)
        backups += page["BackupSummaries"]
        if "LastEvaluatedBackupArn" not in page:
            return backups
        kwargs["ExclusiveStartBackupArn"] = page["LastEvaluatedBackupArn"]


def all_parameters(ssm, path):
    values, kwargs = {}, {"Path": path, "Recursive": True}
    while True:
        page = ssm.get_parameters_by_path(**kwargs)
        values.update({p["Name"]: p["Value"] for p in page.get("Parameters", [])})
        if not page.get("NextToken"):
            return values
        kwargs["NextToken"] = page["NextToken"]


def describe(ddb, ssm, names, prefix="", parameter_path="/"):
    """JSON with what tests assert: items, billing, capacity, GSI capacity, tags, TTL, PITR, SSM values."""
    out = {"tables": {}, "all_tables": [n for n in all_table_names(ddb) if n.startswith(prefix)]}
    for name in names:
        try:
            table = ddb.describe_table(TableName=name)["Table"]
        except ddb.exceptions.ResourceNotFoundException:
            out["tables"][name] = None
            continue
        throughput = table.get("ProvisionedThroughput", {})
        tags = ddb.list_tags_of_resource(ResourceArn=table["TableArn"]).get("Tags", [])
        ttl = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        pitr = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        out["tables"][name] = {
            "arn": table["TableArn"],
            "status": table["TableStatus"],
            "items": count_items(ddb, name),
            "billing": table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED"),
            "read": throughput.get("ReadCapacityUnits"),
            "write": throughput.get("WriteCapacityUnits"),
            "indexes": {
                g["IndexName"]: [g.get("ProvisionedThroughput", {}).get("ReadCapacityUnits"),
                                 g.get("ProvisionedThroughput", {}).get("WriteCapacityUnits")]
                for g in table.get("GlobalSecondaryIndexes", [])
            },
            "tags": {t["Key"]: t["Value"] for t in tags},
            "ttl": ttl.get("AttributeName") if ttl.get("TimeToLiveStatus") == "ENABLED" else None,
            "pitr": pitr.get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus") == "ENABLED",
            "deletion_protection": table.get("DeletionProtectionEnabled", False),
        }
    out["backups"] = [
        {"name": b["BackupName"], "table": b["TableName"], "status": b["BackupStatus"], "arn": b["BackupArn"]}
        for b in all_backups(ddb) if b["TableName"].startswith(prefix)
    ]
    out["parameters"] = all_parameters(ssm, parameter_path)
    return out


DEMO = [
    {"name": "clients", "key": "client_id", "items": 300, "capacity": [50, 50],
     "gsi": [{"name": "by-email", "key": "email", "capacity": [50, 50]}], "ttl": "expires_at",
     "tags": {"team": "crm", "env": "production"}},
    {"name": "orders-production", "key": "order_id", "items": 400, "billing": "on-demand",
     "tags": {"team": "orders"}, "backup": "orders-production-nightly"},
    {"name": "users-production", "key": "user_id", "items": 250, "capacity": [20, 20],
     "tags": {"team": "identity"}, "backup": "users-production-nightly"},
]


PARSER = argparse.ArgumentParser()
PARSER.add_argument("--endpoint", required=True)
PARSER.add_argument("--prefix", default="")
PARSER.add_argument("--parameter-path", default="/")
PARSER.add_argument("command", choices=["demo", "tables", "describe", "show", "aws"])
PARSER.add_argument("args", nargs="*")


def run(argv):
    """Runs one command; returns what it prints."""
    options = PARSER.parse_args(argv)
    ddb, ssm = client(options.endpoint, "dynamodb"), client(options.endpoint, "ssm")
    out = io.StringIO()
    if options.command == "demo":
        for spec in DEMO:
            create_table(ddb, spec)
        print("created " + ", ".join(f"{s['name']} ({s['items']} items)" for s in DEMO), file=out)
    elif options.command == "tables":
        for spec in json.loads(options.args[0] if options.args else sys.stdin.read()):
            create_table(ddb, spec)
    elif options.command == "describe":
        print(json.dumps(describe(ddb, ssm, options.args, options.prefix, options.parameter_path), sort_keys=True), file=out)
    elif options.command == "aws":
        service, operation, params = options.args
        answer = getattr(client(options.endpoint, service), operation)(**json.loads(params))
        answer.pop("ResponseMetadata", None)
        print(json.dumps(answer, sort_keys=True, default=str), file=out)
    elif options.command == "show":
        state = describe(ddb, ssm, all_table_names(ddb))
        print(f"{'TABLE':40} {'ITEMS':>6}  {'BILLING':18} {'DBCOPY JOB':18} TTL", file=out)
        for name, table in sorted(state["tables"].items()):
            billing = "on-demand" if table["billing"] == "PAY_PER_REQUEST" else f"provisioned {table['read']}/{table['write']}"
            job = table["tags"].get("dbcopy:job", "-")
            print(f"{name:40} {table['items']:>6}  {billing:18} {job:18} {table['ttl'] or '-'}", file=out)
        print("\nBACKUPS", file=out)
        for backup in sorted(state["backups"], key=lambda b: b["name"]):
            print(f"  {backup['name']:50} of {backup['table']} ({backup['status']})", file=out)
        print("\nSSM PARAMETERS", file=out)
        for name, value in sorted(state["parameters"].items()):
            print(f"  {name} = {value}", file=out)
    return out.getvalue()


def serve():
    """Answers commands until stdin ends, so that a test process pays for importing boto3 once.
    Each stdin line is {"id": N, "argv": [...]}; each answer, on one stdout line, is
    {"id": N, "output": TEXT} or {"id": N, "error": TEXT}, in the order the commands finish
    (each runs in a thread of its own)."""
    lock = threading.Lock()

    def handle(request):
        try:
            reply = {"id": request["id"], "output": run(request["argv"])}
        except BaseException:  # argparse exits with SystemExit on bad arguments
            reply = {"id": request["id"], "error": traceback.format_exc()}
        with lock:
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=16)
    for line in sys.stdin:
        pool.submit(handle, json.loads(line))
    pool.shutdown(wait=False, cancel_futures=True)


def main():
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        sys.stdout.write(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
