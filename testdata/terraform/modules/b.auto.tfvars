auto_wins = "auto"
