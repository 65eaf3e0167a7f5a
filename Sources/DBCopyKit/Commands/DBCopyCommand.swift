import ArgumentParser

/// `dbcopy`: copies DynamoDB tables the declarative way.
public struct DBCopyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dbcopy",
        abstract:
            "Copy DynamoDB tables the declarative way: a reviewed plan file, a Terraform-style plan, a safe apply.",
        version: DBCopyVersion.current,
        subcommands: [ValidateCommand.self, PlanCommand.self, ApplyCommand.self, SchemaCommand.self]
    )

    public init() {}
}

/// The version printed by `--version` and sent in the User-Agent.
public enum DBCopyVersion {
    public static let current = "0.1.0"
    public static var userAgent: String { "dbcopy/\(current)" }
}
