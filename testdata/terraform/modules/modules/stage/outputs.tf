output "log_group_name" {
  value = aws_cloudwatch_log_group.own.name
}

output "stage_arn" {
  value = aws_api_gateway_stage.this.arn
}
