"""The one number parser: the user's language decides grouping and decimals; ambiguity is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.numbers import Numeral, format_number, number_symbols, parse_number


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "1,234", "1234"),
        ("en", "1,234.5", "1234.5"),
        ("en", "58 120", "58120"),
        ("fr", "1 234,5", "1234.5"),
        ("fr", "1\u202f234,5", "1234.5"),
        ("ru", "1 234,5", "1234.5"),
        ("es", "1.234,5", "1234.5"),
        ("es", "1.234", "1234"),
        ("zh-hans", "1,234.5", "1234.5"),
        ("ar", "1,234.5", "1234.5"),
    ],
)
def test_numbers_are_read_in_the_users_language(language, text, expected):
    assert parse_number(text, language=language) == Decimal(expected)


@pytest.mark.parametrize(
    ("language", "text", "message"),
    [
        ("en", "1,23", "'1,23' is ambiguous: did you mean 123 or 1.23?"),
        ("es", "1.5", "'1.5' is ambiguous: did you mean 15 or 1,5?"),
        ("en", "1.234,5", "'1.234,5' is ambiguous: did you mean 1.2345 or 1,234.5?"),
    ],
)
def test_ambiguous_numbers_are_refused_with_the_readings(language, text, message):
    with pytest.raises(ValidationError) as error:
        parse_number(text, language=language)
    assert error.value.code == "ambiguous"
    assert error.value.messages == [message]


@pytest.mark.parametrize("text", ["abc", "", "NaN", "12 apples"])
def test_text_that_is_no_number_is_refused(text):
    with pytest.raises(ValidationError) as error:
        parse_number(text, language="en")
    assert error.value.code == "invalid"


def test_numbers_that_arrive_as_numbers_read_the_same_in_every_language():
    for language in ("en", "fr", "es"):
        assert parse_number(Numeral.of(1234.5), language=language) == Decimal("1234.5")
        assert parse_number(1234, language=language) == Decimal(1234)
        assert parse_number(Decimal("0.25"), language=language) == Decimal("0.25")
    with pytest.raises(ValidationError):
        parse_number(True)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh-hans"])
def test_a_formatted_number_reads_back_unchanged(language):
    number = Decimal("1234567.8912")
    assert parse_number(format_number(number, language=language), language=language) == number


def test_the_scripts_get_the_languages_signs():
    assert number_symbols("es") == {"decimal": ",", "group": "."}
    assert number_symbols("en") == {"decimal": ".", "group": ","}
