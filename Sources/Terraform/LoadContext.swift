// State shared by one load: options, the module reader, diagnostics, installed-module manifests
// and the evaluation budget that keeps time bounded on any input.

import IaCLintCore
import HCL

final class LoadContext {
    let options: TerraformOptions
    let reader: ModuleReader
    var diagnostics: [Diagnostic] = []
    /// Parsed `templatefile()` templates by path.
    var templateCache: [String: Expression] = [:]
    /// `.terraform/modules/modules.json` of each root directory (nil when absent).
    var manifests: [String: ModuleManifest?] = [:]
    /// Evaluation steps left; when it runs out, the rest evaluates to unknown (limit).
    var stepBudget = LoadContext.stepBudgetPerRoot
    static let stepBudgetPerRoot = 20_000_000
    /// Elements all `for` expressions of the load may still iterate. Nested `for`s multiply (100,000 ×
    /// 100,000 ran for minutes and gigabytes within the step budget); past this they are unknown (limit).
    var iterationBudget = LoadContext.maximumTotalIterations
    static let maximumTotalIterations = 1_000_000
    /// Module directories whose parse diagnostics were already reported.
    var reportedModuleDiagnostics: Set<String> = []
    /// The working directory, read once.
    var cwd: String { options.workingDirectory }
    private var insideScanRoot: [PathKey: Bool] = [:]
    /// What a call of a module that is not installed gives, by call declaration (held, so its
    /// identifier cannot be reused by another while it is here).
    var notInstalledModules: [ObjectIdentifier: (call: ModuleCallDeclaration, result: ChildModules)] = [:]
    /// The last root asked for in `manifest(forRoot:)` and its manifest: calls ask root after root
    /// for the same one, and the table look-up hashed the whole path each time.
    private var lastManifest: (root: String, manifest: ModuleManifest?)?
    private lazy var normalizedScanRoot = Path.normalize(options.scanRoot)
    /// The environment's `TF_VAR_*` entries in key order, with their variable names: sorted once,
    /// not once per root (sorting the whole environment per root was 0.6% of a 10 MB scan).
    lazy var terraformEnvironmentVariables: [(key: String, name: String, text: String)] =
        options.environment.filter { $0.key.hasPrefix("TF_VAR_") }.sorted { $0.key < $1.key }
            .map { (key: $0.key, name: String($0.key.dropFirst(7)), text: $0.value) }

    /// Whether a module directory (as the user sees it) lies inside the scan root; cached.
    func isInsideScanRoot(_ directory: String) -> Bool {
        let key = PathKey(directory)
        if let known = insideScanRoot[key] { return known }
        let inside = FastPath.isInside(Path.join(cwd, directory), normalizedRoot: normalizedScanRoot)
        insideScanRoot[key] = inside
        return inside
    }

    /// Notes already reported, to report each once: by file, start and message, as plain data (a
    /// key formatted from `range.description` looked the file's path up under a lock per note).
    private var reportedNotes: Set<NoteKey> = []
    private struct NoteKey: Hashable {
        var file: SourceFileID?
        var start: SourcePosition?
        var message: String

        /// The message by its length only: notes at one place rarely differ in nothing else, and
        /// hashing messages of a hundred bytes cost more than building them. Equality compares all.
        func hash(into hasher: inout Hasher) {
            hasher.combine(file)
            hasher.combine(start)
            hasher.combine(message.utf8.count)
        }
    }

    init(options: TerraformOptions) {
        self.options = options
        self.reader = ModuleReader(readFile: options.fileReader, workingDirectory: options.workingDirectory,
                                   knownEntries: options.knownDirectoryEntries)
    }

    func note(_ message: String, at range: SourceRange?) {
        guard reportedNotes.insert(NoteKey(file: range?.fileID, start: range?.start, message: message)).inserted else { return }
        diagnostics.append(Diagnostic(severity: .note, message: message, range: range))
    }

    func manifest(forRoot root: String) -> ModuleManifest? {
        if let last = lastManifest, last.root == root { return last.manifest }
        let m: ModuleManifest?
        if let cached = manifests[root] {
            m = cached
        } else {
            m = ModuleManifest.read(rootDirectory: root, workingDirectory: options.workingDirectory, readFile: options.fileReader)
            manifests[root] = m
        }
        lastManifest = (root, m)
        return m
    }
}
