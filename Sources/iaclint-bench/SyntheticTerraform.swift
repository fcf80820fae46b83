// Terraform service roots for a synthetic repository: APIs (inline or through the shared modules), log groups,
// account roles and filler resources, with some stages deliberately misconfigured.

enum SyntheticTerraform {
    /// One root per region that sets the API Gateway account role through the shared module.
    static func accountRoot(region: String) -> [(String, String)] {
        let main = """
        # API Gateway account settings for \(region): one per region and account.
        provider "aws" {
          region = \(SyntheticHCL.quote(region))
        }

        module "apigw_account" {
          source    = "../../modules/apigw-account"
          role_name = "api-gateway-cloudwatch-\(region)"
        }

        """
        return [("accounts/\(region)/versions.tf", SyntheticTerraformModules.providerConstraint),
                ("accounts/\(region)/main.tf", main)]
    }

    /// A service root under `services/<name>/`, as (path under terraform/, contents).
    static func service(index: Int, random: inout SyntheticRandom) -> [(String, String)] {
        var service = ServiceBuilder(index: index, random: random)
        let files = service.build()
        random = service.random
        return files
    }

    /// A standalone file of filler resources of about `bytes` bytes (used to top up a size or file budget).
    static func fillerFile(index: Int, bytes: Int, random: inout SyntheticRandom) -> String {
        var text = "# Shared infrastructure, part \(index).\n\n"
        var counter = 0
        while text.utf8.count < bytes {
            text += SyntheticTerraformFiller.resource(prefix: "shared_\(index)_\(counter)", random: &random)
            counter += 1
        }
        return text
    }
}

private struct ServiceBuilder {
    var random: SyntheticRandom
    let name: String
    let label: String
    let environment: String
    let region: String
    var apiBlocks: [String] = []
    var outputs: [String] = []
    var variables: [String] = []
    var localsFormats: [String] = []
    var usesLambda = false

    init(index: Int, random: SyntheticRandom) {
        var random = random
        let noun = random.pick(SyntheticVocabulary.nouns)
        let qualifier = random.pick(SyntheticVocabulary.qualifiers)
        name = "\(noun)-\(qualifier)-\(index)"
        label = SyntheticHCL.label("\(noun)_\(qualifier)")
        environment = random.pick(SyntheticVocabulary.environments)
        region = random.pick(SyntheticVocabulary.regions)
        self.random = random
    }

    mutating func build() -> [(String, String)] {
        let directory = "services/\(name)/"
        var files: [(String, String)] = []
        let apiCount = random.weighted([0, 45, 30, 15, 10])
        for apiIndex in 0..<apiCount {
            let flavor = [APIFlavor.rest, .http, .websocket][random.weighted([50, 35, 15])]
            let style = random.weighted([40, 60])
            if style == 0 { addModuleAPI(flavor, apiIndex) } else { addInlineAPI(flavor, apiIndex) }
        }

        files.append((directory + "versions.tf", SyntheticTerraformModules.providerConstraint + provider()))
        files.append((directory + "variables.tf", variablesFile()))
        var main = "# \(name): API front door and its access logs.\n\n" + localsBlock()
        main += apiBlocks.joined(separator: "\n")
        files.append((directory + "main.tf", main))

        // Filler files: most of a real root is not API Gateway.
        for fileName in ["storage.tf", "compute.tf", "network.tf", "monitoring.tf", "iam.tf"] where random.chance(70) {
            var text = "# \(name): \(fileName.dropLast(3)) resources.\n\n"
            for index in 0..<random.int(2...9) {
                text += SyntheticTerraformFiller.resource(prefix: "\(label)_\(fileName.dropLast(3))_\(index)", random: &random)
            }
            files.append((directory + fileName, text))
        }
        if !outputs.isEmpty {
            files.append((directory + "outputs.tf", outputs.joined(separator: "\n")))
        }
        if random.chance(30) {
            files.append((directory + "terraform.tfvars",
                          "environment        = \(SyntheticHCL.quote(environment))\nlog_retention_days = \(random.pick(SyntheticVocabulary.retentionDays))\n"))
        }
        return files
    }

