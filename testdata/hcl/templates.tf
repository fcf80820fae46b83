resource "aws_api_gateway_stage" "this" {
  stage_name = "prod-${var.env}"
  escapes    = "tab\tquote\" nl\n \u00e9 \U0001F600 $${literal} %%{literal}"
  single     = "${aws_cloudwatch_log_group.logs.arn}"
  directive  = "%{ if var.x ~} yes %{~ else } no %{ endif }"
  loop       = "%{ for k, v in var.m }${k}=${v},%{ endfor }"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.logs.arn
    format          = <<EOT
{ "requestId": "$context.requestId", "ip": "${var.ip}" }
EOT
  }

  policy = <<-POLICY
    {
      "Version": "2012-10-17"
    }
  POLICY
}

one_line "a" b { x = 1 }
empty {}
