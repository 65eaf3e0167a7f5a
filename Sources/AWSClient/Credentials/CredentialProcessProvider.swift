import Foundation

/// A profile's `credential_process`: runs the command (split like a shell would, but without
/// one, as the AWS CLI does) and reads its JSON answer:
/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`.
/// The command's output holds secrets: no error message ever quotes it.
public struct CredentialProcessProvider: CredentialProvider {
    public let command: String
    public let profileName: String

    public init(command: String, profileName: String) {
        self.command = command
        self.profileName = profileName
    }

    /// The JSON the process prints (PascalCase keys, mapped by the AWS JSON key strategy).
    struct Output: Decodable {
        let version: Int
        let accessKeyId: String
        let secretAccessKey: String
        let sessionToken: String?
        let expiration: String?
    }

    public func credentials() async throws -> Credentials {
        let arguments = try CommandLineSplitter.split(command)
        guard let executable = arguments.first else {
            throw CredentialError("profile \(profileName): credential_process is empty")
        }
        let result = try await ChildProcess.run(executable: executable, arguments: Array(arguments.dropFirst()))
        let context = "profile \(profileName): credential_process \(executable)"
        guard result.status == 0 else {
            let reason = result.stderrTail.isEmpty ? "" : ": \(result.stderrTail)"
            throw CredentialError("\(context) exited with status \(result.status)\(reason)")
        }
        guard let output = try? AWSJSONCoding.decoder.decode(Output.self, from: result.stdout) else {
            throw CredentialError("\(context) did not print the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard output.version == 1 else {
            throw CredentialError("\(context) printed Version \(output.version); only 1 is supported")
        }
        var expiration: Date?
        if let text = output.expiration {
            guard let parsed = TimestampParsing.iso8601(text) else {
                throw CredentialError("\(context) printed an Expiration that is not an ISO 8601 timestamp")
            }
            expiration = parsed
        }
        return Credentials(
            accessKeyID: output.accessKeyId, secretAccessKey: output.secretAccessKey, sessionToken: output.sessionToken,
            expiration: expiration)
    }
}

/// Splits a command line into words: whitespace separates, single and double quotes group,
/// backslash escapes (outside single quotes). No variables, globs or pipes.
enum CommandLineSplitter {
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else {
            throw CredentialError("credential_process has an unterminated quote or escape")
        }
        if inWord { words.append(current) }
        return words
    }
}
