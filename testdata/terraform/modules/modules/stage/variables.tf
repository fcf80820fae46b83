variable "name" {
  type = string
}

variable "rest_api_id" {
  type = string
}

variable "deployment_id" {
  type = string
}

variable "log_group_arn" {
  type = string
}

variable "format" {
  type = string
}
