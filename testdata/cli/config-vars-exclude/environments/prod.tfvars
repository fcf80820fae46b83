log_format = "$context.requestId $context.identity.sourceIP"
