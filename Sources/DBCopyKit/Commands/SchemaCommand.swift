import ArgumentParser
import Foundation

/// `dbcopy schema`: prints the plan file JSON Schema, the same bytes as
/// `schemas/dbcopy-plan.schema.json` (embedded in the binary, so it works from anywhere).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the plan file JSON Schema (draft-07) for editors and CI.",
        discussion: "Save it next to your plans, or point an editor at it: # yaml-language-server: $schema=PATH")

    func run() throws {
        FileHandle.standardOutput.write(Data(PlanSchema.json.utf8))
    }
}
