// Non-API Terraform resources (buckets, functions, tables, queues, security groups, alarms, policies) that make
// up most of a real configuration.

enum SyntheticTerraformFiller {
    /// One filler resource group, labelled from `prefix`, ending with a blank line.
    static func resource(prefix: String, random: inout SyntheticRandom) -> String {
        let noun = random.pick(SyntheticVocabulary.nouns)
        switch random.weighted([20, 15, 15, 12, 10, 8, 8, 7, 5]) {
        case 0: return bucket(prefix, noun, &random)
        case 1: return function(prefix, noun, &random)
        case 2: return securityGroup(prefix, noun, &random)
        case 3: return table(prefix, noun, &random)
        case 4: return queue(prefix, noun, &random)
        case 5: return topic(prefix, noun, &random)
        case 6: return alarm(prefix, noun, &random)
        case 7: return policy(prefix, noun, &random)
        default: return parameter(prefix, noun, &random)
        }
    }

    static func bucket(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        var text = """
        resource "aws_s3_bucket" "\(key)" {
          bucket = "\(noun)-\(random.hex(8))"
          tags = {
            Name = "\(noun)"
          }
        }

        resource "aws_s3_bucket_public_access_block" "\(key)" {
          bucket                  = aws_s3_bucket.\(key).id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = true
        }


        """
        if random.chance(60) {
            text += """
            resource "aws_s3_bucket_versioning" "\(key)" {
              bucket = aws_s3_bucket.\(key).id
              versioning_configuration {
                status = "Enabled"
              }
            }


            """
        }
        if random.chance(60) {
            text += """
            resource "aws_s3_bucket_server_side_encryption_configuration" "\(key)" {
              bucket = aws_s3_bucket.\(key).id
              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm = "aws:kms"
                }
                bucket_key_enabled = true
              }
            }


            """
        }
        return text
    }

    static func function(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        let variables = (0..<random.int(1...5)).map { index in
            "      \(noun.uppercased())_SETTING_\(index) = \"\(random.hex(6))\""
        }.joined(separator: "\n")
        return """
        data "aws_iam_policy_document" "\(key)_assume" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "Service"
              identifiers = ["lambda.amazonaws.com"]
            }
          }
        }

        resource "aws_iam_role" "\(key)" {
          name               = "\(noun)-\(random.hex(6))"
          assume_role_policy = data.aws_iam_policy_document.\(key)_assume.json
        }

        resource "aws_iam_role_policy_attachment" "\(key)_basic" {
          role       = aws_iam_role.\(key).name
          policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        }

        resource "aws_lambda_function" "\(key)" {
          function_name = "\(noun)-worker-\(random.hex(6))"
          role          = aws_iam_role.\(key).arn
          runtime       = "\(random.pick(SyntheticVocabulary.runtimes))"
          handler       = "main.handler"
          filename      = "${path.module}/build/\(noun).zip"
          memory_size   = \(random.pick([128, 256, 512, 1024, 2048]))
          timeout       = \(random.pick([3, 15, 60, 300]))

          environment {
            variables = {
        \(variables)
            }
          }
        }

        resource "aws_cloudwatch_log_group" "\(key)_lambda" {
          name              = "/aws/lambda/${aws_lambda_function.\(key).function_name}"
          retention_in_days = \(random.pick(SyntheticVocabulary.retentionDays))
        }


        """
    }

    static func securityGroup(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        var text = """
        resource "aws_security_group" "\(key)" {
          name        = "\(noun)-\(random.hex(6))"
          description = "Traffic for \(noun)"
          vpc_id      = "vpc-\(random.hex(17))"

        """
        for _ in 0..<random.int(1...4) {
            let port = random.pick([22, 80, 443, 5432, 6379, 8080, 9090])
            text += """

              ingress {
                description = "port \(port)"
                from_port   = \(port)
                to_port     = \(port)
                protocol    = "tcp"
                cidr_blocks = ["10.\(random.int(0...255)).0.0/16"]
              }

            """
        }
        text += """

          egress {
            from_port   = 0
            to_port     = 0
            protocol    = "-1"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }


        """
        return text
    }

    static func table(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        let range = random.chance(50)
        return """
        resource "aws_dynamodb_table" "\(key)" {
          name         = "\(noun)-\(random.hex(6))"
          billing_mode = "PAY_PER_REQUEST"
          hash_key     = "pk"
        \(range ? "  range_key    = \"sk\"\n" : "")
          attribute {
            name = "pk"
            type = "S"
          }
        \(range ? "\n  attribute {\n    name = \"sk\"\n    type = \"S\"\n  }\n" : "")
          point_in_time_recovery {
            enabled = true
          }

          ttl {
            attribute_name = "expires_at"
            enabled        = \(random.chance(50))
          }
        }


        """
    }

    static func queue(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        """
        resource "aws_sqs_queue" "\(key)_dlq" {
          name                      = "\(noun)-\(random.hex(6))-dlq"
          message_retention_seconds = 1209600
        }

        resource "aws_sqs_queue" "\(key)" {
          name                       = "\(noun)-\(random.hex(6))"
          visibility_timeout_seconds = \(random.pick([30, 60, 300]))
          redrive_policy = jsonencode({
            deadLetterTargetArn = aws_sqs_queue.\(key)_dlq.arn
            maxReceiveCount     = \(random.int(2...10))
          })
        }


        """
    }

    static func topic(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        """
        resource "aws_sns_topic" "\(key)" {
          name              = "\(noun)-events-\(random.hex(6))"
          kms_master_key_id = "alias/aws/sns"
        }

        resource "aws_sns_topic_subscription" "\(key)" {
          topic_arn = aws_sns_topic.\(key).arn
          protocol  = "email"
          endpoint  = "\(noun)-alerts@example.com"
        }


        """
    }

    static func alarm(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        """
        resource "aws_cloudwatch_metric_alarm" "\(key)" {
          alarm_name          = "\(noun)-errors-\(random.hex(6))"
          comparison_operator = "GreaterThanThreshold"
          evaluation_periods  = \(random.int(1...5))
          metric_name         = "\(random.pick(["5XXError", "4XXError", "Latency", "Errors", "Throttles"]))"
          namespace           = "\(random.pick(["AWS/ApiGateway", "AWS/Lambda", "AWS/SQS"]))"
          period              = \(random.pick([60, 300]))
          statistic           = "Sum"
          threshold           = \(random.int(1...100))
          alarm_description   = "Errors of \(noun) above the threshold"
          treat_missing_data  = "notBreaching"
        }


        """
    }

    static func policy(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        """
        data "aws_iam_policy_document" "\(key)" {
          statement {
            sid       = "Read\(noun.capitalizedFirst)"
            effect    = "Allow"
            actions   = ["s3:GetObject", "s3:ListBucket"]
            resources = ["arn:aws:s3:::\(noun)-\(random.hex(8))", "arn:aws:s3:::\(noun)-\(random.hex(8))/*"]
          }

          statement {
            sid       = "Publish"
            effect    = "Allow"
            actions   = ["sns:Publish"]
            resources = ["*"]
          }
        }

        resource "aws_iam_policy" "\(key)" {
          name   = "\(noun)-access-\(random.hex(6))"
          policy = data.aws_iam_policy_document.\(key).json
        }


        """
    }

    static func parameter(_ key: String, _ noun: String, _ random: inout SyntheticRandom) -> String {
        """
        resource "aws_ssm_parameter" "\(key)" {
          name  = "/\(noun)/config/\(random.hex(6))"
          type  = "String"
          value = "\(random.hex(24))"
        }


        """
    }
}

extension String {
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