    func provider() -> String {
        """
        provider "aws" {
          region = var.region

          default_tags {
            tags = {
              Service     = var.service_name
              Environment = var.environment
              Team        = \(SyntheticHCL.quote(SyntheticVocabulary.teams[abs(name.utf8.count) % SyntheticVocabulary.teams.count]))
            }
          }
        }

        """
    }

    func variablesFile() -> String {
        var text = """
        variable "region" {
          type    = string
          default = \(SyntheticHCL.quote(region))
        }

        variable "environment" {
          type    = string
          default = \(SyntheticHCL.quote(environment))
        }

        variable "service_name" {
          type    = string
          default = \(SyntheticHCL.quote(name))
        }

        variable "log_retention_days" {
          type        = number
          default     = 30
          description = "How long API access logs are kept."
        }

        """
        for variable in variables { text += "\n" + variable }
        return text
    }

    func localsBlock() -> String {
        var text = "locals {\n  name_prefix = \"${var.service_name}-${var.environment}\"\n"
        text += "  tags = {\n    Service     = var.service_name\n    Environment = var.environment\n  }\n"
        for format in localsFormats { text += format }
        return text + "}\n\n"
    }

    /// A format expression for `flavor`, defective as asked; may add a local.
    mutating func formatExpression(_ flavor: APIFlavor, _ defect: StageDefect, key: String, indent: Int) -> String {
        if defect == .multiLineFormat {
            return SyntheticHCL.heredoc(["$context.requestId $context.identity.sourceIp",
                                         "$context.status $context.responseLength"], indent: indent)
        }
        let fields = SyntheticVocabulary.applyDefect(defect, to: SyntheticVocabulary.logFields(flavor, &random))
        switch random.weighted([55, 30, 15]) {
        case 0:
            localsFormats.append("  \(key)_log_format = " + SyntheticHCL.jsonencode(fields, indent: 2) + "\n")
            return "local.\(key)_log_format"
        case 1:
            return SyntheticHCL.jsonencode(fields, indent: indent)
        default:
            if defect == .none { return SyntheticHCL.quote(SyntheticVocabulary.commonLogFormat(flavor)) }
            return SyntheticHCL.quote(fields.map(\.1).joined(separator: " "))
        }
    }

    mutating func logGroup(_ key: String) -> String {
        let retention = random.chance(80) ? "  retention_in_days = var.log_retention_days\n" : ""
        let kms = random.chance(15) ? "  kms_key_id        = aws_kms_key.\(key)_logs.arn\n" : ""
        var text = """
        resource "aws_cloudwatch_log_group" "\(key)_access" {
          name              = "/aws/apigateway/${local.name_prefix}-\(key)"
        \(retention)\(kms)  tags              = local.tags
        }

        """
        if !kms.isEmpty {
            text += """

            resource "aws_kms_key" "\(key)_logs" {
              description             = "Access logs of \(key)"
              deletion_window_in_days = 14
              enable_key_rotation     = true
            }

            """
        }
        return text
    }

    func destination(_ key: String, _ defect: StageDefect) -> String {
        defect == .nameInsteadOfARN ? "aws_cloudwatch_log_group.\(key)_access.name" : "aws_cloudwatch_log_group.\(key)_access.arn"
    }

