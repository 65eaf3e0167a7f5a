import Foundation

/// The shared `config` and `credentials` files, read once per session.
///
/// Locations: `AWS_CONFIG_FILE` (default `~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE`
/// (default `~/.aws/credentials`). A missing file is an empty one.
public struct SharedConfig: Sendable {
    let config: INIFile
    let credentials: INIFile
    public let configPath: String
    public let credentialsPath: String

    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func path(_ variable: String, _ fallback: String) -> String {
            let chosen = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            return chosen.hasPrefix("~/") ? home + chosen.dropFirst(1) : chosen
        }
        configPath = path("AWS_CONFIG_FILE", home + "/.aws/config")
        credentialsPath = path("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials")
        config = INIFile(parsing: (try? String(contentsOfFile: configPath, encoding: .utf8)) ?? "")
        credentials = INIFile(parsing: (try? String(contentsOfFile: credentialsPath, encoding: .utf8)) ?? "")
    }

    /// The named profile: `[profile NAME]` (or `[default]`) in config, `[NAME]` in credentials.
    /// `nil` when neither file has it.
    public func profile(_ name: String) -> Profile? {
        let fromConfig = config["profile \(name)"] ?? (name == "default" ? config["default"] : nil)
        let fromCredentials = credentials[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        return Profile(name: name, config: fromConfig ?? [:], credentials: fromCredentials ?? [:])
    }

    /// A `[services NAME]` section: per-service settings such as `dynamodb.endpoint_url`.
    func services(_ name: String) -> [String: String] { config["services \(name)"] ?? [:] }
}

/// One profile's settings from both files.
public struct Profile: Sendable, Equatable {
    public let name: String
    /// Keys from the config file's section.
    public let config: [String: String]
    /// Keys from the credentials file's section.
    public let credentials: [String: String]

    /// A setting from either file; the credentials file wins, as in the AWS CLI.
    public subscript(key: String) -> String? {
        let value = credentials[key] ?? config[key]
        return value?.isEmpty == false ? value : nil
    }

    /// Static keys from one file's section (`aws_access_key_id`, `aws_secret_access_key`,
    /// `aws_session_token`), or `nil` when that section has none.
    func staticCredentials(from section: [String: String]) throws -> Credentials? {
        let keyID = section["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = section["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyID, secret) {
        case (nil, nil): return nil
        case (let keyID?, let secret?):
            let token = section["aws_session_token"] ?? section["aws_security_token"]
            return Credentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil)
        default:
            throw CredentialError("profile \(name) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }
}

/// The AWS CLI's INI dialect for `config` and `credentials`: `[section]` headers, `key = value`
/// lines, `#` and `;` comments, and indented sub-properties under a key with an empty value
/// (`dynamodb =` then `  endpoint_url = …`), stored as `dynamodb.endpoint_url`.
///
/// Lines that fit none of these are skipped, as the AWS CLI does for stray text inside a section.
struct INIFile: Sendable, Equatable {
    /// Section name exactly as written between the brackets (`profile dev`, `default`, `services x`).
    private(set) var sections: [String: [String: String]] = [:]

    init(parsing text: String) {
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current = name
                parentKey = nil
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An inline comment needs whitespace before it, so `#` inside a value survives.
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if indented, let parent = parentKey {
                sections[section]?["\(parent).\(key)"] = value
            } else {
                sections[section]?[key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
    }

    subscript(section: String) -> [String: String]? { sections[section] }
}
