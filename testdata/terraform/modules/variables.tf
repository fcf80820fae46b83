variable "env" {
  type    = string
  default = "dev"
}

variable "stages" {
  type = map(object({
    retention = optional(number, 7)
    format    = optional(string, "$context.requestId")
  }))
  default = {
    prod = { retention = 30 }
    test = { format = "$context.requestId $context.status" }
  }
}

variable "from_tfvars" {
  default = "default"
}

variable "auto_wins" {
  default = "default"
}

variable "unset" {
  type = string
}
