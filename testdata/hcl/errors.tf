good = 1
bad = "unterminated
also_good = [1, 2
  3]
a = 1
a = 2
block "x" {
  nested = }
}
after = true
