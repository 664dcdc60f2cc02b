"""Reading a typed indicator value from what a person typed (forms, API, spreadsheets).

Numbers are read by `core.numbers.parse_number` in the active language; a number that arrives as a
number (a JSON number, a numeric spreadsheet cell, a default value) is taken as it is.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from core.numbers import Numeral, parse_number

from .choices import IndicatorValueType

YES = frozenset({"yes", "y", "true", "1", "oui", "sí", "si", "是"})
NO = frozenset({"no", "n", "false", "0", "non", "否"})
MAX_TEXT = 2000


@dataclass(frozen=True)
class ParsedValue:
    raw: str
    number: Decimal | None = None
    boolean: bool | None = None
    error: str = ""

    @property
    def is_empty(self) -> bool:
        return self.raw == ""


def _parse_number(value, *, percentage: bool, maximum: Decimal | None) -> ParsedValue:
    raw = value if isinstance(value, str) and not isinstance(value, Numeral) else ""
    if percentage and raw:
        value = raw.rstrip("%").strip()
    try:
        number = parse_number(value)
    except ValidationError as error:
        return ParsedValue(raw or str(value), error=error.messages[0])
    if not raw:
        raw = f"{number.normalize():f}"
    if number < 0:
        return ParsedValue(raw, error=gettext("The value cannot be negative."))
    if percentage and number > 100:
        return ParsedValue(
            raw, error=gettext("A percentage must be between 0 and 100, not %(value)s.") % {"value": raw}
        )
    if maximum is not None and number > maximum:
        return ParsedValue(
            raw,
            error=gettext("The value cannot exceed %(maximum)s.") % {"maximum": f"{maximum.normalize():f}"},
        )
    if abs(number) >= Decimal(10) ** 16:
        return ParsedValue(raw, error=gettext("The value is too large."))
    # A valid number is kept in one spelling ("1234.5"), whatever the language it was typed in.
    number = number.quantize(Decimal("0.0001"))
    return ParsedValue(f"{number.normalize():f}", number=number)


def parse_indicator_value(indicator, raw) -> ParsedValue:
    """Parse `raw` for `indicator`; an invalid value comes back with `error` set and no typed value.

    Text is read in the active language; numbers (int, Decimal, float) as they are."""
    value_type = indicator.value_type
    is_number = isinstance(raw, int | float | Decimal | Numeral) and not isinstance(raw, bool)
    if is_number and value_type in (IndicatorValueType.NUMBER, IndicatorValueType.PERCENTAGE):
        return _parse_number(
            raw, percentage=value_type == IndicatorValueType.PERCENTAGE, maximum=indicator.maximum_value
        )
    raw = "" if raw is None else str(raw).strip()
    if raw == "":
        return ParsedValue("")
    if value_type == IndicatorValueType.TEXT:
        if len(raw) > MAX_TEXT:
            return ParsedValue(
                raw[:MAX_TEXT],
                error=gettext("The text is longer than %(limit)s characters.") % {"limit": MAX_TEXT},
            )
        return ParsedValue(raw)
    if value_type == IndicatorValueType.YES_NO:
        lowered = raw.lower()
        if lowered in YES:
            return ParsedValue(raw, boolean=True)
        if lowered in NO:
            return ParsedValue(raw, boolean=False)
        return ParsedValue(raw, error=gettext("Answer yes or no, not '%(value)s'.") % {"value": raw})
    return _parse_number(
        raw[:MAX_TEXT],
        percentage=value_type == IndicatorValueType.PERCENTAGE,
        maximum=indicator.maximum_value,
    )
