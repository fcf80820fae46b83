// What the pipeline passes to the Terraform front end: variable values from the command line and
// environment, the scan root that file reads must stay inside, and the file reader.

import IaCLintCore

public struct TerraformOptions: Sendable {
    /// `--var NAME=VALUE`, by name.
    public var variables: [String: String]
    /// `--var-file FILE`, in command-line order (later files win).
    public var varFiles: [String]
    /// The process environment (only `TF_VAR_*` entries are read).
    public var environment: [String: String]
    /// Absolute directory that `file()`, `templatefile()` and module sources must not escape.
    public var scanRoot: String
    /// Reads a file's bytes (tests inject fakes; the pipeline passes `FileSystem.read`).
    public var fileReader: @Sendable (String) -> Result<[UInt8], FileError>
    /// `terraform.workspace`.
    public var workspace: String
    /// The directory relative paths are relative to (directory listings, `file()` checks); the
    /// pipeline's working directory, which may differ from the process's.
    public var workingDirectory: String
    /// Threads for parsing and evaluating; 0 means one per processor. Benchmarks that time one
    /// thread's CPU set 1.
    public var maximumConcurrency: Int = 0
    /// When set, resources whose type it rejects keep their address, range and references but not
    /// their attribute values (`Resource.dropAttributeValues`): the pipeline passes the rules'
    /// `RuleEngine.readsAttributes(ofType:)`, so a large scan does not hold values no rule reads.
    public var keepsAttributeValues: (@Sendable (String) -> Bool)? = nil
    /// Applied to each resource whose values are kept, to drop those of its attributes no rule
    /// reads (the pipeline passes `RuleEngine.dropUnreadAttributeValues`).
    public var trimsKeptAttributeValues: (@Sendable (inout Resource) -> Void)? = nil
    /// From this many scanned directories on, the first pass keeps only each module's local calls
    /// and each group of roots parses its modules again as it evaluates them: the syntax trees of a
    /// large repository are never all alive at once (10 MB synthetic repository: peak RSS 132 ->
    /// 77 MB; 100 MB: 1.8 GB -> 0.64 GB) for about one more parse of CPU. `Int.max`: never.
    public var reparseFromDirectoryCount = 64
    /// Directory listings the caller already made, by absolute path (the pipeline's discovery walk
    /// lists every directory it scans): a module directory found here is not listed again.
    public var knownDirectoryEntries: [String: [DirectoryEntry]] = [:]
    /// When the groups parse again, the first pass finds local `module` calls from tokens
    /// (`ModuleCallScan`) instead of parsing; false after a scan disagreed with a parse.
    var findsCallsByScanning = true
    /// When the groups parse again, they parse the bytes the first pass read (`FirstPassFiles`)
    /// instead of reading each file a second time; false makes them read again (a test stands a file
    /// that reads differently the second time for a scan the parse contradicts).
    var keepsFirstPassFiles = true

    public init(variables: [String: String] = [:], varFiles: [String] = [], environment: [String: String] = [:],
                scanRoot: String = FileSystem.currentDirectory(),
                fileReader: @escaping @Sendable (String) -> Result<[UInt8], FileError> = { FileSystem.read($0) },
                workspace: String = "default", workingDirectory: String = FileSystem.currentDirectory()) {
        self.variables = variables
        self.varFiles = varFiles
        self.environment = environment
        self.scanRoot = Path.normalize(scanRoot.hasPrefix("/") ? scanRoot : Path.join(workingDirectory, scanRoot))
        self.fileReader = fileReader
        self.workspace = workspace
        self.workingDirectory = Path.normalize(workingDirectory)
    }
}
