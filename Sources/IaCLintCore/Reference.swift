// An edge from a value or resource to another resource.

/// A mention of another resource: `aws_cloudwatch_log_group.logs.arn`, `!GetAtt LogGroup.Arn`,
/// `!Ref LogGroup`, `${LogGroup.Arn}` in `Fn::Sub`, or an entry of `depends_on`/`DependsOn`.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Terraform `type.name.attr`, plan references, CloudFormation `Fn::GetAtt`.
        case attribute
        /// CloudFormation `Ref` (the value is the resource type's Ref value, often its name).
        case ref
        /// `depends_on` / `DependsOn`: ordering only, no value.
        case dependsOn
    }

    /// Address of the referenced resource, resolved to the graph's address space and without an
    /// instance key unless the expression named one: `module.api.aws_cloudwatch_log_group.logs`,
    /// `aws_cloudwatch_log_group.logs["prod"]`, or a CloudFormation logical id.
    public var target: String
    /// The attribute read: `arn`, `name`, `id` (Terraform), `Arn` (GetAtt); nil for Ref and depends_on.
    public var attribute: String?
    /// Where the reference is written.
    public var range: SourceRange?
    /// After `range`, not before: the 29-byte range then fills the bytes that padded the 1-byte kind,
    /// and a reference takes 64 bytes instead of 72 (a large scan's graph holds 300,000).
    public var kind: Kind

    public init(target: String, attribute: String? = nil, kind: Kind = .attribute, range: SourceRange? = nil) {
        self.target = target
        self.attribute = attribute
        self.kind = kind
        self.range = range
    }

    public var description: String {
        switch kind {
        case .ref: return "Ref \(target)"
        case .dependsOn: return "depends on \(target)"
        case .attribute: return attribute.map { "\(target).\($0)" } ?? target
        }
    }
}
