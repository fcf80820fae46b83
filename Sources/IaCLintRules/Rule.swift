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
    /// The findings by place (range, resource, message), to report each only once: a table of
    /// positions in `findings` keyed by a hash of the place, the key read back from the finding.
    /// A `Set` of keys held a copy of each finding's range, resource and message (~100 bytes a
    /// finding with its spare capacity, ~2 MB on the 100 MB scan) and hashed every key's resource
    /// again at each doubling; this holds 16 bytes a finding and keeps the hashes.
    private var places = PlaceTable()

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
        let place = range ?? resource.range
        let hash = PlaceTable.hash(place, resource.address)
        guard !places.contains(hash, in: findings, where: { $0.range == place && $0.resource == resource.address && $0.message == text })
        else { return }
        places.insert(hash, at: findings.count)
        findings.append(Finding(ruleID: rule.id, ruleName: rule.name, severity: severity ?? rule.severity,
                                message: text, range: place, resource: resource.address,
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
