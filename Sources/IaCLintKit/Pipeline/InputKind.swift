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
        var name = fileName
        guard let kind = name.withUTF8(InputKind.classify) else { return nil }
        self = kind
    }

    /// The kind from the name's bytes, case-insensitively. The suffixes are ASCII and no other
    /// character lowercases to one of their letters, so folding ASCII letters gives what
    /// `lowercased().hasSuffix` gave, without a new string per name (30 M instructions for the
    /// 35,000 files of the 100 MB synthetic repository, most of them in `lowercased`).
    static func classify(_ name: UnsafeBufferPointer<UInt8>) -> InputKind? {
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard name.count >= n else { return false }
            let start = name.count - n, s = suffix.utf8Start
            for k in 0..<n {
                var byte = name[start + k]
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
                if byte != s[k] { return false }
            }
            return true
        }
        if ends(".tf") { return .terraform }
        if ends(".tf.json") { return .terraformJSON }
        if ends(".tfvars") || ends(".tfvars.json") { return .terraformVariables }
        if ends(".yaml") || ends(".yml") || ends(".json") || ends(".template") { return .structured }
        return nil
    }

    /// Files that belong to a Terraform module directory.
    public var isTerraform: Bool { self != .structured }
}
