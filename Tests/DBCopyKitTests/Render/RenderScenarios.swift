import DBCopyKit
import Foundation
import Testing

/// A named hand-built plan; every renderer has a golden file per scenario.
struct RenderScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var plan: Plan

    var testDescription: String { name }

    static let all: [RenderScenario] = [
        RenderScenario(name: "design-example", plan: designExample),
        RenderScenario(name: "fixed-target-create", plan: PlanFixtures.plan([fixedTargetCreate])),
        RenderScenario(name: "replace-with-safety-backup", plan: PlanFixtures.plan([replaceWithSafetyBackup])),
        RenderScenario(name: "rotation", plan: PlanFixtures.plan([rotation])),
        RenderScenario(name: "fresh-no-changes", plan: PlanFixtures.plan([fresh])),
        RenderScenario(name: "refusal", plan: refusal),
        RenderScenario(name: "errors-and-warnings", plan: errorsAndWarnings),
        RenderScenario(name: "multiple-jobs", plan: PlanFixtures.plan([fixedTargetCreate, rotation, fresh])),
        RenderScenario(name: "match-job", plan: PlanFixtures.plan([matchJob], selectedJobs: ["staging-refresh"])),
    ]
}

typealias F = PlanFixtures

/// DESIGN.md's "What plan shows" example, with exactly its strings.
let designExample = F.plan([
    JobPlan(
        name: "clients-to-dev",
        copies: [
            F.copy(
                job: "clients-to-dev", origin: "clients", target: "clients_restored",
                ssmParameter: "/dev/clients/table-arn",
                changes: [
                    F.createBackup(
                        "dbcopy-clients-to-dev-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                    F.restore(
                        "clients_restored", action: .replace,
                        reason: "restore from the new backup; made by dbcopy on 2026-11-21",
                        details: [
                            "billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1",
                            "safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first",
                        ],
                        source: .newBackup(name: "dbcopy-clients-to-dev-20261122-10-15-00"),
                        replacing: ReplacedTable(
                            arn: F.tableARN("clients_restored"), createdAt: F.date("20261121-09-30-00"),
                            safetyBackupName: "dbcopy-clients-to-dev-replaced-20261122-10-15-00",
                            disableDeletionProtection: false, adopt: false),
                        indexes: ["by-email": Capacity(read: 1, write: 1)], job: "clients-to-dev", origin: "clients"),
                    ResourceChange(
                        kind: .ssmParameter, name: "/dev/clients/table-arn", action: .update,
                        reason: "value → arn:aws:dynamodb:eu-west-1:…:table/clients_restored",
                        operation: .putParameter(
                            PutParameterStep(
                                name: "/dev/clients/table-arn", value: F.tableARN("clients_restored"), valueKind: .arn,
                                previousValue: F.tableARN("clients_copy")))),
                    ResourceChange(
                        kind: .dynamodbBackup, name: "dbcopy-clients-to-dev-20261101-08-00-00", action: .destroy,
                        reason: "retention: keeps the newest 3",
                        operation: .deleteBackup(
                            DeleteBackupStep(
                                arn: F.backupARN("clients", "01762000000000-0a1b2c3d"),
                                name: "dbcopy-clients-to-dev-20261101-08-00-00", table: "clients"))),
                ])
        ])
])

let fixedTargetCreate = JobPlan(
    name: "clients-to-dev",
    copies: [
        F.copy(
            job: "clients-to-dev", origin: "clients", target: "clients_restored",
            ssmParameter: "/dev/clients/table-arn",
            changes: [
                F.createBackup(
                    "dbcopy-clients-to-dev-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                F.restore(
                    "clients_restored", reason: "restore from the new backup",
                    details: [
                        "billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1",
                        "tags:     Team=crm, cost_center=42",
                        "ttl:      on (expires_at, as the origin)",
                    ],
                    source: .newBackup(name: "dbcopy-clients-to-dev-20261122-10-15-00"),
                    indexes: ["by-email": Capacity(read: 1, write: 1)], tags: ["cost_center": "42", "Team": "crm"],
                    job: "clients-to-dev", origin: "clients"),
                F.putParameter("/dev/clients/table-arn", value: F.tableARN("clients_restored"), previous: nil),
            ])
    ])

/// The design example as the planner words it: `was …` under the SSM change, the backup's
/// table and date under the retention destroy.
let replaceWithSafetyBackup = JobPlan(
    name: "clients-to-dev",
    copies: [
        F.copy(
            job: "clients-to-dev", origin: "clients", target: "clients_restored",
            ssmParameter: "/dev/clients/table-arn",
            changes: [
                F.createBackup(
                    "dbcopy-clients-to-dev-20261122-10-15-00", of: "clients", items: "1,204", size: "3.1 MB"),
                F.restore(
                    "clients_restored", action: .replace,
                    reason: "restore from the new backup; made by dbcopy on 2026-11-21",
                    details: [
                        "billing:  provisioned 3/3 (origin 50/50)   index by-email: 1/1",
                        "safety backup dbcopy-clients-to-dev-replaced-20261122-10-15-00 first",
                    ],
                    source: .newBackup(name: "dbcopy-clients-to-dev-20261122-10-15-00"),
                    replacing: ReplacedTable(
                        arn: F.tableARN("clients_restored"), createdAt: F.date("20261121-09-30-00"),
                        safetyBackupName: "dbcopy-clients-to-dev-replaced-20261122-10-15-00",
                        disableDeletionProtection: false, adopt: false),
                    indexes: ["by-email": Capacity(read: 1, write: 1)], job: "clients-to-dev", origin: "clients"),
                F.putParameter(
                    "/dev/clients/table-arn", value: F.tableARN("clients_restored"),
                    previous: F.tableARN("clients_copy")),
                F.deleteBackup(
                    "dbcopy-clients-to-dev-20261101-08-00-00", of: "clients", made: "2026-11-01 08:00 UTC", keep: 3),
            ])
    ])

let rotation = JobPlan(
    name: "orders-staging",
    copies: [
        F.copy(
            job: "orders-staging", origin: "orders-production", target: "orders-staging-20261122-10-15-00",
            ssmParameter: "/staging/orders-production/table-arn",
            changes: [
                F.restore(
                    "orders-staging-20261122-10-15-00",
                    reason: "restore from backup orders-production-nightly (made 2026-11-22 03:00 UTC)",
                    details: ["billing:  on-demand (origin provisioned 50/50)"],
                    source: .backup(
                        arn: F.backupARN("orders-production", "01763780400000-9f8e7d6c"),
                        name: "orders-production-nightly",
                        inProgress: false),
                    billing: .onDemand, capacity: nil, job: "orders-staging", origin: "orders-production"),
                F.putParameter(
                    "/staging/orders-production/table-arn", value: F.tableARN("orders-staging-20261122-10-15-00"),
                    previous: nil),
                F.deleteGeneration("orders-staging-20261120-10-15-00", madeOn: "2026-11-20", keep: 2),
                F.deleteGeneration("orders-staging-20261119-10-15-00", madeOn: "2026-11-19", keep: 2),
            ])
    ])

let fresh = JobPlan(
    name: "nightly-reporting",
    copies: [
        F.copy(
            job: "nightly-reporting", origin: "clients", target: "clients_reporting",
            notes: ["clients_reporting is fresh: made 3h ago, refresh 24h"], changes: [])
    ])
