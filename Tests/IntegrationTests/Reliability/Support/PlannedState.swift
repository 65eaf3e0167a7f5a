import DBCopyKit
import Foundation
import Testing

/// The live state a plan leads to from the state it was made on: its tables made, replaced and
/// destroyed, its backups made and destroyed, its parameters written, and nothing else. A test
/// describes the workspace before the apply and after it, and compares.
struct PlannedState {
    /// Every table of the workspace, sorted.
    var tables: [String]
    /// Backup names per table, sorted (a name twice means two backups of that name).
    var backups: [String: [String]]

    init(from before: LiveAWS, applying plan: Plan) {
        var tables = Set(before.allTables)
        var backups = Dictionary(grouping: before.backups, by: \.table).mapValues { $0.map(\.arn) }
        var names = Dictionary(before.backups.map { ($0.arn, $0.name) }, uniquingKeysWith: { first, _ in first })
        var made = 0
        func add(_ name: String, of table: String) {
            made += 1
            let key = "new-\(made)"
            names[key] = name
            backups[table, default: []].append(key)
        }
        for change in plan.allChanges {
            switch change.operation {
            case .createBackup(let step): add(step.backupName, of: step.table)
            case .restoreTable(let step):
                tables.insert(step.target)
                if let safety = step.replacing?.safetyBackupName { add(safety, of: step.target) }
            case .deleteTable(let step): tables.remove(step.table)
            case .deleteBackup(let step): backups[step.table]?.removeAll { $0 == step.arn }
            case .putParameter: break
            }
        }
        self.tables = tables.sorted()
        self.backups = backups.mapValues { $0.compactMap { names[$0] }.sorted() }.filter { !$0.value.isEmpty }
    }
}

extension LiveAWS {
    var backupNamesByTable: [String: [String]] {
        Dictionary(grouping: backups, by: \.table).mapValues { $0.map(\.name).sorted() }
    }
}

/// Checks that `after` is exactly what `plan` makes of `before`: the same tables and backups,
/// every copy it restores ACTIVE with the origin's item count and the planned billing,
/// capacity, index capacity, tags, TTL and settings, every parameter it writes pointing at its
/// copy (the others unchanged), and every origin as it was. `after` must describe every table.
func expectPlannedState(
    _ after: LiveAWS, from before: LiveAWS, plan: Plan, _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let expected = PlannedState(from: before, applying: plan)
    let tables = difference(after.allTables, expected.tables)
    #expect(tables.isEmpty, "tables \(tables): \(context)", sourceLocation: sourceLocation)
    let backups = Set(after.backupNamesByTable.keys).union(expected.backups.keys).sorted().flatMap { table in
        difference(after.backupNamesByTable[table] ?? [], expected.backups[table] ?? []).map { "\($0) (of \(table))" }
    }
    #expect(backups.isEmpty, "backups \(backups): \(context)", sourceLocation: sourceLocation)
    var parameters = before.parameters
    for copy in plan.copies {
        let origin = before.table(copy.origin)
        #expect(
            after.table(copy.origin) == origin, "origin \(copy.origin) changed: \(context)",
            sourceLocation: sourceLocation)
        for change in copy.changes {
            switch change.operation {
            case .restoreTable(let step):
                expectCopy(after.table(step.target), as: step, items: origin?.items, context, sourceLocation)
            case .putParameter(let step):
                parameters[step.name] = step.valueKind == .arn ? after.table(copy.target)?.arn : copy.target
            default: break
            }
        }
    }
    #expect(after.parameters == parameters, "parameters: \(context)", sourceLocation: sourceLocation)
}

/// What `actual` has beyond `expected` (`+name`) and lacks (`-name`), counting repeats.
private func difference(_ actual: [String], _ expected: [String]) -> [String] {
    var extra = actual
    var missing: [String] = []
    for name in expected {
        if let index = extra.firstIndex(of: name) { extra.remove(at: index) } else { missing.append(name) }
    }
    return extra.sorted().map { "+" + $0 } + missing.sorted().map { "-" + $0 }
}

private func expectCopy(
    _ table: LiveAWS.Table?, as step: RestoreStep, items: Int?, _ context: String, _ sourceLocation: SourceLocation
) {
    guard let table else {
        Issue.record("copy \(step.target) is missing: \(context)", sourceLocation: sourceLocation)
        return
    }
    let what = "copy \(step.target): \(context)"
    #expect(table.status == "ACTIVE", "\(what)", sourceLocation: sourceLocation)
    #expect(table.items == items, "items of \(what)", sourceLocation: sourceLocation)
    #expect(table.tags == step.tags, "tags of \(what)", sourceLocation: sourceLocation)
    #expect(table.ttl == step.ttlAttribute, "TTL of \(what)", sourceLocation: sourceLocation)
    switch step.billing {
    case .onDemand:
        #expect(table.billing == "PAY_PER_REQUEST", "billing of \(what)", sourceLocation: sourceLocation)
    case .provisioned:
        #expect(table.billing == "PROVISIONED", "billing of \(what)", sourceLocation: sourceLocation)
        #expect(
            [table.read, table.write] == [step.capacity?.read, step.capacity?.write], "capacity of \(what)",
            sourceLocation: sourceLocation)
        let indexes = step.indexes.mapValues { [Optional($0.read), Optional($0.write)] }
        #expect(table.indexes == indexes, "index capacity of \(what)", sourceLocation: sourceLocation)
    }
    if let pitr = step.pointInTimeRecovery {
        #expect(table.pitr == pitr, "PITR of \(what)", sourceLocation: sourceLocation)
    }
    if let protection = step.deletionProtection {
        #expect(
            table.deletionProtection == protection, "deletion protection of \(what)", sourceLocation: sourceLocation)
    }
}
