// The resource type names the logging model reads, for every input language in one place.

import IaCLintCore

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

    /// Every type whose attribute values the model reads: the types named above, and no others.
    /// Everything else (API Gateway methods and integrations, buckets, functions, queues…) is only
    /// ever an address, a type and edges to the rules, so front ends may drop its values; a rule
    /// that starts reading another type must name it here (RuleFixtureTests compare the findings
    /// with and without dropping on every example, fixture and corpus).
    static let attributesRead: Set<String> = [
        tfRestStage, tfV2Stage, tfDeployment, tfMethodSettings, tfV2Api, tfAccount, tfLogGroup, tfFirehose, tfRole,
        tfRolePolicy, tfRolePolicyAttachment, tfRolePolicyAttachmentsExclusive, tfPolicyAttachment, tfPolicy,
        tfPolicyDocument,
        cfnRestStage, cfnV2Stage, cfnDeployment, cfnV2Api, cfnAccount, cfnLogGroup, cfnFirehose, cfnRole, cfnPolicy,
        cfnManagedPolicy, cfnRolePolicy,
        samApi, samHttpApi, samWebSocketApi,
    ]

    /// Asked of every resource a front end keeps (25,000 times on the 10 MB repository): `ASCIIHash`
    /// and a table of the names cost a third of `Set<String>`'s SipHash; non-ASCII names go to the set.
    static func attributesMayBeRead(type: String) -> Bool {
        if let hash = ASCIIHash.of(type) { return attributesReadTable.find(type, hash: hash) != nil }
        return attributesRead.contains(type)
    }

    private static let attributesReadTable: ASCIITable = {
        var table = ASCIITable(capacity: attributesRead.count)
        for type in attributesRead { if let hash = ASCIIHash.of(type) { _ = table.insert(type, hash: hash) } }
        return table
    }()

    /// Attributes the model reads of no type: tags, which real modules put on nearly every resource.
    static let neverRead: Set<String> = ["tags", "tags_all", "Tags"]

    /// `neverRead.contains(key)` by length and bytes: asked of every attribute of every kept resource,
    /// where hashing each key cost ~400 instructions. Exact: no other text is canonically equivalent
    /// to these ASCII names (only "K", "`" and ";" have non-ASCII equivalents).
    static func isNeverRead(_ key: String) -> Bool {
        switch key.utf8.count {
        case 4: return RawBytes.sameUTF8(key, "tags") || RawBytes.sameUTF8(key, "Tags")
        case 8: return RawBytes.sameUTF8(key, "tags_all")
        default: return false
        }
    }

    /// Whether the model leaves attribute `name` of `resource`, a type whose values it reads, unread:
    /// tags; and all but `json` of an `aws_iam_policy_document` whose rendered `json` is known, which
    /// is read through that string alone (`PolicyReader.readPolicyDocumentDataSource`); its
    /// statements are a quarter of the values a large scan keeps.
    static func unreadAttributes(of resource: Resource) -> (String) -> Bool {
        if resource.type == tfPolicyDocument, resource["json"]?.stringValue != nil { return { $0 != "json" } }
        return isNeverRead
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
