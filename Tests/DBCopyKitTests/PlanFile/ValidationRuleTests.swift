import Testing

@testable import DBCopyKit

/// Rules beyond the fixture corpus (Tests/Fixtures/plans, checked by IntegrationTests), each
/// with its exact message and position.
@Suite("Validation rules: exact messages at exact positions")
struct ValidationRuleTests {
    @Test("misspelt keys get the closest key; camelCase and hyphens are recognised")
    func didYouMean() {
        #expect(
            diagnosticLines(
                oneJob("    backupName: x-{timestamp}\n    wait-timeout: 1h\n    capcaity: {read: 1, write: 1}\n")) == [
                    "plan.yaml:6:5: error: unknown key 'backupName' in a job (did you mean 'backup_name'?)",
                    "plan.yaml:7:5: error: unknown key 'wait-timeout' in a job (did you mean 'wait_timeout'?)",
                    "plan.yaml:8:5: error: unknown key 'capcaity' in a job (did you mean 'capacity'?)",
                ])
        #expect(
            diagnosticLines(oneJob("    capacity: {read: 1, write: 1, burst: 2}\n")) == [
                "plan.yaml:6:35: error: unknown key 'burst' in 'capacity'; allowed keys: read, write"
            ])
        #expect(KeySuggestion.closest(to: "colour", in: JobFields.keys) == nil)
    }

    @Test("a duplicate key names the first; the first value is the one kept")
    func duplicateKeys() throws {
        let text = oneJob("    billing: provisioned\n    billing: on-demand\n")
        #expect(
            diagnosticLines(text) == [
                "plan.yaml:7:5: error: duplicate key 'billing' (first written at 6:5); each key may appear once in a mapping"
            ])
    }

    @Test("values of the wrong YAML type say what they were read as and how to write them")
    func types() {
        #expect(
            diagnosticLines(
                oneJob("    region: 12\n    tags: {on: yes, count: 3.5}\n    point_in_time_recovery: \"true\"\n")) == [
                    "plan.yaml:6:13: error: 'region' is read as the number 12, not a string; expected an AWS region such as "
                        + "eu-west-1: quote it to keep it as text (\"12\")",
                    "plan.yaml:7:28: error: 'tags.count' is read as the number 3.5, not a string; expected a text value: "
                        + "quote it to keep it as text (\"3.5\")",
                    "plan.yaml:8:29: error: 'point_in_time_recovery' must be true or false; got the string \"true\"",
                ])
        // Integral floats are whole numbers, as for JSON Schema's integer.
        #expect(
            loadPlan(oneJob("    capacity: {read: 3.0, write: 1e1}\n")).document?.jobs[0].capacity
                == Capacity(read: 3, write: 10))
        #expect(loadPlan("version: 1.0\n" + oneJob().dropFirst(11)).document != nil)
        #expect(
            diagnosticLines(oneJob("    capacity: {read: 99999999999999999999, write: 1}\n")) == [
                "plan.yaml:6:22: error: 'capacity.read' must be a whole number from 1 to 40000; got 99999999999999999999"
            ])
    }

    @Test("origin, source and rotation shapes")
    func shapes() {
        #expect(
            diagnosticLines(
                "version: 1\njobs:\n  - name: a\n    origin: {table: x1x, match: y}\n    target: a_copy\n"
                    + "  - name: b\n    origin: clients\n    source: {backup_arn: \"arn:aws:s3:::bucket\"}\n    target: b_copy\n"
                    + "  - name: c\n    origin: orders\n    rotation: {pattern: x, keep: 1}\n") == [
                    "plan.yaml:4:13: error: 'origin' takes exactly one of table or match; got 2 keys",
                    "plan.yaml:8:26: error: 'source.backup_arn' must be a backup ARN "
                        + "(arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE/backup/ID); got 'arn:aws:s3:::bucket'",
                    "plan.yaml:12:15: error: 'rotation.pattern' needs 'rotation.replacement': the text replacing each match "
                        + "($0 is the whole match)",
                ])
        #expect(
            diagnosticLines(
                oneJob(
                    "    backup_name: \"x-{job\"\n    rotation: {name: \"a{timestamp}\", pattern: x, replacement: y, keep: 1}\n",
                    target: nil)) == [
                    "plan.yaml:5:18: error: 'backup_name' '{' is not closed; placeholders are written {name}",
                    "plan.yaml:6:15: error: 'rotation' takes either name or pattern and replacement, not both",
                ])
    }

    @Test("rotation names as far as they are known offline")
    func rotationNames() {
        #expect(
            diagnosticLines(
                oneJob("    rotation: {pattern: \"-prod$\", replacement: \"-copy\", keep: 1}\n", target: nil)) == [
                    "plan.yaml:5:16: warning: 'rotation.pattern' does not match the origin 'clients', so generations are named "
                        + "clients-TIMESTAMP; check the pattern"
                ])
        #expect(
            diagnosticLines(oneJob("    rotation: {pattern: \"^.*$\", replacement: \"a\", keep: 1}\n", target: nil))
                .isEmpty)
        #expect(
            diagnosticLines(oneJob("    rotation: {pattern: \"s\", replacement: \"a b\", keep: 1}\n", target: nil)) == [
                "plan.yaml:5:43: error: 'rotation.replacement' contains a space, which is not allowed in a table name; "
                    + "allowed: a-z A-Z 0-9 _ . - and $0…$9 for the match and its groups"
            ])
    }

    @Test("targets in different regions do not collide; a job without region might be in any")
    func regions() {
        let twoRegions =
            "version: 1\njobs:\n  - name: a\n    region: eu-west-1\n    origin: clients\n    target: clients_copy\n"
            + "  - name: b\n    region: us-east-1\n    origin: clients\n    target: clients_copy\n"
        #expect(diagnosticLines(twoRegions).isEmpty)
        #expect(
            diagnosticLines(twoRegions.replacingOccurrences(of: "    region: us-east-1\n", with: "")) == [
                "plan.yaml:9:5: error: target 'clients_copy' is also the target of job 'a' (6:5); "
                    + "each table can be the target of one job"
            ])
    }

    @Test("SSM parameters: a match job's {origin} name against a fixed name; two match jobs with one template")
    func ssmCollisions() {
        let text =
            "version: 1\njobs:\n  - name: a\n    origin: orders-prod\n    target: orders_copy\n    ssm_parameter: /copies/orders-prod\n"
            + "  - name: b\n    origin: {match: \"-prod$\"}\n    rotation: {pattern: \"-prod$\", replacement: \"-b\", keep: 1}\n"
            + "    ssm_parameter: /copies/{origin}\n"
            + "  - name: c\n    origin: {match: \"^x\"}\n    rotation: {pattern: \"^x\", replacement: \"y\", keep: 1}\n"
            + "    ssm_parameter: /copies/{origin}\n"
        #expect(
            diagnosticLines(text) == [
                "plan.yaml:10:5: error: 'ssm_parameter' for table 'orders-prod' (matched by origin pattern '-prod$') is "
                    + "'/copies/orders-prod', also written by job 'a' (6:5); each parameter can be written by one job",
                "plan.yaml:14:5: warning: 'ssm_parameter' renders like that of job 'b' (10:5); a table both origin "
                    + "patterns match would have two copies writing one parameter",
            ])
    }

    @Test("tags: AWS limits and reserved prefixes")
    func tagRules() {
        #expect(
            diagnosticLines(
                oneJob("    tags: {\"dbcopy:job\": x, \"bad!\": y, ok: \"\(String(repeating: "v", count: 257))\"}\n"))
                == [
                    "plan.yaml:6:12: error: tag key 'dbcopy:job' uses a reserved prefix (aws: belongs to AWS, dbcopy: to "
                        + "dbcopy's own tags); choose a key without it",
                    "plan.yaml:6:29: error: tag key 'bad!' contains '!'; allowed: letters, digits, spaces and _ . : / = + - @",
                    "plan.yaml:6:44: error: the value of tag 'ok' has 257 characters; allowed: at most 256",
                ])
    }

    @Test("tags: at most 47 once the defaults' tags are merged in")
    func tagCountAfterMerge() {
        let defaults = (1...40).map { "t\($0): v" }.joined(separator: ", ")
        let own = (38...47).map { "t\($0): v" }.joined(separator: ", ")
        let text =
            "version: 1\ndefaults:\n  tags: {\(defaults)}\njobs:\n  - name: copy\n    origin: clients\n"
            + "    target: clients_copy\n    tags: {\(own)}\n"
        #expect(diagnosticLines(text).isEmpty)
        #expect(
            diagnosticLines(text.replacingOccurrences(of: "t47: v}", with: "t47: v, t48: v}")) == [
                "plan.yaml:8:5: error: this job has 48 tags with those from defaults; allowed: at most 47 (AWS allows 50, dbcopy uses 3)"
            ])
    }

    @Test("a backup ARN of another table than the origin is a warning")
    func backupOfAnotherTable() {
        let arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/old-clients/backup/01700000000000-abcdef12"
        #expect(
            diagnosticLines(oneJob("    source: {backup_arn: \"\(arn)\"}\n")) == [
                "plan.yaml:6:14: warning: 'source.backup_arn' is a backup of 'old-clients', not of the origin 'clients'; "
                    + "dbcopy restores it as the copy of 'clients'"
            ])
    }
}
