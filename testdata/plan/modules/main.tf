# Root module passes a log group ARN through two levels of modules; one module call uses for_each.
resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/modules-access"
}

module "api" {
  source        = "./modules/api"
  name          = "orders"
  log_group_arn = aws_cloudwatch_log_group.access.arn
}

module "regional" {
  source        = "./modules/api"
  for_each      = toset(["eu", "us"])
  name          = "regional-${each.key}"
  log_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:${each.key}-access"
}

# A root resource that reads a module output: the reference continues inside the module.
resource "aws_apigatewayv2_stage" "root" {
  api_id = module.api.api_id
  name   = "root"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}