    mutating func addModuleAPI(_ flavor: APIFlavor, _ apiIndex: Int) {
        let key = "\(label)_\(apiIndex)"
        let defect = StageDefect.roll(&random)
        let retention = random.chance(80) ? "  retention_in_days = var.log_retention_days\n" : ""
        var text = """
        module "\(key)_logs" {
          source            = "../../modules/access-logs"
          name              = "/aws/apigateway/${local.name_prefix}-\(apiIndex)"
        \(retention)  tags              = local.tags
        }


        """
        let arn = defect == .nameInsteadOfARN ? "module.\(key)_logs.name" : "module.\(key)_logs.arn"
        switch flavor {
        case .rest:
            let paths = (0..<random.int(1...4)).map { _ in SyntheticHCL.quote(random.pick(SyntheticVocabulary.nouns)) }
            let uniquePaths = paths.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            text += """
            module "\(key)" {
              source        = "../../modules/rest-api"
              name          = "${local.name_prefix}-rest-\(apiIndex)"
              stage_name    = var.environment
              paths         = [\(uniquePaths.joined(separator: ", "))]
              log_group_arn = \(arn)

            """
            if defect == .noAccessLog { text += "  enable_access_logs = false\n" }
            if defect != .none && defect != .noAccessLog && defect != .nameInsteadOfARN {
                text += "  log_format    = " + formatExpression(flavor, defect, key: key, indent: 2) + "\n"
            }
            text += "  tags          = local.tags\n}\n"
            outputs.append("output \"\(key)_url\" {\n  value = module.\(key).invoke_url\n}\n")
        case .http:
            let count = random.int(1...3)
            let names = ["public", "partner", "internal"].prefix(count).map { SyntheticHCL.quote($0) }
            text += """
            module "\(key)" {
              source        = "../../modules/http-api"
              for_each      = toset([\(names.joined(separator: ", "))])
              name          = "${local.name_prefix}-${each.key}"
              backend_url   = "https://\(name).internal.example.com/${each.key}"
              log_group_arn = \(arn)

            """
            if defect != .none && defect != .nameInsteadOfARN {
                text += "  log_format    = " + formatExpression(flavor, defect == .noAccessLog ? .formatWithoutRequestID : defect, key: key, indent: 2) + "\n"
            }
            text += "  tags          = local.tags\n}\n"
        case .websocket:
            text += """
            module "\(key)" {
              source        = "../../modules/websocket-api"
              name          = "${local.name_prefix}-ws-\(apiIndex)"
              stages        = { live = "INFO", canary = "ERROR" }

            """
            if defect != .noAccessLog { text += "  log_group_arn = \(arn)\n" }
            text += "  tags          = local.tags\n}\n"
        }
        apiBlocks.append(text)
    }

    mutating func addInlineAPI(_ flavor: APIFlavor, _ apiIndex: Int) {
        let key = "\(label)_\(apiIndex)"
        let defect = StageDefect.roll(&random)
        var text = logGroup(key) + "\n"
        switch flavor {
        case .rest:
            text += restAPI(key, apiIndex, defect)
        case .http:
            text += httpAPI(key, apiIndex, defect)
        case .websocket:
            text += webSocketAPI(key, apiIndex, defect)
        }
        apiBlocks.append(text)
    }

    mutating func accessLogBlock(_ key: String, _ flavor: APIFlavor, _ defect: StageDefect, indent: Int) -> String {
        if defect == .noAccessLog { return "" }
        let pad = String(repeating: " ", count: indent)
        return "\n" + pad + "access_log_settings {\n"
            + pad + "  destination_arn = " + destination(key, defect) + "\n"
            + pad + "  format          = " + formatExpression(flavor, defect, key: key, indent: indent + 2) + "\n"
            + pad + "}\n"
    }

