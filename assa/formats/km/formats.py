# Khmer dates read "9 ខែ ធ្នូ ឆ្នាំ 2020"; the template filters turn the digits Khmer.
# Abbreviated month names have no Khmer form, so the short formats use full names.
DATE_FORMAT = "j ខែ F ឆ្នាំ Y"
DATETIME_FORMAT = "j ខែ F ឆ្នាំ Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "ខែ F ឆ្នាំ Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
