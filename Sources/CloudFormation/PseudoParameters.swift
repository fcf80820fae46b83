// CloudFormation pseudo parameters: recognised names, unknown values (they depend on the deployment).

import IaCLintCore

enum PseudoParameters {
    static let noValue = "AWS::NoValue"

    /// Every pseudo parameter except `AWS::NoValue`, which removes a property instead.
    static let names: Set<String> = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    static func isPseudo(_ name: String) -> Bool { names.contains(name) }

    static func value(_ name: String, range: SourceRange?) -> Value {
        .unknown(UnknownReason(.deploymentContext, name), range: range)
    }
}
