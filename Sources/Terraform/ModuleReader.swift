// Reads one module directory: its `.tf` and `.tf.json` files parsed, override files merged in,
// declarations collected. Each directory is read once per load (modules called many times share it).

import IaCLintCore
import HCL

final class ModuleReader: @unchecked Sendable {
    private var cache: [String: ModuleConfiguration] = [:]
    let readFile: @Sendable (String) -> Result<[UInt8], FileError>
    /// Total bytes of configuration parsed (for throughput figures).
    private(set) var bytesRead = 0

    init(readFile: @escaping @Sendable (String) -> Result<[UInt8], FileError>) {
        self.readFile = readFile
    }

    static func isConfigurationFile(_ name: String) -> Bool {
        (name.hasSuffix(".tf") || name.hasSuffix(".tf.json")) && !name.hasPrefix(".")
    }

    /// The configuration files of a directory, or nil when it has none.
    static func configurationFiles(in directory: String) -> [String]? {
        guard case .success(let names) = FileSystem.list(directory) else { return nil }
        // Anything but a directory is kept, so a FIFO or a looping link is reported when read, not skipped.
        let files = names.filter { name in
            guard isConfigurationFile(name), let kind = FileSystem.kind(Path.join(directory, name)) else { return false }
            return kind == .symlink ? FileSystem.kind(Path.join(directory, name), followLinks: true) != .directory : kind != .directory
        }
        return files.isEmpty ? nil : files
    }

    /// The module in `directory` (as the user sees it), read and cached.
    func module(at directory: String) -> ModuleConfiguration {
        let key = Path.normalize(directory)
        if let cached = cache[key] { return cached }
        let config = ModuleConfiguration(directory: key)
        cache[key] = config
        guard let names = ModuleReader.configurationFiles(in: key) else {
            config.diagnostics.append(.error("module directory \(key) has no .tf or .tf.json files", at: nil))
            return config
        }
        var primary: [Body] = []
        var overrides: [Body] = []
        for name in names {
            let path = key == "." ? name : Path.join(key, name)
            let bytes: [UInt8]
            switch readFile(path) {
            case .success(let b): bytes = b
            case .failure(let e):
                config.diagnostics.append(.error("cannot read \(path): \(e.message)", at: SourceRange(file: path, at: .start)))
                continue
            }
            bytesRead += bytes.count
            config.byteCount += bytes.count
            let body: Body
            if name.hasSuffix(".json") {
                let (b, diags) = JSONSyntaxReader.read(bytes, path: path)
                body = b
                config.diagnostics += diags
            } else {
                let file = HCLParser.parse(bytes, path: path)
                body = file.body
                config.diagnostics += file.diagnostics
            }
            if OverrideMerge.isOverrideFile(name) { overrides.append(body) } else { primary.append(body) }
        }
        guard var merged = primary.first else {
            for o in overrides { config.add(o) }
            return config
        }
        for b in primary.dropFirst() {
            merged.attributes += b.attributes
            merged.blocks += b.blocks
        }
        for o in overrides { merged = OverrideMerge.apply(o, to: merged, diagnostics: &config.diagnostics) }
        config.add(merged)
        return config
    }
}
