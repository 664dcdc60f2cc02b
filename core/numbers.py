"""Reading and writing numbers as people type and read them, in the active language.

One parser (`parse_number`) for every path where a person's number arrives as text: the web
forms, the XLSX and CSV imports and the strings of the values API. It reads the grouping and the
decimal sign of the user's language with Babel ("1,234.5" in English, "1 234,5" in French,
"1.234,5" in Spanish), accepts a plain space as grouping in every language, and refuses
ambiguous input ("1,23" in English, "1.5" in Spanish) with a message that proposes the readings.
Numbers that arrive as numbers (JSON, spreadsheet cells) are taken as they are.
"""

import re
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

SPACES = re.compile(r"[\s\u00a0\u202f]+")


class Numeral(str):
    """The text of a number that arrived as a number (a numeric spreadsheet cell): it reads the
    same in every language ("1234.5"), so `parse_number` takes it as it is."""

    __slots__ = ()

    @classmethod
    def of(cls, number) -> "Numeral":
        if isinstance(number, float):
            return cls(str(int(number)) if number.is_integer() else repr(number))
        return cls(f"{Decimal(number).normalize():f}" if isinstance(number, Decimal) else str(number))


def number_locale(language: str | None = None) -> Locale:
    """The Babel locale of `language`, by default the active language (English if unknown)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def number_symbols(language: str | None = None) -> dict[str, str]:
    """The decimal sign and the grouping sign of `language`, for the pages' scripts."""
    locale = number_locale(language)
    return {"decimal": get_decimal_symbol(locale), "group": get_group_symbol(locale)}


def parse_number(value, *, language: str | None = None) -> Decimal:
    """`value` as a Decimal; text is read in `language` (default: the active language).

    Raises ValidationError (code "invalid" or "ambiguous") with a message for the person who typed it.
    """
    if isinstance(value, bool):
        raise ValidationError(gettext("'%(value)s' is not a number.") % {"value": value}, code="invalid")
    if isinstance(value, int | Decimal | Numeral):
        number = _decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        number = _parse_text(str(value).strip(), number_locale(language))
    if not number.is_finite():
        raise ValidationError(gettext("'%(value)s' is not a number.") % {"value": value}, code="invalid")
    return number


def _decimal(value) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValidationError(
            gettext("'%(value)s' is not a number.") % {"value": value}, code="invalid"
        ) from error


def _parse_text(text: str, locale: Locale) -> Decimal:
    group = get_group_symbol(locale)
    # A space groups digits in every language (ISO 31-0); in the languages that group with a
    # (narrow) no-break space, a plain space is what people type.
    spaced = SPACES.sub(group, text)
    try:
        return parse_decimal(spaced, locale=locale, strict=True)
    except NumberFormatError as error:
        readings = [reading for reading in (error.suggestions or []) if reading]
        if readings:
            raise ValidationError(
                gettext("'%(value)s' is ambiguous: did you mean %(readings)s?")
                % {"value": text, "readings": gettext(" or ").join(readings)},
                code="ambiguous",
            ) from error
        raise ValidationError(
            gettext("'%(value)s' is not a number.") % {"value": text}, code="invalid"
        ) from error
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(
            gettext("'%(value)s' is not a number.") % {"value": text}, code="invalid"
        ) from error


def format_number(number: Decimal | None, *, language: str | None = None) -> str:
    """`number` as typed back into a form in `language`: grouped, every significant decimal kept,
    so that `parse_number` reads it back unchanged."""
    if number is None:
        return ""
    return format_decimal(number.normalize(), locale=number_locale(language), decimal_quantization=False)
