// The options of `iaclint check`, as the command line gives them.

public struct CheckOptions: Sendable {
    public var paths: [String] = []
    public var outputs: [OutputRequest] = [OutputRequest(format: .text)]
    /// nil: from the configuration file, else `FailLevel.default`.
    public var failOn: FailLevel?
    public var configPath: String?
    public var baselinePath: String?
    public var writeBaselinePath: String?
    public var showSuppressed = false
    /// `--var NAME=VALUE`, in order (later wins).
    public var variables: [(String, String)] = []
    public var varFiles: [String] = []
    public var followSymlinks = false
    /// The process exits right after the run (the CLI): the graph is left for the exit to reclaim
    /// instead of being freed object by object (about a tenth of a large scan's time).
    public var processExitsAfterRun = false

    public init() {}
}
