locals {
  log_format = jsonencode({
    requestId = "$context.requestId"
    ip        = "$context.identity.sourceIp"
    status    = "$context.status"
    html      = "<b>&</b>"
  })
  prefix = "${var.env}-${var.from_tfvars}-${var.auto_wins}"
}

resource "aws_cloudwatch_log_group" "stage" {
  for_each          = var.stages
  name              = "/aws/apigateway/${local.prefix}/${each.key}"
  retention_in_days = each.value.retention
}

resource "aws_api_gateway_rest_api" "api" {
  name = "${local.prefix}-api"
}

resource "aws_api_gateway_deployment" "dep" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

module "stage" {
  source        = "./modules/stage"
  count         = 2
  name          = "s${count.index}"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.dep.id
  log_group_arn = aws_cloudwatch_log_group.stage["prod"].arn
  format        = local.log_format
}

module "regional" {
  source        = "./modules/stage"
  for_each      = toset(["eu", "us"])
  name          = "r-${each.key}"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.dep.id
  log_group_arn = aws_cloudwatch_log_group.stage[each.key == "eu" ? "prod" : "test"].arn
  format        = var.stages[each.key == "eu" ? "prod" : "test"].format
}

output "stage_group_name" {
  value = module.stage[1].log_group_name
}
