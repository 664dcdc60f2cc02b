# UN Arabic documents group figures in thousands (Django's default for Arabic is no grouping).
THOUSAND_SEPARATOR = ","
DECIMAL_SEPARATOR = "."
NUMBER_GROUPING = 3
# UN Arabic documents write dates without a comma: "31 مايو 2019" (Django's default is "31 مايو، 2019").
DATE_FORMAT = "j F Y"
