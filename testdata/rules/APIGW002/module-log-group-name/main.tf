resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/orders"
  retention_in_days = 14
}

module "api" {
  source        = "./modules/api"
  log_group_arn = aws_cloudwatch_log_group.access.name
}
