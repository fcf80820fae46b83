// A rule's verdict about one resource: the unit every reporter prints.

public struct Finding: Hashable, Sendable {
    /// Stable rule id, e.g. `APIGW001`.
    public var ruleID: String
    /// Stable rule name, e.g. `stage-access-logging`.
    public var ruleName: String
    public var severity: Severity
    /// One sentence naming the resource, then what to do.
    public var message: String
    /// Where to point; nil only for a file that cannot be located at all.
    public var range: SourceRange?
    /// The resource the finding is about: a Terraform address or a CloudFormation logical id.
    public var resource: String?
    /// Other locations that explain the finding (the calling module block, the log group).
    public var related: [RelatedLocation]
    /// Identity across runs: rule, resource and file, never line numbers (see `Fingerprint`).
    public var fingerprint: String
    /// Text the finding is about inside `range` (a variable name in a format built by `jsonencode`):
    /// the pipeline, which has the source, narrows `range` to it when it occurs there exactly once.
    public var focus: String?

    public init(ruleID: String, ruleName: String, severity: Severity, message: String,
                range: SourceRange?, resource: String?, related: [RelatedLocation] = [],
                discriminator: String = "", focus: String? = nil) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.range = range
        self.resource = resource
        self.related = related
        self.focus = focus
        self.fingerprint = Fingerprint.make(ruleID: ruleID, resource: resource, file: range?.file,
                                            discriminator: discriminator)
    }
}

extension Finding: Comparable {
    /// Deterministic report order: file, position, rule, message.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        // Equal ids are equal paths: only findings in different files need the paths themselves.
        if lhs.range?.fileID != rhs.range?.fileID {
            let lf = lhs.range?.file ?? "", rf = rhs.range?.file ?? ""
            if lf != rf { return lf < rf }
        }
        let lp = lhs.range?.start ?? .start, rp = rhs.range?.start ?? .start
        if lp != rp { return lp < rp }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}