    mutating func restAPI(_ key: String, _ apiIndex: Int, _ defect: StageDefect) -> String {
        let method = random.pick(SyntheticVocabulary.httpMethods)
        let path = random.pick(SyntheticVocabulary.nouns)
        var text = """
        resource "aws_api_gateway_rest_api" "\(key)" {
          name        = "${local.name_prefix}-rest-\(apiIndex)"
          description = "REST API \(apiIndex) of \(name)"
          endpoint_configuration {
            types = ["REGIONAL"]
          }
        }

        resource "aws_api_gateway_resource" "\(key)_\(path)" {
          rest_api_id = aws_api_gateway_rest_api.\(key).id
          parent_id   = aws_api_gateway_rest_api.\(key).root_resource_id
          path_part   = "\(path)"
        }

        resource "aws_api_gateway_method" "\(key)_\(path)" {
          rest_api_id   = aws_api_gateway_rest_api.\(key).id
          resource_id   = aws_api_gateway_resource.\(key)_\(path).id
          http_method   = "\(method)"
          authorization = "NONE"
        }

        resource "aws_api_gateway_integration" "\(key)_\(path)" {
          rest_api_id = aws_api_gateway_rest_api.\(key).id
          resource_id = aws_api_gateway_resource.\(key)_\(path).id
          http_method = aws_api_gateway_method.\(key)_\(path).http_method
          type        = "MOCK"
          request_templates = {
            "application/json" = jsonencode({ statusCode = 200 })
          }
        }

        resource "aws_api_gateway_deployment" "\(key)" {
          rest_api_id = aws_api_gateway_rest_api.\(key).id
          triggers = {
            redeployment = sha1(jsonencode([aws_api_gateway_resource.\(key)_\(path).id, aws_api_gateway_method.\(key)_\(path).id, aws_api_gateway_integration.\(key)_\(path).id]))
          }
          lifecycle {
            create_before_destroy = true
          }
        }


        """
        let stageCount = random.weighted([70, 20, 10]) + 1
        let stageName = stageCount == 1 ? "var.environment" : "\"${var.environment}-${count.index}\""
        text += "resource \"aws_api_gateway_stage\" \"\(key)\" {\n"
        if stageCount > 1 { text += "  count         = \(stageCount)\n" }
        text += """
          rest_api_id   = aws_api_gateway_rest_api.\(key).id
          deployment_id = aws_api_gateway_deployment.\(key).id
          stage_name    = \(stageName)

        """
        if random.chance(50) { text += "  xray_tracing_enabled = true\n" }
        text += accessLogBlock(key, .rest, defect, indent: 2)
        text += "  tags = local.tags\n}\n\n"
        let stageRef = stageCount == 1 ? "aws_api_gateway_stage.\(key).stage_name" : "aws_api_gateway_stage.\(key)[0].stage_name"
        text += """
        resource "aws_api_gateway_method_settings" "\(key)" {
          rest_api_id = aws_api_gateway_rest_api.\(key).id
          stage_name  = \(stageRef)
          method_path = "*/*"

          settings {
            metrics_enabled    = true
            logging_level      = "\(random.pick(["INFO", "ERROR", "OFF"]))"
            data_trace_enabled = false
          }
        }

        """
        if random.chance(25) {
            // Some services manage the account role themselves instead of the shared accounts/ root.
            text += """

            resource "aws_iam_role" "\(key)_apigw_cloudwatch" {
              name = "${local.name_prefix}-apigw-cw-\(apiIndex)"
              assume_role_policy = jsonencode({
                Version = "2012-10-17"
                Statement = [{
                  Effect    = "Allow"
                  Action    = "sts:AssumeRole"
                  Principal = { Service = "apigateway.amazonaws.com" }
                }]
              })
            }

            resource "aws_iam_role_policy_attachment" "\(key)_apigw_cloudwatch" {
              role       = aws_iam_role.\(key)_apigw_cloudwatch.name
              policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
            }

            resource "aws_api_gateway_account" "\(key)" {
              cloudwatch_role_arn = aws_iam_role.\(key)_apigw_cloudwatch.arn
            }

            """
        }
        outputs.append("output \"\(key)_invoke_url\" {\n  value = aws_api_gateway_stage.\(key)\(stageCount == 1 ? "" : "[0]").invoke_url\n}\n")
        return text
    }

