// The resource type names the logging model reads, for every input language in one place.

enum ResourceTypes {
    // Terraform (and plans).
    static let tfRestStage = "aws_api_gateway_stage"
    static let tfV2Stage = "aws_apigatewayv2_stage"
    static let tfDeployment = "aws_api_gateway_deployment"
    static let tfMethodSettings = "aws_api_gateway_method_settings"
    static let tfV2Api = "aws_apigatewayv2_api"
    static let tfAccount = "aws_api_gateway_account"
    static let tfLogGroup = "aws_cloudwatch_log_group"
    static let tfFirehose = "aws_kinesis_firehose_delivery_stream"
    static let tfRole = "aws_iam_role"
    static let tfRolePolicy = "aws_iam_role_policy"
    static let tfRolePolicyAttachment = "aws_iam_role_policy_attachment"
    static let tfRolePolicyAttachmentsExclusive = "aws_iam_role_policy_attachments_exclusive"
    static let tfPolicyAttachment = "aws_iam_policy_attachment"
    static let tfPolicy = "aws_iam_policy"
    static let tfPolicyDocument = "aws_iam_policy_document"

    // CloudFormation.
    static let cfnRestStage = "AWS::ApiGateway::Stage"
    static let cfnV2Stage = "AWS::ApiGatewayV2::Stage"
    static let cfnDeployment = "AWS::ApiGateway::Deployment"
    static let cfnV2Api = "AWS::ApiGatewayV2::Api"
    static let cfnAccount = "AWS::ApiGateway::Account"
    static let cfnLogGroup = "AWS::Logs::LogGroup"
    static let cfnFirehose = "AWS::KinesisFirehose::DeliveryStream"
    static let cfnRole = "AWS::IAM::Role"
    static let cfnPolicy = "AWS::IAM::Policy"
    static let cfnManagedPolicy = "AWS::IAM::ManagedPolicy"
    static let cfnRolePolicy = "AWS::IAM::RolePolicy"

    // SAM.
    static let samApi = "AWS::Serverless::Api"
    static let samHttpApi = "AWS::Serverless::HttpApi"
    static let samWebSocketApi = "AWS::Serverless::WebSocketApi"

    static let logGroups: Set<String> = [tfLogGroup, cfnLogGroup]
    static let firehoses: Set<String> = [tfFirehose, cfnFirehose]
    static let accounts: Set<String> = [tfAccount, cfnAccount]
    static let roles: Set<String> = [tfRole, cfnRole]

    /// Families whose attribute values the model may read: API Gateway, IAM, CloudWatch Logs,
    /// Firehose and SAM's APIs. Deliberately wider than the types named above, so a rule that starts
    /// reading a sibling type keeps working; everything else (buckets, functions, queues…) is
    /// only ever an address, a type and edges to the rules. (SAM functions' API events become
    /// implicit APIs in the front end, before this applies.)
    static let attributeFamilies: [String] = [
        "aws_api_gateway", "aws_apigatewayv2", "aws_iam_", "aws_cloudwatch_log", "aws_kinesis_firehose",
        "AWS::ApiGateway", "AWS::IAM::", "AWS::Logs::", "AWS::KinesisFirehose::",
        samApi, samHttpApi, samWebSocketApi,
    ]

    static func attributesMayBeRead(type: String) -> Bool {
        attributeFamilies.contains { type.hasPrefix($0) }
    }

    /// The Terraform resource type in an address such as `module.a.aws_x.y["k"]`, or nil.
    static func terraformType(ofAddress address: String) -> String? {
        var parts = address.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // Drop module prefixes (`module.NAME` pairs) and a leading `data`.
        while parts.count >= 2, parts[0] == "module" { parts.removeFirst(2) }
        if parts.first == "data" { parts.removeFirst() }
        guard parts.count >= 2, parts[0].hasPrefix("aws_") else { return nil }
        return parts[0]
    }
}
