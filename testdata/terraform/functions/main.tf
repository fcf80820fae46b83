locals {
  obj = {
    zeta   = "last"
    alpha  = 1
    nested = { b = [1, 2.5, -3, 1e3, 0.1], a = null, t = true }
    html   = "<script>&amp;</script>"
    ctrl   = "tab\there\nline \u2028 \"q\" \\ ü"
  }
  names = ["b", "a", "c", "a"]
}

output "jsonencode_object" { value = jsonencode(local.obj) }
output "jsonencode_numbers" { value = jsonencode([0, 1, -1, 1.5, 100000000000000000000, 0.000001, 123456789.125]) }
output "jsonencode_string" { value = jsonencode("a<b>&c") }
output "yamlencode" { value = yamlencode({ b = [1, "two", { c = true }], a = "x", e = [], m = "l1\nl2\n" }) }
output "format" { value = format("%s-%d-%05.2f-%q-%t-%v-%x-%%", "s", 42, 3.14159, "q\"", true, 7, 255) }
output "formatlist" { value = formatlist("%s=%s", ["a", "b"], "v") }
output "join_split" { value = join("|", split(",", "a,b,,c")) }
output "replace_plain" { value = replace("a-b-c", "-", "_") }
output "replace_regex" { value = replace("stage-prod-01", "/([a-z]+)-(\\d+)$/", "$2:$1") }
output "regex_groups" { value = regex("^(\\w+)-(\\w+)$", "foo-bar") }
output "regex_named" { value = regex("(?P<env>[a-z]+)\\.(?P<region>[a-z0-9-]+)", "prod.us-east-1") }
output "case" { value = [lower("AbC"), upper("aBc"), title("hello world-foo bar_baz")] }
output "trims" { value = [trimspace("  x \n"), trim("--x--", "-"), trimprefix("arn:x:*", "arn:"), trimsuffix("arn:x:*", ":*"), chomp("x\n\n")] }
output "substr" { value = [substr("hello", 1, 3), substr("hello", -3, -1), substr("héllo", 0, 2)] }
output "predicates" { value = [startswith("abc", "ab"), endswith("abc", "bc"), strcontains("abc", "d")] }
output "collections" {
  value = {
    concat   = concat([1], [2, 3])
    merge    = merge({ a = 1, b = 2 }, { b = 3 })
    lookup   = lookup({ a = "x" }, "b", "default")
    coalesce = coalesce("", "first")
    clist    = coalescelist([], ["x"])
    compact  = compact(["a", "", "b"])
    flatten  = flatten([[1, [2]], 3])
    length   = [length("héllo"), length([1, 2]), length({ a = 1 })]
    element  = element(["a", "b"], 3)
    keys     = keys({ b = 1, a = 2 })
    values   = values({ b = 1, a = 2 })
    contains = contains(local.names, "c")
    distinct = distinct(local.names)
    zipmap   = zipmap(["k1", "k2"], [1, 2])
    one      = one(["only"])
    range    = range(1, 10, 3)
    try      = try(local.obj.missing, "fallback")
    can      = [can(local.obj.alpha), can(local.obj.missing)]
    toset    = toset(local.names)
  }
}
output "conversions" { value = [tostring(12), tonumber("3.5"), tobool("true"), tolist(["a"]), tomap({ a = "b" })] }
output "encodings" { value = [base64encode("hello, world"), md5("hello"), sha256("hello"), sha1("hello")] }
output "file" { value = file("${path.module}/format.tpl") }
output "templatefile" { value = templatefile("${path.module}/format.tpl", { stage = "prod", keys = ["requestId", "status"] }) }
output "template_directives" { value = "%{for i, n in local.names}${i}:${n}%{if i < 3},%{endif}%{endfor}" }
output "heredoc" {
  value = <<-EOT
    line one
      indented ${local.names[0]}
    EOT
}
output "for_expressions" {
  value = {
    tuple   = [for i, n in local.names : "${i}-${n}" if n != "c"]
    object  = { for n in local.names : n => upper(n)... }
    splat   = [{ a = 1 }, { a = 2 }][*].a
    cond    = length(local.names) > 3 ? "many" : "few"
    math    = [7 % 3, 7 / 2, -2 * 3, 1 + 2 == 3, !true || false]
  }
}
output "jsondecode" { value = jsondecode("{\"b\":[1,true,null],\"a\":\"x\"}") }
