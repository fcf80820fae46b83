// Which `format_version` values of `terraform show -json` output iaclint reads.

enum PlanFormatVersion {
    /// terraform-json accepts `>= 0.1, < 2.0`; minor versions only add fields.
    static let supportedMajors: Set<Int> = [0, 1]

    /// Nil when supported, else the reason.
    static func problem(with version: String?) -> String? {
        guard let version else {
            return "the document has no \"format_version\"; it is not `terraform show -json` output"
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]), Int(parts[1]) != nil else {
            return "unrecognised plan format_version \"\(version)\"; iaclint reads 0.x and 1.x"
        }
        guard supportedMajors.contains(major) else {
            return "unsupported plan format_version \(version): iaclint reads 0.x and 1.x (Terraform 0.12 to 1.x); a newer major version may have changed the format"
        }
        return nil
    }
}
