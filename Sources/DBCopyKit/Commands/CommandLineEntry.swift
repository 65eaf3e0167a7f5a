import ArgumentParser
import Foundation

/// Runs the `dbcopy` command tree and turns every outcome into one of the documented exit codes.
///
/// swift-argument-parser exits with 64 on usage errors; dbcopy documents 1 for all bad input,
/// so usage errors are printed the same way and mapped here, in one place.
public enum CommandLineEntry {
    public static func run(arguments: [String]? = nil) async {
        do {
            var command = try DBCopyCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = DBCopyCommand.exitCode(for: error)
            if code == .validationFailure {
                let message = DBCopyCommand.fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                DBCopyCommand.exit(withError: ExitCode(DBCopyExitCode.error.rawValue))
            }
            DBCopyCommand.exit(withError: error)
        }
    }
}
