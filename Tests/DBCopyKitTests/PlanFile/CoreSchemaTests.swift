import Testing

@testable import DBCopyKit

@Suite("YAML 1.2 core schema: plain scalars resolve as a JSON Schema validator reads them")
struct CoreSchemaTests {
    @Test(
        "booleans are only true and false in their three spellings",
        arguments: [
            ("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
        ])
    func booleans(text: String, value: Bool) {
        #expect(CoreSchema.resolve(text) == .bool(value))
    }

    @Test("YAML 1.1 booleans stay strings", arguments: ["yes", "no", "on", "off", "y", "n", "Yes", "OFF"])
    func yaml11WordsAreStrings(text: String) {
        #expect(CoreSchema.resolve(text) == .string(text))
    }

    @Test(
        "integers: decimal with sign, 0o octal, 0x hex; leading zeros are decimal",
        arguments: [("42", 42), ("-7", -7), ("+3", 3), ("0o17", 15), ("0x1F", 31), ("010", 10)])
    func integers(text: String, value: Int) {
        #expect(CoreSchema.resolve(text) == .int(value))
    }

    @Test("an integer too large for Int is still an integer (reported as out of range, not as text)")
    func overflow() {
        #expect(CoreSchema.resolve("99999999999999999999") == .int(nil))
    }

    @Test("floats", arguments: [("1.5", 1.5), (".5", 0.5), ("1e3", 1000), ("-2.5E-1", -0.25), ("1.", 1)])
    func floats(text: String, value: Double) {
        #expect(CoreSchema.resolve(text) == .float(value))
    }

    @Test("null spellings", arguments: ["", "~", "null", "Null", "NULL"])
    func nulls(text: String) {
        #expect(CoreSchema.resolve(text) == .null)
    }

    @Test(
        "strings that other schemas would turn into something else",
        arguments: ["2026-11-20", "0b101", "1_000", "12:30", "0o8", "0x", ".", "-", "1e", "eu-west-1", "<<"])
    func strings(text: String) {
        #expect(CoreSchema.resolve(text) == .string(text))
    }

    @Test("a quoted scalar is always a string")
    func quoted() {
        #expect(YAMLScalar(text: "true", style: .quoted).resolved == .string("true"))
        #expect(YAMLScalar(text: "3", style: .quoted).resolved == .string("3"))
        #expect(YAMLScalar(text: "3", style: .plain).resolved == .int(3))
    }
}
