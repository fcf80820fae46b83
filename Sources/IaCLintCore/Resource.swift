// One managed resource or data source, whatever language declared it.

public struct Resource: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable { case managed, data }

    /// Which front end produced the resource; rules read it only to phrase the fix.
    public enum Origin: String, Hashable, Sendable {
        case terraform, terraformPlan, cloudFormation, sam
    }

    /// Full address: `module.api.aws_api_gateway_stage.this["prod"]`, `data.aws_iam_policy_document.p`,
    /// or a CloudFormation logical id (`ServerlessRestApi` for SAM's implicit API).
    public var address: String
    /// `aws_api_gateway_stage`, `AWS::ApiGateway::Stage`, `AWS::Serverless::Api`…
    public var type: String
    public var mode: Mode
    public var origin: Origin
    /// The configuration the resource belongs to: references resolve only within one scope.
    /// A Terraform root module's directory, or a template's path.
    public var scope: String
    /// The instance key for `count`/`for_each` instances (`0`, `"prod"`), as written in the address.
    public var instanceKey: String?
    /// The declaration's header (`resource "aws_api_gateway_stage" "this"`, the logical id key):
    /// where "something is missing" findings point.
    public var range: SourceRange?
    /// Arguments and nested blocks. Terraform nested blocks appear as lists of objects, as in
    /// `terraform show -json`; CloudFormation properties as written in the template.
    public var attributes: Value
    /// `depends_on` / `DependsOn` edges.
    public var dependsOn: [Reference]
    /// A CloudFormation `Condition` on the whole resource: it exists only when the condition holds.
    public var condition: Condition?
    /// The `module` blocks that instantiate this resource, outermost first, so a finding inside a
    /// module can name the line the user must change in the caller.
    public var moduleCalls: [RelatedLocation]
    /// Free-form metadata (CloudFormation `Metadata`, used for `iaclint` suppressions).
    public var metadata: Value?

    public init(address: String, type: String, mode: Mode = .managed, origin: Origin, scope: String,
                instanceKey: String? = nil, range: SourceRange?, attributes: Value = .object([]),
                dependsOn: [Reference] = [], condition: Condition? = nil,
                moduleCalls: [RelatedLocation] = [], metadata: Value? = nil) {
        self.address = address
        self.type = type
        self.mode = mode
        self.origin = origin
        self.scope = scope
        self.instanceKey = instanceKey
        self.range = range
        self.attributes = attributes
        self.dependsOn = dependsOn
        self.condition = condition
        self.moduleCalls = moduleCalls
        self.metadata = metadata
    }

    /// The address without its instance key: what references without an index resolve to.
    public var baseAddress: String {
        guard instanceKey != nil, address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
        return String(address[..<open])
    }

    public subscript(attribute: String) -> Value? { attributes[attribute] }

    /// Every edge out of this resource: references in its values, then `depends_on`.
    public var allReferences: [Reference] { attributes.allReferences + dependsOn }
}
