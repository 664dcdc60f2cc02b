# UN Arabic documents group figures in thousands (Django's default for Arabic is no grouping).
THOUSAND_SEPARATOR = ","
DECIMAL_SEPARATOR = "."
NUMBER_GROUPING = 3
