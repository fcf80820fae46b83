// CloudFormation pseudo parameters: recognised names, unknown values (they depend on the deployment).

import IaCLintCore

enum PseudoParameters {
    static let noValue = "AWS::NoValue"

    /// Every pseudo parameter except `AWS::NoValue`, which removes a property instead.
    static let names: Set<String> = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    /// Every name starts with `AWS::`: checking the first byte spares most logical ids a hash.
    static func isPseudo(_ name: String) -> Bool { name.utf8.first == UInt8(ascii: "A") && names.contains(name) }

    static func value(_ name: String, range: SourceRange?) -> Value {
        .unknown(UnknownReason(.deploymentContext, name), range: range)
    }
}
