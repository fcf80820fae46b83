module "api" {
  source = "./modules/api"
  name   = "orders"
}
