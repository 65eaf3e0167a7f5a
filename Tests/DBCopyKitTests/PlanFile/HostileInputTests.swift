import Foundation
import Testing

@testable import DBCopyKit

@Suite("Hostile input: a clear error at file:line:column, never a crash or a hang")
struct HostileInputTests {
    @Test("an alias bomb (10^9 nodes if expanded) is refused at once, without expanding it")
    func aliasBomb() {
        var text = "version: 1\ndefaults:\n  tags:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let name = String(UnicodeScalar(UInt8(97 + level)))
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            text +=
                "    \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "jobs: []\n"
        let clock = ContinuousClock()
        var result: PlanLoadResult?
        let elapsed = clock.measure { result = loadPlan(text) }
        // Expanding this bomb would take hours; the bound only tells "refused" from "expanded".
        #expect(elapsed < .seconds(20))
        let lines = result?.diagnostics.map(\.description) ?? []
        // One error per kind with a count of the rest, plus each node's own type error: a short report.
        #expect(lines.count == 15)
        #expect(
            lines.contains(
                "plan.yaml:4:8: error: YAML anchors (&a) are not allowed in plan files; put settings shared by jobs under 'defaults' instead"
            ))
        #expect(lines.contains("plan.yaml:4:8: error: 9 more YAML anchors after this one; remove them all"))
        #expect(
            lines.contains(
                "plan.yaml:5:12: error: YAML aliases (*a) are not allowed in plan files; if you meant a glob, quote it (\"*a\")"
            ))
        #expect(lines.contains("plan.yaml:5:12: error: 89 more YAML aliases after this one; remove them all"))
    }

    @Test("files over 1 MiB are refused before parsing; exactly 1 MiB is read")
    func size() throws {
        let limit = PlanFileBytes.maximumSize
        let over = Data(repeating: UInt8(ascii: "#"), count: limit + 1)
        #expect(
            PlanLoader.load(data: over, path: "big.yaml").diagnostics.map(\.description) == [
                "big.yaml: error: the plan file is 1048577 bytes; plan files may be at most 1048576 bytes (1 MiB): "
                    + "split it, or share settings through defaults"
            ])
        let exactly = Data(repeating: UInt8(ascii: "#"), count: limit)
        #expect(
            PlanLoader.load(data: exactly, path: "big.yaml").diagnostics.first?.message.hasPrefix(
                "the plan file is empty") == true)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dbcopy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.yaml")
        try over.write(to: file)
        #expect(
            PlanLoader.load(path: file.path).diagnostics.first?.message.hasPrefix("the plan file is 1048577 bytes")
                == true)
        #expect(
            PlanLoader.load(path: folder.path).diagnostics.map(\.message) == [
                "is a folder, not a plan file; pass the plan file's path"
            ])
    }

    @Test("bytes that are not UTF-8 are reported where they are; UTF-16 is not UTF-8")
    func encoding() {
        let bad = PlanLoader.load(data: Data("version: 1\njobs: [é".utf8) + Data([0xC3, 0x28]), path: "plan.yaml")
        #expect(
            bad.diagnostics.map(\.description) == [
                "plan.yaml:2:9: error: the file is not UTF-8 text (byte 0xC3 cannot start or continue a character here); "
                    + "save the plan file as UTF-8"
            ])
        let utf16 = PlanLoader.load(data: Data([0xFF, 0xFE, 0x76, 0x00]), path: "plan.yaml")
        #expect(
            utf16.diagnostics.map(\.description).first?.hasPrefix(
                "plan.yaml:1:1: error: the file is not UTF-8 text (byte 0xFF") == true)
    }

    @Test("tabs in YAML indentation are named; JSON may use tabs")
    func tabs() {
        #expect(
            diagnosticLines("version: 1\njobs:\n\t- name: a\n\t  origin: b\n") == [
                "plan.yaml:3:1: error: this line is indented with a tab (1 more line too); YAML indentation must use spaces"
            ])
        #expect(
            diagnosticLines("a: 1\r\nb:\r\n\t- c\r\n").first?.hasPrefix(
                "plan.yaml:3:1: error: this line is indented with a tab") == true)
        #expect(
            loadPlan(
                "{\n\t\"version\": 1,\n\t\"jobs\": [{\"name\": \"a\", \"origin\": \"bbb\", \"target\": \"ccc\"}]\n}\n"
            ).document != nil)
    }

    @Test(
        "empty files, other top levels, several documents",
        arguments: [
            (
                "",
                "plan.yaml:1:1: error: the plan file is empty; it needs version: 1 and a list of jobs (dbcopy schema prints the format)"
            ),
            (
                "  \n# only a comment\n",
                "plan.yaml:1:1: error: the plan file is empty; it needs version: 1 and a list of jobs (dbcopy schema prints the format)"
            ),
            (
                "- a\n",
                "plan.yaml:1:1: error: the top level of a plan file must be a mapping with version: 1 and jobs; got a list"
            ),
            (
                "just text\n",
                "plan.yaml:1:1: error: the top level of a plan file must be a mapping with version: 1 and jobs; got 'just text'"
            ),
            (
                "a: 1\n---\nb: 2\n",
                "plan.yaml:2:1: error: a second YAML document starts here; a plan file holds exactly one document (remove this '---' and what follows, or put it in its own file)"
            ),
        ])
    func shapes(text: String, expected: String) {
        #expect(diagnosticLines(text) == [expected])
    }

    @Test("syntax errors carry libyaml's problem and position")
    func syntax() {
        #expect(
            diagnosticLines("version: 1\njobs: [\n  {name: \"a}\n") == [
                "plan.yaml:4:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at 3:10); "
                    + "check the indentation, the quoting and the brackets around here"
            ])
        #expect(
            diagnosticLines("a: b\nc: é\u{0}\n") == [
                "plan.yaml:2:5: error: the file contains the control character U+0000; plan files are text: remove it"
            ])
        // NEL (U+0085) is allowed, and a line break, as libyaml counts lines.
        #expect(
            diagnosticLines("a: \u{85}\u{9F}\n") == [
                "plan.yaml:2:1: error: the file contains the control character U+009F; plan files are text: remove it"
            ])
    }

    @Test("deep nesting stops at 64 levels, fast")
    func deepNesting() {
        let clock = ContinuousClock()
        var lines: [String] = []
        let elapsed = clock.measure { lines = diagnosticLines(String(repeating: "[", count: 500_000)) }
        #expect(elapsed < .seconds(20))
        #expect(
            lines == [
                "plan.yaml:1:65: error: nesting is deeper than 64 levels; plan files nest at most 5 levels "
                    + "(top level, jobs, a job, indexes, an index's capacity)"
            ])
    }

    @Test("explicit tags are refused, as are non-string keys")
    func tagsAndKeys() {
        #expect(
            diagnosticLines(oneJob("    region: !!str eu-west-1\n    [a]: b\n")) == [
                "plan.yaml:6:13: error: explicit YAML tags (tag:yaml.org,2002:str) are not allowed in plan files; "
                    + "write plain values, and quote a value to make it a string",
                "plan.yaml:7:5: error: keys in 'a job' must be names; got a list",
            ])
    }
}
