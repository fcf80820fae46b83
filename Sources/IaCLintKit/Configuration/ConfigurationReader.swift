// Reads `.iaclint.yml` through the positioned YAML reader; every unknown key or bad value is an
// error naming its line, so a typo never silently changes what is checked.

import IaCLintCore
import YAML

public enum ConfigurationReader {
    public static let fileNames = [".iaclint.yml", ".iaclint.yaml"]
    public static let keys = ["rules", "exclude", "account-role", "var-files", "vars", "fail-on"]

    /// Reads and validates a configuration file. `knownRules` are the rule ids a `rules:` entry may
    /// name; empty accepts any id.
    public static func read(_ path: String, knownRules: Set<String>) -> Result<Configuration, ConfigurationError> {
        switch FileSystem.read(path, limit: 1 << 20) {
        case .failure(let error): return .failure(ConfigurationError(error.message, file: path, at: nil))
        case .success(let bytes): return parse(bytes, path: path, knownRules: knownRules)
        }
    }

    public static func parse(_ bytes: [UInt8], path: String, knownRules: Set<String>) -> Result<Configuration, ConfigurationError> {
        let document = YAMLReader.parse(bytes, path: path, limits: YAMLLimits(maxNodes: 100_000, maxDepth: 32))
        if let problem = document.diagnostics.first(where: { $0.severity == .error }) {
            return .failure(ConfigurationError(problem.message, file: path, at: problem.range))
        }
        var config = Configuration(path: path)
        guard let root = document.root, !root.isNull else { return .success(config) }
        do {
            guard let entries = root.entries else { throw ConfigurationError("the configuration must be a mapping of settings", file: path, at: root.range) }
            var seen: Set<String> = []
            for (key, value) in entries {
                guard let name = key.scalar else { throw ConfigurationError("keys must be plain names", file: path, at: key.range) }
                guard seen.insert(name).inserted else { throw ConfigurationError("'\(name)' is set twice", file: path, at: key.range) }
                switch name {
                case "rules": try readRules(value, into: &config, knownRules: knownRules, path: path)
                case "exclude": config.excludes = try strings(value, name, path)
                case "var-files": config.varFiles = try strings(value, name, path)
                case "vars": config.vars = try variables(value, path)
                case "account-role":
                    switch value.scalar {
                    case "external": config.accountRoleExternal = true
                    case "in-repo": config.accountRoleExternal = false
                    default: throw ConfigurationError("account-role must be 'external' or 'in-repo'", file: path, at: value.range)
                    }
                case "fail-on":
                    guard let text = value.scalar, let level = FailLevel(rawValue: text) else {
                        throw ConfigurationError("fail-on must be one of error, warning, note, never", file: path, at: value.range)
                    }
                    config.failOn = level
                default:
                    throw ConfigurationError("unknown key '\(name)'; expected one of \(keys.joined(separator: ", "))", file: path, at: key.range)
                }
            }
        } catch let error as ConfigurationError {
            return .failure(error)
        } catch {
            return .failure(ConfigurationError("\(error)", file: path, at: nil))
        }
        return .success(config)
    }

    /// `rules: {APIGW007: off, APIGW003: {severity: warning}, APIGW001: on}`.
    static func readRules(_ node: YAMLNode, into config: inout Configuration, knownRules: Set<String>, path: String) throws {
        guard let entries = node.entries else { throw ConfigurationError("rules must be a mapping of rule ids to off, on or {severity: ...}", file: path, at: node.range) }
        for (key, value) in entries {
            guard let id = key.scalar?.uppercased(), !id.isEmpty else { throw ConfigurationError("rule ids must be plain names", file: path, at: key.range) }
            if !knownRules.isEmpty, !knownRules.contains(id) {
                throw ConfigurationError("unknown rule '\(key.scalar ?? "")'; run `iaclint rules` for the list", file: path, at: key.range)
            }
            if let text = value.scalar {
                switch text {
                case "off", "false", "disabled": config.disabledRules.insert(id)
                case "on", "true", "enabled": config.disabledRules.remove(id)
                default:
                    if let severity = Severity(rawValue: text) {
                        config.severityOverrides[id] = severity
                    } else {
                        throw ConfigurationError("rule '\(id)' must be off, on, error, warning, note or {severity: ...}", file: path, at: value.range)
                    }
                }
                continue
            }
            guard let settings = value.entries else { throw ConfigurationError("rule '\(id)' must be off, on or {severity: ...}", file: path, at: value.range) }
            for (settingKey, setting) in settings {
                switch settingKey.scalar {
                case "severity":
                    guard let text = setting.scalar, let severity = Severity(rawValue: text) else {
                        throw ConfigurationError("severity must be error, warning or note", file: path, at: setting.range)
                    }
                    config.severityOverrides[id] = severity
                case "enabled":
                    switch setting.scalar {
                    case "true": config.disabledRules.remove(id)
                    case "false": config.disabledRules.insert(id)
                    default: throw ConfigurationError("enabled must be true or false", file: path, at: setting.range)
                    }
                default:
                    throw ConfigurationError("unknown rule setting '\(settingKey.scalar ?? "")'; expected severity or enabled", file: path, at: settingKey.range)
                }
            }
        }
    }

    static func strings(_ node: YAMLNode, _ name: String, _ path: String) throws -> [String] {
        if let single = node.scalar, !node.isNull { return [single] }
        guard let items = node.items else { throw ConfigurationError("\(name) must be a list of strings", file: path, at: node.range) }
        return try items.map { item in
            guard let text = item.scalar, !item.isNull else { throw ConfigurationError("\(name) entries must be strings", file: path, at: item.range) }
            return text
        }
    }

    static func variables(_ node: YAMLNode, _ path: String) throws -> [String: String] {
        guard let entries = node.entries else { throw ConfigurationError("vars must be a mapping of variable names to values", file: path, at: node.range) }
        var out: [String: String] = [:]
        for (key, value) in entries {
            guard let name = key.scalar else { throw ConfigurationError("variable names must be plain names", file: path, at: key.range) }
            guard let text = value.scalar else {
                throw ConfigurationError("variable '\(name)' must be a scalar; write lists and maps as a Terraform expression string", file: path, at: value.range)
            }
            out[name] = text
        }
        return out
    }

    /// The configuration file for a scanned path: the nearest `.iaclint.yml` in its directory or a
    /// parent, stopping at the repository root (the directory holding `.git`).
    public static func find(from scannedPath: String) -> String? {
        let absolute = scannedPath.hasPrefix("/") ? scannedPath : Path.join(FileSystem.currentDirectory(), scannedPath)
        var directory = Path.normalize(absolute)
        if FileSystem.kind(directory, followLinks: true) != .directory { directory = Path.directory(of: directory) }
        for _ in 0..<256 {
            for name in fileNames {
                let candidate = Path.join(directory, name)
                if FileSystem.kind(candidate, followLinks: true) == .regular { return candidate }
            }
            if FileSystem.kind(Path.join(directory, ".git"), followLinks: true) != nil || directory == "/" { return nil }
            directory = Path.directory(of: directory)
        }
        return nil
    }

    /// The repository root above a path (the nearest directory holding `.git`), absolute.
    public static func repositoryRoot(from path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : Path.join(FileSystem.currentDirectory(), path)
        var directory = Path.normalize(absolute)
        if FileSystem.kind(directory, followLinks: true) != .directory { directory = Path.directory(of: directory) }
        for _ in 0..<256 {
            if FileSystem.kind(Path.join(directory, ".git"), followLinks: true) != nil { return directory }
            if directory == "/" { return nil }
            directory = Path.directory(of: directory)
        }
        return nil
    }
}
