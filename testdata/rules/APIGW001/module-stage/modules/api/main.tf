variable "name" {}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = var.name
}
