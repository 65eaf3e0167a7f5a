import DBCopyKit
import Foundation

/// A replace refused (replace: false), a generation destroy refused (a protect pattern with a
/// Markdown-active `*`), next to changes that are allowed and still counted.
let refusal = F.plan([
    JobPlan(
        name: "clients-to-dev",
        copies: [
            F.copy(
                job: "clients-to-dev", origin: "clients", target: "clients_restored",
                changes: [
                    F.createBackup(
                        "dbcopy-clients-to-dev-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                    F.restore(
                        "clients_restored", action: .replace,
                        reason: "restore from the new backup; made by dbcopy on 2026-11-21",
                        details: [
                            "billing:  provisioned 3/3 (origin 50/50)",
                            "safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first",
                        ],
                        source: .newBackup(name: "dbcopy-clients-to-dev-20261122-10-15-00"),
                        replacing: ReplacedTable(
                            arn: F.tableARN("clients_restored"), createdAt: F.date("20261121-09-30-00"),
                            safetyBackupName: "dbcopy-clients-to-dev-replaced-20261122-10-15-00",
                            disableDeletionProtection: false, adopt: false),
                        job: "clients-to-dev", origin: "clients",
                        refusal:
                            "table clients_restored exists and replace is false; set replace: true to let this job "
                            + "replace copies it made, or replace: adopt to take over a table dbcopy did not make"),
                ])
        ]),
    JobPlan(
        name: "orders-staging",
        copies: [
            F.copy(
                job: "orders-staging", origin: "orders-production", target: "orders-staging-20261122-10-15-00",
                changes: [
                    F.restore(
                        "orders-staging-20261122-10-15-00",
                        reason: "restore from backup orders-production-nightly (made 2026-11-22 03:00 UTC)",
                        details: ["billing:  on-demand (origin provisioned 50/50)"],
                        source: .backup(
                            arn: F.backupARN("orders-production", "01763780400000-9f8e7d6c"),
                            name: "orders-production-nightly", inProgress: false),
                        billing: .onDemand, capacity: nil, job: "orders-staging", origin: "orders-production"),
                    F.deleteGeneration(
                        "orders-staging-20261120-10-15-00", madeOn: "2026-11-20", keep: 1,
                        refusal:
                            "table orders-staging-20261120-10-15-00 matches protect pattern \"*-staging-20261120*\""),
                ])
        ]),
])

/// Errors and warnings at every level: the plan (no mark, file only), jobs (marked), a job
/// left with no copy, next to a job that planned fine.
let errorsAndWarnings = F.plan(
    [
        JobPlan(
            name: "clients-to-dev",
            diagnostics: [
                .error(
                    "job \"clients-to-dev\": index by-name is not a global secondary index of clients (it has by-email)",
                    at: SourceMark(file: "dbcopy.yaml", line: 12, column: 7))
            ]),
        JobPlan(
            name: "orders-staging",
            diagnostics: [
                .warning(
                    "job \"orders-staging\": origin pattern \"(?i)-production$\" matches no table in eu-west-1",
                    at: SourceMark(file: "dbcopy.yaml", line: 17, column: 13))
            ]),
        JobPlan(
            name: "archive",
            diagnostics: [
                .warning(
                    "job \"archive\": table archive-20261101-00-00-00 is named like a generation but was not made by "
                        + "dbcopy; left alone", at: SourceMark(file: "dbcopy.yaml", line: 24, column: 5))
            ],
            copies: [
                F.copy(
                    job: "archive", origin: "clients", target: "archive-20261122-10-15-00",
                    changes: [
                        F.createBackup(
                            "dbcopy-archive-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                        F.restore(
                            "archive-20261122-10-15-00", reason: "restore from the new backup",
                            details: ["billing:  provisioned 3/3 (origin 50/50)"],
                            source: .newBackup(name: "dbcopy-archive-20261122-10-15-00"), job: "archive",
                            origin: "clients"),
                    ])
            ]),
    ],
    diagnostics: [
        .error(
            "job \"a\" (origin clients) and job \"b\" (origin clients) would both write SSM parameter /dev/x; "
                + "use {origin} or {job} in ssm_parameter to tell them apart", at: nil, file: "dbcopy.yaml")
    ])

/// One `match` job, three origins: two new generations (one with an SSM update), one fresh.
let matchJob = JobPlan(
    name: "staging-refresh",
    copies: ["orders", "payments"].map { base in
        let target = "\(base)-staging-20261122-10-15-00"
        return F.copy(
            job: "staging-refresh", origin: "\(base)-production", target: target,
            ssmParameter: "/staging/\(base)-production/table-arn",
            changes: [
                F.createBackup(
                    "dbcopy-staging-refresh-20261122-10-15-00", of: "\(base)-production", items: "88,310", size: "41 MB"
                ),
                F.restore(
                    target, reason: "restore from the new backup", details: ["billing:  on-demand (origin on-demand)"],
                    source: .newBackup(name: "dbcopy-staging-refresh-20261122-10-15-00"), billing: .onDemand,
                    capacity: nil, job: "staging-refresh", origin: "\(base)-production"),
                F.putParameter(
                    "/staging/\(base)-production/table-arn", value: F.tableARN(target),
                    previous: F.tableARN("\(base)-staging-20261121-10-15-00")),
            ])
    }
        + [
            F.copy(
                job: "staging-refresh", origin: "users-production", target: "users-staging-20261122-07-00-00",
                ssmParameter: "/staging/users-production/table-arn",
                notes: ["users-staging-20261122-07-00-00 is fresh: made 3h ago, refresh 12h"], changes: [])
        ])
