# UN Chinese documents group figures in thousands with commas (e.g. 14,325,736), unlike
# Django's default of ten-thousands without a separator. Other formats come from Django.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# UN Chinese documents set Arabic numerals apart from the characters around them: seed 002
# (ICCD/CRIC(18)/3) writes "截至 2019 年 5 月 31 日" and "2019 年 6 月" (Django: "2019年5月31日").
DATE_FORMAT = "Y 年 n 月 j 日"
YEAR_MONTH_FORMAT = "Y 年 n 月"
