import Foundation
import TestSupport
import Testing

@Suite("dbcopy schema")
struct SchemaCommandTests {
    @Test("dbcopy schema prints the schema file's bytes, exactly")
    func sameBytes() throws {
        let file = try Data(contentsOf: PackageLayout.root.appendingPathComponent("schemas/dbcopy-plan.schema.json"))
        let result = try ProcessRunner.dbcopy(["schema"])
        // Compared as bytes: if this fails after editing the schema, run scripts/embed-schema.
        #expect(
            Data(result.stdout.utf8) == file, "run scripts/embed-schema after editing schemas/dbcopy-plan.schema.json")
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test("the schema is draft-07, closed, and describes every property")
    func shape() throws {
        let data = try Data(contentsOf: PackageLayout.root.appendingPathComponent("schemas/dbcopy-plan.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(schema["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        var undescribed: [String] = []
        var open: [String] = []
        func walk(_ node: Any, _ path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    if object["additionalProperties"] as? Bool != false, path.hasSuffix("then") == false {
                        open.append(path)
                    }
                    for (name, property) in properties {
                        if let property = property as? [String: Any], property["description"] == nil {
                            undescribed.append("\(path)/\(name)")
                        }
                    }
                }
                for (key, value) in object { walk(value, "\(path)/\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { walk(value, "\(path)/\(index)") }
            }
        }
        walk(schema, "#")
        // Inside if/then, "properties" are conditions on keys declared (and described) elsewhere.
        let declared = undescribed.filter { !$0.contains("/if/") && !$0.contains("/then/") }
        #expect(declared.isEmpty, "properties without description: \(declared)")
        #expect(undescribed.count < 10, "the if/then exemption should stay small: \(undescribed)")
        // Conditional subschemas (if/then, allOf) only constrain objects already closed elsewhere.
        #expect(
            open.filter { !$0.contains("/if") && !$0.contains("/allOf") }.isEmpty,
            "objects open to unknown keys: \(open)")
    }
}
