// What `Ref` and `Fn::GetAtt` return for the resource types the access-log rules care about.

/// Return values per resource type, from the CloudFormation user guide's "Return values" sections.
struct ResourceTypeSemantics: Sendable {
    /// The property whose value `Ref` returns when the template sets it (a name); nil when `Ref`
    /// returns an id or ARN that only exists after deployment.
    let refProperty: String?
    /// What `Ref` returns, for unknown-value explanations: "name", "ID", "ARN".
    let refReturns: String
    /// Notes on attributes, kept in the unknown value's detail so a rule can explain it.
    let attributeNotes: [String: String]

    init(refProperty: String? = nil, refReturns: String, attributeNotes: [String: String] = [:]) {
        self.refProperty = refProperty
        self.refReturns = refReturns
        self.attributeNotes = attributeNotes
    }

    static func of(_ type: String) -> ResourceTypeSemantics {
        table[type] ?? ResourceTypeSemantics(refReturns: "physical ID")
    }

    static let table: [String: ResourceTypeSemantics] = [
        // Ref is the group name; GetAtt Arn ends in `:*` (API Gateway accepts it as a destination).
        "AWS::Logs::LogGroup": .init(refProperty: "LogGroupName", refReturns: "name",
                                     attributeNotes: ["Arn": "log group ARN, ends in :*"]),
        "AWS::KinesisFirehose::DeliveryStream": .init(refProperty: "DeliveryStreamName", refReturns: "name",
                                                      attributeNotes: ["Arn": "delivery stream ARN"]),
        "AWS::IAM::Role": .init(refProperty: "RoleName", refReturns: "name",
                                attributeNotes: ["Arn": "role ARN", "RoleId": "role ID"]),
        "AWS::ApiGateway::Stage": .init(refProperty: "StageName", refReturns: "stage name"),
        "AWS::ApiGatewayV2::Stage": .init(refProperty: "StageName", refReturns: "stage name"),
        "AWS::ApiGateway::RestApi": .init(refReturns: "REST API ID",
                                          attributeNotes: ["RootResourceId": "root resource ID"]),
        "AWS::ApiGatewayV2::Api": .init(refReturns: "API ID", attributeNotes: ["ApiEndpoint": "API endpoint URL"]),
        "AWS::ApiGateway::Deployment": .init(refReturns: "deployment ID"),
        "AWS::ApiGatewayV2::Deployment": .init(refReturns: "deployment ID"),
        "AWS::ApiGateway::Account": .init(refReturns: "account settings ID"),
        "AWS::Serverless::Api": .init(refReturns: "REST API ID"),
        "AWS::Serverless::HttpApi": .init(refReturns: "API ID"),
        "AWS::Serverless::WebSocketApi": .init(refReturns: "API ID"),
        "AWS::Serverless::Function": .init(refProperty: "FunctionName", refReturns: "name",
                                           attributeNotes: ["Arn": "function ARN"]),
        "AWS::Lambda::Function": .init(refProperty: "FunctionName", refReturns: "name",
                                       attributeNotes: ["Arn": "function ARN"]),
        "AWS::S3::Bucket": .init(refProperty: "BucketName", refReturns: "name",
                                 attributeNotes: ["Arn": "bucket ARN"]),
        "AWS::SSM::Parameter": .init(refProperty: "Name", refReturns: "name"),
        "AWS::Serverless::SimpleTable": .init(refProperty: "TableName", refReturns: "name"),
        "AWS::DynamoDB::Table": .init(refProperty: "TableName", refReturns: "name"),
        "AWS::SNS::Topic": .init(refReturns: "ARN"),
        "AWS::SQS::Queue": .init(refReturns: "queue URL"),
        "AWS::IAM::ManagedPolicy": .init(refReturns: "ARN"),
        "AWS::KMS::Key": .init(refReturns: "key ID"),
    ]
}