    mutating func httpAPI(_ key: String, _ apiIndex: Int, _ defect: StageDefect) -> String {
        usesLambda = true
        let runtime = random.pick(SyntheticVocabulary.runtimes)
        var text = """
        resource "aws_apigatewayv2_api" "\(key)" {
          name          = "${local.name_prefix}-http-\(apiIndex)"
          protocol_type = "HTTP"
          cors_configuration {
            allow_origins = ["https://\(name).example.com"]
            allow_methods = ["GET", "POST"]
          }
        }

        resource "aws_iam_role" "\(key)_handler" {
          name = "${local.name_prefix}-handler-\(apiIndex)"
          assume_role_policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Allow"
              Action    = "sts:AssumeRole"
              Principal = { Service = "lambda.amazonaws.com" }
            }]
          })
        }

        resource "aws_lambda_function" "\(key)_handler" {
          function_name = "${local.name_prefix}-handler-\(apiIndex)"
          role          = aws_iam_role.\(key)_handler.arn
          runtime       = "\(runtime)"
          handler       = "index.handler"
          filename      = "${path.module}/build/handler.zip"
          memory_size   = \(random.pick([128, 256, 512, 1024]))
          timeout       = \(random.pick([3, 10, 30]))
        }

        resource "aws_apigatewayv2_integration" "\(key)" {
          api_id                 = aws_apigatewayv2_api.\(key).id
          integration_type       = "AWS_PROXY"
          integration_uri        = aws_lambda_function.\(key)_handler.invoke_arn
          payload_format_version = "2.0"
        }

        resource "aws_apigatewayv2_route" "\(key)" {
          for_each  = toset(["GET /\(random.pick(SyntheticVocabulary.nouns))", "POST /\(random.pick(SyntheticVocabulary.nouns))", "$default"])
          api_id    = aws_apigatewayv2_api.\(key).id
          route_key = each.value
          target    = "integrations/${aws_apigatewayv2_integration.\(key).id}"
        }


        """
        let stageCount = random.weighted([60, 30, 10]) + 1
        text += "resource \"aws_apigatewayv2_stage\" \"\(key)\" {\n"
        if stageCount > 1 {
            text += "  count       = \(stageCount)\n  api_id      = aws_apigatewayv2_api.\(key).id\n  name        = \"v${count.index + 1}\"\n"
        } else {
            text += "  api_id      = aws_apigatewayv2_api.\(key).id\n  name        = \"$default\"\n"
        }
        text += "  auto_deploy = true\n"
        text += accessLogBlock(key, .http, defect, indent: 2)
        text += """

          default_route_settings {
            detailed_metrics_enabled = true
            throttling_burst_limit   = \(random.pick([100, 500, 1000]))
            throttling_rate_limit    = \(random.pick([50, 200, 2000]))
          }
        }

        """
        return text
    }

    mutating func webSocketAPI(_ key: String, _ apiIndex: Int, _ defect: StageDefect) -> String {
        var text = """
        resource "aws_apigatewayv2_api" "\(key)" {
          name                       = "${local.name_prefix}-ws-\(apiIndex)"
          protocol_type              = "WEBSOCKET"
          route_selection_expression = "$request.body.action"
        }

        resource "aws_apigatewayv2_integration" "\(key)" {
          api_id           = aws_apigatewayv2_api.\(key).id
          integration_type = "MOCK"
        }

        resource "aws_apigatewayv2_route" "\(key)" {
          for_each  = toset(["$connect", "$disconnect", "$default", "sendMessage"])
          api_id    = aws_apigatewayv2_api.\(key).id
          route_key = each.value
          target    = "integrations/${aws_apigatewayv2_integration.\(key).id}"
        }

        resource "aws_apigatewayv2_stage" "\(key)" {
          for_each = toset(["live", "beta"])
          api_id   = aws_apigatewayv2_api.\(key).id
          name     = each.key

        """
        text += accessLogBlock(key, .websocket, defect, indent: 2)
        text += """

          default_route_settings {
            logging_level          = "\(random.pick(["INFO", "ERROR"]))"
            data_trace_enabled     = false
            throttling_burst_limit = 100
            throttling_rate_limit  = 50
          }
        }

        """
        return text
    }
}
