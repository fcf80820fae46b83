// APIGW005: the account's CloudWatch role trusts API Gateway and may write logs.

import IaCLintCore

struct AccountRolePermissionsRule: Rule {
    static let description = RuleDescription(
        id: "APIGW005", name: "account-role-permissions", severity: .error,
        summary: "The account's CloudWatch role trusts apigateway.amazonaws.com and may create and write CloudWatch log groups and streams.",
        rationale: """
            API Gateway assumes the account's CloudWatch role to write logs. The role must trust \
            `apigateway.amazonaws.com` for `sts:AssumeRole`, and allow `logs:CreateLogGroup`, \
            `logs:CreateLogStream`, `logs:DescribeLogGroups`, `logs:DescribeLogStreams` and \
            `logs:PutLogEvents` — which the AWS managed policy \
            `arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs` grants. Otherwise \
            setting the account role fails, or logs silently never arrive. Policies are read wherever \
            they are written (inline, attached, `jsonencode`, heredoc JSON, `aws_iam_policy_document`, \
            CloudFormation YAML or JSON); a `Deny` takes actions away. A role outside the scan (a literal \
            ARN) is not checked.
            """,
        fix: """
            Terraform:

            ```hcl
            resource "aws_iam_role" "apigateway_cloudwatch" {
              name = "apigateway-cloudwatch"
              assume_role_policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                               Principal = { Service = "apigateway.amazonaws.com" } }]
              })
            }
            resource "aws_iam_role_policy_attachment" "apigateway_cloudwatch" {
              role       = aws_iam_role.apigateway_cloudwatch.name
              policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
            }
            ```

            CloudFormation and SAM:

            ```yaml
            ApiGatewayCloudWatchRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { Service: apigateway.amazonaws.com }
                      Action: sts:AssumeRole
                ManagedPolicyArns:
                  - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs
            ```
            """,
        tags: ["logging", "reliability"], securitySeverity: 4.0,
        failing: [
            .terraform("""
                resource "aws_iam_role" "cw" {
                  name = "apigw-cw"
                  ↓assume_role_policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
                  })
                  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"]
                }
                resource "aws_api_gateway_account" "this" {
                  cloudwatch_role_arn = aws_iam_role.cw.arn
                }
                """),
            .cloudFormation("""
                Resources:
                  ↓Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: { Service: apigateway.amazonaws.com }
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: logs
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [logs:CreateLogStream, logs:PutLogEvents]
                                Resource: "*"
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: !GetAtt Role.Arn
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ↓Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: { Service: apigateway.amazonaws.com }
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AmazonAPIGatewayPushToCloudWatchLogs
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: !GetAtt Role.Arn
                """),
        ],
        passing: [
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: { Service: apigateway.amazonaws.com }
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: !GetAtt Role.Arn
                """),
            .terraform("""
                data "aws_iam_policy_document" "trust" {
                  statement {
                    actions = ["sts:AssumeRole"]
                    principals {
                      type        = "Service"
                      identifiers = ["apigateway.amazonaws.com"]
                    }
                  }
                }
                resource "aws_iam_role" "cw" {
                  name               = "apigw-cw"
                  assume_role_policy = data.aws_iam_policy_document.trust.json
                }
                resource "aws_iam_role_policy_attachment" "cw" {
                  role       = aws_iam_role.cw.name
                  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
                }
                resource "aws_api_gateway_account" "this" {
                  cloudwatch_role_arn = aws_iam_role.cw.arn
                }
                """),
            .cloudFormation("""
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: { Service: [apigateway.amazonaws.com] }
                            Action: ["sts:AssumeRole"]
                      Policies:
                        - PolicyName: logs
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: "logs:*"
                                Resource: "*"
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: !GetAtt Role.Arn
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for account in model.accountSettings where account.setsRole {
            guard let role = model.role(of: account) else { continue }
            let permissions = model.permissions(of: role)
            let related = account.roleArnEntry?.range.map { [RelatedLocation("the account setting names this role", at: $0)] } ?? []
            if permissions.trustsAPIGateway == .no {
                let key = Phrase.isTerraform(role) ? "assume_role_policy" : "AssumeRolePolicyDocument"
                report.add("The role \(role.address), which \(account.resource.address) sets as the API Gateway CloudWatch role, does not trust apigateway.amazonaws.com for sts:AssumeRole; add that service principal to its \(key).",
                           at: permissions.trustEntry?.range ?? role.range, resource: account.resource,
                           related: related, discriminator: "trust")
            }
            if let missing = permissions.missingActions, !missing.isEmpty {
                var hint = ""
                if let misspelt = permissions.misspeltPolicyARNs.first {
                    hint = " (\(misspelt) does not exist: the policy's path is service-role/)"
                }
                report.add("The role \(role.address), which \(account.resource.address) sets as the API Gateway CloudWatch role, may not call \(missing.joined(separator: ", "))\(hint); attach arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs.",
                           at: role.range, resource: account.resource, related: related, discriminator: "actions")
            }
        }
    }
}
