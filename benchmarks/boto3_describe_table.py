"""The boto3 side of benchmarks/aws-describe-table: the same DescribeTable calls, threads for
concurrency, one shared client with a connection pool as large as the concurrency (boto3's
default of 10 would make it discard connections at 16 and penalise it unfairly).

Usage: boto3_describe_table.py ENDPOINT TABLE CALLS CONCURRENCY WARMUP; prints one JSON line.
"""
import json
import resource
import sys
import threading
import time

import boto3
from botocore.config import Config


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    endpoint, table = sys.argv[1], sys.argv[2]
    calls, concurrency, warmup = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    client = boto3.client("dynamodb", endpoint_url=endpoint, config=Config(max_pool_connections=max(10, concurrency)))
    for _ in range(warmup):
        client.describe_table(TableName=table)
    remaining = [calls]
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            client.describe_table(TableName=table)

    cpu_before = cpu_seconds()
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    print(json.dumps({
        "calls": calls, "concurrency": concurrency, "seconds": seconds, "calls_per_second": calls / seconds,
        "cpu_ms_per_call": cpu * 1000 / calls,
    }))


if __name__ == "__main__":
    main()
