# UN Chinese documents group figures in thousands with commas (e.g. 14,325,736), unlike
# Django's default of ten-thousands without a separator. Other formats come from Django.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
