# Every expression form of the HCL native syntax.
locals {
  number   = 1.5e3
  negative = -42
  flags    = [true, false, null]
  math     = 1 + 2 * 3 - 4 / 2 % 5
  logic    = !a && b || c == d && e != f
  compare  = x < 1 || x <= 2 || x > 3 || x >= 4
  cond     = var.enabled ? "on" : "off"
  parens   = (1 + 2) * 3
  object   = { a = 1, "b" : 2, (var.k) = 3
    c = 4 }
  call     = lookup(var.map, "key", null)
  expand   = max(var.numbers...)
  provider = provider::aws::arn_parse(var.arn)
  index    = var.list[0].name
  legacy   = var.list.0.name
  splat    = aws_instance.web[*].id
  attrs    = aws_instance.web.*.private_ip
  for_list = [for i, v in var.list : upper(v) if v != ""]
  for_map  = { for k, v in var.map : k => v... }
  rel      = element(var.list, 0).id
}
