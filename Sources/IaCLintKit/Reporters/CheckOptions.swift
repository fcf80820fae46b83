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

    public init() {}
}
