import ArgumentParser

/// `dbcopy schema` (not implemented yet).
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("dbcopy schema is not implemented yet")
    }
}
