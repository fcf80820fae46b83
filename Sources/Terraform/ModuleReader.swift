// Reads one module directory: its `.tf` and `.tf.json` files parsed, override files merged in,
// declarations collected. Each directory is read once per load (modules called many times share it).

import IaCLintCore
import HCL
#if canImport(Glibc)
import Glibc
#endif

final class ModuleReader: @unchecked Sendable {
    /// By `PathKey`, as are the listings: hashed once per look-up by bytes, not by SipHash.
    private var cache: [PathKey: ModuleConfiguration] = [:]
    let readFile: @Sendable (String) -> Result<[UInt8], FileError>
    /// Total bytes of configuration parsed (for throughput figures).
    private(set) var bytesRead = 0
    /// CPU seconds spent reading and parsing module files, so evaluation can be timed apart.
    private(set) var parseSeconds = 0.0

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    let workingDirectory: String

    /// Listings made before the load (`TerraformOptions.knownDirectoryEntries`), by absolute path.
    private let knownEntries: [String: [DirectoryEntry]]

    init(readFile: @escaping @Sendable (String) -> Result<[UInt8], FileError>, workingDirectory: String,
         knownEntries: [String: [DirectoryEntry]] = [:]) {
        self.readFile = readFile
        self.workingDirectory = workingDirectory
        self.knownEntries = knownEntries
    }

    /// A user-relative path made absolute for system calls.
    func absolute(_ path: String) -> String { Path.join(workingDirectory, path) }

    static func isConfigurationFile(_ name: String) -> Bool {
        // ASCII names (nearly all) by their bytes: `hasSuffix` and `hasPrefix` compare Characters,
        // a few hundred instructions a name for every entry of every module directory listed.
        if let ascii = name.utf8.withContiguousStorageIfAvailable(isConfigurationFileASCII), let known = ascii { return known }
        return (name.hasSuffix(".tf") || name.hasSuffix(".tf.json")) && !name.hasPrefix(".")
    }

