import ArgumentParser

/// `dbcopy plan` (not implemented yet).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("dbcopy plan is not implemented yet")
    }
}
