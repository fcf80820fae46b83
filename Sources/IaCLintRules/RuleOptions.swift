// Settings that change what the rules conclude (from the configuration file or the command line).

public struct RuleOptions: Hashable, Sendable {
    /// `account-role: external`: the account's CloudWatch role is set outside the scanned code, so
    /// APIGW004 does not ask for it.
    public var accountRoleExternal: Bool

    public init(accountRoleExternal: Bool = false) {
        self.accountRoleExternal = accountRoleExternal
    }
}
