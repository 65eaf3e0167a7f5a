import Foundation

/// What happens to the copy's target table.
struct TargetPlan {
    enum Kind {
        /// A new table (fixed target that does not exist, or a new rotation generation).
        case create(refusal: String?)
        /// Delete the existing fixed target (after a safety backup) and restore in its place.
        case replace(TableSnapshot, adopt: Bool, disableDeletionProtection: Bool, refusal: String?)
        /// An interrupted run's restore: wait for it and converge, no new copy.
        case resume(TableSnapshot)
        /// Younger than `refresh`: nothing to redo.
        case fresh(TableSnapshot)
    }

    var name: String
    var kind: Kind
    /// Rotation only: this job's generations other than the target, newest first.
    var otherGenerations: [TableSnapshot] = []

    var needsCopy: Bool {
        switch kind {
        case .create, .replace: return true
        case .resume, .fresh: return false
        }
    }

    var existing: TableSnapshot? {
        switch kind {
        case .create: return nil
        case .replace(let table, _, _, _), .resume(let table), .fresh(let table): return table
        }
    }
}

extension CopyPlanner {
    mutating func planTarget() -> TargetPlan? {
        switch job.destination {
        case .table(let name): return planFixedTarget(name)
        case .rotation(let rotation): return planGeneration(rotation)
        }
    }

    private mutating func planFixedTarget(_ name: String) -> TargetPlan? {
        guard let table = snapshot.tables[name] else {
            preconditions.append(.absentTable(name, region: region))
            return TargetPlan(name: name, kind: .create(refusal: creationRefusal(name)))
        }
        preconditions.append(.table(table, region: region))
        if table.status == "DELETING" {
            // Typically the copy an interrupted run was replacing: it will never be ACTIVE again,
            // so the copy is made anew once the name is free (the executor waits for that).
            notes.append("\(name) is being deleted; the restore waits until it is gone")
            return TargetPlan(name: name, kind: .create(refusal: creationRefusal(name)))
        }
        switch rules.ownership(of: table) {
        case .interrupted:
            return TargetPlan(name: name, kind: .resume(table))
        case .owned where isFresh(table):
            return TargetPlan(name: name, kind: .fresh(table))
        case .owned, .otherJob, .foreign:
            guard table.status == "ACTIVE" else {
                error("target table \(name) is \(table.status); plan again once it is ACTIVE", key: "target")
                return nil
            }
            let owner = table.tags?[OwnershipTag.job]
            let candidate = DeletionCandidate(
                kind: .table, name: name, job: job.name, owner: owner, adopt: job.replace == .adopt,
                deletionProtection: table.deletionProtection,
                jobEnablesDeletionProtection: job.deletionProtection == true)
            var refusal = Safeguards.refusal(for: candidate, in: context)
            if job.replace == .never {
                refusal =
                    "table \(name) exists and replace is false; set replace: true to let this job replace copies it "
                    + "made, or replace: adopt to take over a table dbcopy did not make"
            }
            return TargetPlan(
                name: name,
                kind: .replace(
                    table, adopt: owner == nil, disableDeletionProtection: table.deletionProtection, refusal: refusal))
        }
    }

    private mutating func planGeneration(_ rotation: RotationSpec) -> TargetPlan? {
        let naming = GenerationNaming(job: job, rotation: rotation, origin: origin.name)
        // Another apply that made a generation of this copy since (one this apply waited for
        // with --lock-timeout, or that ran between `plan --out` and `apply SAVED`) changes this.
        let known = (snapshot.tableNames ?? []).filter { naming.recognise($0) != nil }
        preconditions.append(.generations(pattern: naming.pattern, names: known, region: region))
        var owned: [TableSnapshot] = []
        var interrupted: [TableSnapshot] = []
        for name in (snapshot.tableNames ?? []).filter({ naming.recognise($0) != nil }).sorted() {
            guard let table = snapshot.tables[name] else { continue }
            // Going away (an interrupted prune): neither a copy to keep nor one to finish.
            if table.status == "DELETING" {
                notes.append("\(name) is being deleted")
                continue
            }
            switch rules.ownership(of: table) {
            case .owned: owned.append(table)
            case .interrupted: interrupted.append(table)
            case .otherJob(let other):
                warning(
                    "table \(name) is named like a generation but belongs to job \"\(other)\"; left alone",
                    key: "rotation")
            case .foreign:
                warning(
                    "table \(name) is named like a generation but was not made by dbcopy; left alone", key: "rotation")
            }
        }
        owned.sort { OwnershipRules.madeAt($0) > OwnershipRules.madeAt($1) }
        interrupted.sort { $0.createdAt > $1.createdAt }
        if let resumed = interrupted.first {
            preconditions.append(.table(resumed, region: region))
            for other in interrupted.dropFirst() {
                warning(
                    "table \(other.name) is from an older interrupted run; left alone (delete it by hand)",
                    key: "rotation")
            }
            return TargetPlan(name: resumed.name, kind: .resume(resumed), otherGenerations: owned)
        }
        if let newest = owned.first, isFresh(newest) {
            return TargetPlan(name: newest.name, kind: .fresh(newest), otherGenerations: Array(owned.dropFirst()))
        }
        let name = naming.name(timestamp: timestamp)
        guard Self.isValidName(name) else {
            error(
                "generation name \(name) is not a valid table name (3–255 characters of letters, digits, _ . -)",
                key: "rotation")
            return nil
        }
        guard snapshot.tables[name] == nil, !(snapshot.tableNames ?? []).contains(name) else {
            error("generation \(name) already exists (another apply in the same second?); plan again", key: "rotation")
            return nil
        }
        preconditions.append(.absentTable(name, region: region))
        return TargetPlan(name: name, kind: .create(refusal: creationRefusal(name)), otherGenerations: owned)
    }

    /// Made by this job less than `refresh` ago.
    private mutating func isFresh(_ table: TableSnapshot) -> Bool {
        guard let refresh = job.refresh else { return false }
        let age = now.timeIntervalSince(OwnershipRules.madeAt(table))
        guard age < TimeInterval(refresh.seconds) else { return false }
        notes.append("\(table.name) is fresh: made \(HumanFormat.age(age)) ago, refresh \(refresh.text)")
        return true
    }
}
