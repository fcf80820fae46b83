// Which front end a file goes to, decided from its name (content sniffing happens later).

public enum InputKind: String, Hashable, Sendable {
    /// `.tf`: HCL native syntax.
    case terraform
    /// `.tf.json`: Terraform's JSON syntax.
    case terraformJSON
    /// `.tfvars` / `.tfvars.json`: variable values, read by the Terraform front end.
    case terraformVariables
    /// `.yaml`, `.yml`, `.json`, `.template`: a CloudFormation/SAM template, a plan, or neither.
    case structured

    public init?(fileName: String) {
        let name = fileName.lowercased()
        if name.hasSuffix(".tf") { self = .terraform }
        else if name.hasSuffix(".tf.json") { self = .terraformJSON }
        else if name.hasSuffix(".tfvars") || name.hasSuffix(".tfvars.json") { self = .terraformVariables }
        else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") || name.hasSuffix(".template") {
            self = .structured
        } else { return nil }
    }

    /// Files that belong to a Terraform module directory.
    public var isTerraform: Bool { self != .structured }
}
