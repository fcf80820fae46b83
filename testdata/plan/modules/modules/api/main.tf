variable "name" { type = string }
variable "log_group_arn" { type = string }

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
}

module "stage" {
  source      = "../stage"
  api_id      = aws_apigatewayv2_api.this.id
  destination = var.log_group_arn
}

output "api_id" {
  value = aws_apigatewayv2_api.this.id
}
