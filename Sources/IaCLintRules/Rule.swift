// What every rule is: a description (identity, documentation, examples) and a pure check over
// the logging model that adds findings to a collector.

import IaCLintCore

protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ model: LoggingModel, _ report: inout FindingCollector)
}

/// Collects one rule's findings, adding what every finding needs: rule identity, the resource,
/// and for resources inside modules the calling module blocks.
public struct FindingCollector: Sendable {
    public let rule: RuleDescription
    public let options: RuleOptions
    public private(set) var findings: [Finding] = []
    private var seen: Set<PlaceKey> = []

    /// Identity of a finding's place and text, to report each only once.
    private struct PlaceKey: Hashable, Sendable {
        var range: SourceRange?
        var resource: String
        var message: String

        /// The place and resource, not the message: hashing the message as well cost ~2,000
        /// instructions a finding, and one resource has few findings at one place (compared by
        /// `==`). The resource must be hashed: the instances of a module share its ranges, and
        /// hashing the range alone made the 100 MB scan compare 900,000 keys.
        func hash(into hasher: inout Hasher) {
            hasher.combine(range?.fileID)
            hasher.combine(range?.start.offset)
            hasher.combine(range?.end.offset)
            hasher.combine(resource)
        }
    }

    public init(rule: RuleDescription, options: RuleOptions) {
        self.rule = rule
        self.options = options
    }

    /// Adds a finding about `resource` at `range` (the wrong attribute, or the header when
    /// something is missing). `message` is one sentence naming the resource, then the fix.
    mutating func add(_ message: String, at range: SourceRange?, resource: Resource, severity: Severity? = nil,
                      related: [RelatedLocation] = [], discriminator: String = "", focus: String? = nil) {
        var text = message
        var locations = related
        if !resource.moduleCalls.isEmpty {
            let calls = resource.moduleCalls.map { "\($0.range.file):\($0.range.start.line)" }
            text += " (\(resource.address) comes from the module block at \(calls.joined(separator: ", then ")))"
            locations = resource.moduleCalls + locations
        }
        // One finding per place: a dynamic block repeats the same attribute for every element.
        guard seen.insert(PlaceKey(range: range ?? resource.range, resource: resource.address, message: text)).inserted else {
            return
        }
        findings.append(Finding(ruleID: rule.id, ruleName: rule.name, severity: severity ?? rule.severity,
                                message: text, range: range ?? resource.range, resource: resource.address,
                                related: locations, discriminator: discriminator, focus: focus))
    }
}

/// Phrases that differ by input language, so one rule reads well for Terraform, CloudFormation and SAM.
enum Phrase {
    static func isTerraform(_ resource: Resource) -> Bool {
        resource.origin == .terraform || resource.origin == .terraformPlan
    }

    /// `aws_cloudwatch_log_group.x.arn` or `!GetAtt X.Arn`.
    static func arnExpression(of target: Resource) -> String {
        isTerraform(target) ? "\(target.baseAddress).arn" : "!GetAtt \(target.baseAddress).Arn"
    }

    static func conditionText(_ conditions: [Condition]) -> String {
        ValueReading.describe(conditions)
    }
}