    /// `isConfigurationFile` on an ASCII name's bytes; nil when a byte is not ASCII (where a
    /// Character comparison can differ from a byte comparison).
    private static func isConfigurationFileASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in bytes where byte >= 0x80 { return nil }
        guard let first = bytes.first, first != UInt8(ascii: ".") else { return false }
        func endsWith(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard bytes.count >= n else { return false }
            return suffix.withUTF8Buffer { s in
                var i = 0
                while i < n, bytes[bytes.count - n + i] == s[i] { i += 1 }
                return i == n
            }
        }
        return endsWith(".tf") || endsWith(".tf.json")
    }

    private var listings: [PathKey: [DirectoryEntry]?] = [:]
    private var configurationFileCache: [PathKey: [String]?] = [:]

    /// Directory listings made before evaluation, so each context does not list (a system call per
    /// directory) the directories already listed.
    struct Listings: Sendable {
        fileprivate var entries: [PathKey: [DirectoryEntry]?]
        fileprivate var configurationFiles: [PathKey: [String]?]
    }

    var knownListings: Listings { Listings(entries: listings, configurationFiles: configurationFileCache) }

    /// Room for `count` directories' listings: the load lists every scanned directory first, and
    /// both tables grown one directory at a time rehashed every path at each doubling.
    func reserveListings(_ count: Int) {
        listings.reserveCapacity(listings.count + count)
        configurationFileCache.reserveCapacity(configurationFileCache.count + count)
    }

    func adopt(_ known: Listings) {
        // Assigned while empty, so the contexts share one copy.
        if listings.isEmpty { listings = known.entries } else { listings.merge(known.entries) { mine, _ in mine } }
        if configurationFileCache.isEmpty { configurationFileCache = known.configurationFiles }
        else { configurationFileCache.merge(known.configurationFiles) { mine, _ in mine } }
    }

    /// The entries of a directory with their kinds (cached for the load), or nil when it cannot be listed.
    private func entries(_ directory: String) -> [DirectoryEntry]? {
        let key = PathKey(directory)
        if let cached = listings[key] { return cached }
        let path = absolute(directory)
        var entries: [DirectoryEntry]? = knownEntries[path]
        if entries == nil, case .success(let e) = FileSystem.entries(path) { entries = e }
        listings[key] = entries
        return entries
    }

    /// The names in a directory (cached for the load), or nil when it cannot be listed.
    func listing(_ directory: String) -> [String]? {
        entries(directory)?.map(\.name)
    }

    /// The configuration files of a directory, or nil when it has none.
    func configurationFiles(in directory: String) -> [String]? {
        let key = PathKey(directory)
        if let cached = configurationFileCache[key] { return cached }
        var result: [String]? = nil
        if let entries = entries(directory) {
            // Anything but a directory is kept, so a FIFO or a looping link is reported when read,
            // not skipped. The listing's own file types spare an `lstat` per file (31,000 on a
            // 100 MB repository); a link, or a file system that does not say, is asked.
            let dir = absolute(directory)
            let files = entries.filter { entry in
                guard isConfigurationFileName(entry.name) else { return false }
                switch entry.kind ?? FileSystem.kind(Path.join(dir, entry.name)) {
                case .directory?, nil: return false
                case .symlink?: return FileSystem.kind(Path.join(dir, entry.name), followLinks: true) != .directory
                case .regular?, .other?: return true
                }
            }.map(\.name)
            result = files.isEmpty ? nil : files
        }
        configurationFileCache[key] = result
        return result
    }

    private func isConfigurationFileName(_ name: String) -> Bool { ModuleReader.isConfigurationFile(name) }

    /// The module in `directory` (as the user sees it), read and cached.
    func module(at directory: String) -> ModuleConfiguration {
        let asGiven = PathKey(directory)
        if let cached = cache[asGiven] { return cached }
        let key = FastPath.normalize(directory)
        let normalized = PathKey(key)
        if let cached = cache[normalized] { cache[asGiven] = cached; return cached }
        let started = ModuleReader.threadCPUSeconds()
        defer { parseSeconds += ModuleReader.threadCPUSeconds() - started }
        let config = ModuleReader.read(directory: key, names: configurationFiles(in: key), readFile: readFile,
                                       workingDirectory: workingDirectory)
        if let expected = expectedCalls[key], !checkedCalls.contains(key) {
            checkedCalls.insert(key)
            if LocalCall.calls(of: config) != expected { callsDisagree = true }
        }
        // A module read again after `evict` counts its bytes once.
        if counted.insert(key).inserted { bytesRead += config.byteCount }
        cache[normalized] = config
        cache[asGiven] = config
        return config
    }

    /// The calls the load's first pass found by scanning tokens, to be checked against each parse.
    var expectedCalls: [String: [LocalCall]] = [:]
    private(set) var checkedCalls: Set<String> = []
    /// True once a parse found other local calls than the scan.
    private(set) var callsDisagree = false

    /// Directories whose bytes are already in `bytesRead` (or were counted where they were parsed).
    private var counted: Set<String> = []

    /// Puts modules read elsewhere (in parallel, before evaluation) into the cache.
    /// `countedElsewhere`: directories whose bytes the caller counts, so reading one again adds nothing.
    func seed(_ modules: [ModuleConfiguration], bytes: Int, parseSeconds seconds: Double, countedElsewhere: Set<String> = []) {
        cache.reserveCapacity(cache.count + modules.count)  // one table, not one per doubling
        for m in modules {
            let key = PathKey(m.directory)
            if cache[key] == nil { cache[key] = m }
        }
        counted = countedElsewhere
        bytesRead += bytes
        parseSeconds += seconds
    }

    /// Forgets a module no later root needs, so its syntax trees can be freed; asked for again, it
    /// is read again (the same files give the same configuration).
    func evict(_ directory: String) {
        cache[PathKey(directory)] = nil
    }

    /// Reads and parses one module directory; touches no shared state, so directories can be read
    /// on several threads at once.
    static func read(directory key: String, names: [String]?, readFile: @Sendable (String) -> Result<[UInt8], FileError>,
                     workingDirectory: String) -> ModuleConfiguration {
        var diagnostics: [Diagnostic] = []
        var byteCount = 0
        var declarations = ModuleDeclarations(directory: key)
        func configuration() -> ModuleConfiguration {
            ModuleConfiguration(directory: key, declarations: declarations, diagnostics: diagnostics, byteCount: byteCount)
        }
        guard let names else {
            diagnostics.append(.error("module directory \(key) has no .tf or .tf.json files",
                                      at: SourceRange(file: key, at: .start)))
            return configuration()
        }
        var primary: [Body] = []
        var overrides: [Body] = []
        for name in names {
            let path = key == "." ? name : Path.join(key, name)
            let bytes: [UInt8]
            switch readFile(path) {
            case .success(let b): bytes = b
            case .failure(let e):
                diagnostics.append(.error("cannot read \(path): \(e.message)", at: SourceRange(file: path, at: .start)))
                continue
            }
            byteCount += bytes.count
            let body: Body
            if name.hasSuffix(".json") {
                let (b, diags) = JSONSyntaxReader.read(bytes, path: path)
                body = b
                diagnostics += diags
            } else {
                let file = HCLParser.parse(bytes, path: path)
                body = file.body
                diagnostics += file.diagnostics
            }
            if OverrideMerge.isOverrideFile(name) { overrides.append(body) } else { primary.append(body) }
        }
        guard var merged = primary.first else {
            for o in overrides { declarations.add(o) }
            return configuration()
        }
        // Without override files the bodies are read one after another: merging them first copied
        // every block (a retain per field) and released the per-file arrays again (3.7% of a read).
        if overrides.isEmpty {
            declarations.add(primary)
            return configuration()
        }
        for b in primary.dropFirst() {
            merged.attributes += b.attributes
            merged.blocks += b.blocks
        }
        for o in overrides { merged = OverrideMerge.apply(o, to: merged, diagnostics: &diagnostics) }
        declarations.add(merged)
        return configuration()
    }
}
