"""Reading a typed indicator value from what a person typed (forms, API, spreadsheets)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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


def _parse_number(raw: str, *, percentage: bool, maximum: Decimal | None) -> ParsedValue:
    text = raw.rstrip("%").strip() if percentage else raw
    try:
        number = Decimal(text.replace(" ", ""))
    except InvalidOperation:
        return ParsedValue(raw, error=f"'{raw}' is not a number.")
    if not number.is_finite():
        return ParsedValue(raw, error=f"'{raw}' is not a number.")
    if number < 0:
        return ParsedValue(raw, error="The value cannot be negative.")
    if percentage and number > 100:
        return ParsedValue(raw, error=f"A percentage must be between 0 and 100, not {raw}.")
    if maximum is not None and number > maximum:
        return ParsedValue(raw, error=f"The value cannot exceed {maximum.normalize():f}.")
    if abs(number) >= Decimal(10) ** 16:
        return ParsedValue(raw, error="The value is too large.")
    return ParsedValue(raw, number=number.quantize(Decimal("0.0001")))


def parse_indicator_value(indicator, raw) -> ParsedValue:
    """Parse `raw` for `indicator`; an invalid value comes back with `error` set and no typed value."""
    raw = "" if raw is None else str(raw).strip()
    if raw == "":
        return ParsedValue("")
    value_type = indicator.value_type
    if value_type == IndicatorValueType.TEXT:
        if len(raw) > MAX_TEXT:
            return ParsedValue(raw[:MAX_TEXT], error=f"The text is longer than {MAX_TEXT} characters.")
        return ParsedValue(raw)
    if value_type == IndicatorValueType.YES_NO:
        lowered = raw.lower()
        if lowered in YES:
            return ParsedValue(raw, boolean=True)
        if lowered in NO:
            return ParsedValue(raw, boolean=False)
        return ParsedValue(raw, error=f"Answer yes or no, not '{raw}'.")
    return _parse_number(
        raw[:MAX_TEXT],
        percentage=value_type == IndicatorValueType.PERCENTAGE,
        maximum=indicator.maximum_value,
    )
