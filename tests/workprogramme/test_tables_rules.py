"""The rules of national tables (workprogramme.tables): table layout, single cells, cross-cell rules,
errors against warnings, every message named by its coordinates."""

from decimal import Decimal

import pytest

from tests.factories import ReportingCycleFactory
from workprogramme.choices import ValueSource
from workprogramme.models import Observation
from workprogramme.selectors import land_area_by_year, table_specs
from workprogramme.tables import FilledTable, RuleContext, check_table, infer_source, parse_cell

from .conftest import LAND_AREA, LAND_COVER_DEFAULTS, land_cover_defaults, national, sf_indicator

pytestmark = pytest.mark.django_db

YEARS = ["2000", "2015", "2019", "2023"]


def spec_of(code: str, cycle=None):
    indicator = national(code)
    return table_specs([indicator], cycle=cycle)[indicator.pk]


def filled(spec, values: dict, defaults: dict | None = None, **cell_fields) -> FilledTable:
    """A table whose cells hold `values` ({(key, period): text}) as a draft would store them."""
    cells = {}
    for (key, period), raw in values.items():
        parsed = parse_cell(spec, raw)
        cell = Observation(
            indicator=spec.indicator, key=key, time_period=period, raw_value=parsed.raw,
            number_value=parsed.number, boolean_value=parsed.boolean, error=parsed.error,
            default_value=(defaults or {}).get((key, period)), **cell_fields,
        )  # fmt: skip
        cell.source = cell_fields.get("source") or infer_source(cell, is_table_cell=True)
        cells[(key, period)] = cell
    return FilledTable(spec=spec, cells=cells)


def land_cover(changes: dict | None = None) -> dict:
    values = {
        (key, year): str(row[index])
        for key, row in LAND_COVER_DEFAULTS.items()
        for index, year in enumerate(YEARS)
    }
    return values | (changes or {})


def messages(problems) -> tuple[list[str], list[str]]:
    return problems.error_texts, problems.warning_texts


def test_rows_are_the_product_of_the_members_in_order_and_columns_the_periods():
    spec = spec_of("SO1-2")
    assert len(spec.rows) == 7 * 6 and spec.periods == ["2000/2015", "2016/2023"]
    assert [row.key for row in spec.rows[:2]] == [
        "LAND_COVER=TREE;PRODUCTIVITY=DECLINING",
        "LAND_COVER=TREE;PRODUCTIVITY=MODERATE_DECLINE",
    ]
    assert spec.rows[1].label == "Tree-covered areas / Moderate decline"
    assert spec.rows[1].members == {"LAND_COVER": "TREE", "PRODUCTIVITY": "MODERATE_DECLINE"}
    assert (
        spec.where(spec.rows[1], "2016/2023") == "SO1-2.T1, Tree-covered areas / Moderate decline, 2016/2023"
    )
    degraded = spec_of("SO1-4.1")
    assert [row.label for row in degraded.rows] == ["Degraded land area"] and not degraded.is_scalar
    scalar = table_specs([sf_indicator("5.2")])[sf_indicator("5.2").pk]
    assert scalar.is_scalar and scalar.periods == [""] and scalar.where(scalar.rows[0], "") == "Indicator 5.2"


def test_a_cycle_may_ask_for_other_time_periods():
    cycle = ReportingCycleFactory(indicators=[national("SO1-1")])
    cycle.cycle_indicators.update(time_periods="2015,2023")
    assert spec_of("SO1-1", cycle).periods == ["2015", "2023"]
    assert spec_of("SO1-1").periods == YEARS


@pytest.mark.parametrize(
    ("code", "raw", "error"),
    [
        ("SO2-3", "1200", ""),
        ("SO2-3", "1200.5", "Count whole persons: '1200.5' is not a whole number."),
        ("SO1-4.3", "High", ""),
        ("SO1-4.3", "sure", "The level of confidence is high, medium or low, not 'sure'."),
        ("SO1-4.2", "101", "A percentage must be between 0 and 100, not 101."),
        ("SO1-4.2", "12.5 %", ""),
        ("SO1-1", "-1", "The value cannot be negative."),
        ("SO1-1", "12a", "'12a' is not a number."),
    ],
)
def test_single_cell_rules(code, raw, error):
    assert parse_cell(spec_of(code), raw).error == error


def test_land_cover_adds_up_to_the_land_area_within_half_a_percent(kenya):
    land_cover_defaults(kenya)
    area = land_area_by_year(kenya)
    assert area == dict.fromkeys(YEARS, LAND_AREA)
    spec = spec_of("SO1-1")
    context = RuleContext(land_area=area)
    # 2,900 km² more forest (0.5 % of the land area is 2,901.8): accepted.
    assert messages(
        check_table(filled(spec, land_cover({("LAND_COVER=TREE", "2019"): "37900"})), context)
    ) == ([], [])
    errors, warnings = messages(
        check_table(filled(spec, land_cover({("LAND_COVER=TREE", "2019"): "38000"})), context)
    )
    assert errors == [
        "SO1-1.T4, 2019: the land-cover classes add up to 583,367 km², not to the country's land area "
        "of 580,367 km² (more than 0.5 % apart)."
    ]
    assert warnings == []


def test_without_default_land_cover_the_land_area_is_unknown_a_warning(kenya):
    assert land_area_by_year(kenya) == {}
    errors, warnings = messages(check_table(filled(spec_of("SO1-1"), land_cover()), RuleContext()))
    assert errors == []
    assert warnings[0] == (
        "SO1-1.T4, 2000: the country's land area is unknown (no default land-cover data for 2000): "
        "the classes' total (580,367 km²) could not be checked."
    )
    assert len(warnings) == 4


def test_a_year_with_a_missing_class_has_no_land_area(kenya):
    from workprogramme.models import DefaultObservation

    land_cover_defaults(kenya)
    DefaultObservation.objects.filter(key="LAND_COVER=WATER", time_period="2023").delete()
    assert set(land_area_by_year(kenya)) == {"2000", "2015", "2019"}


def test_female_and_male_make_the_total():
    spec = spec_of("SO2-3")
    values = {("SEX=F", "2015"): "100", ("SEX=M", "2015"): "120", ("SEX=_T", "2015"): "221",
              ("SEX=F", "2023"): "100", ("SEX=M", "2023"): "120", ("SEX=_T", "2023"): "220"}  # fmt: skip
    errors, warnings = messages(check_table(filled(spec, values), RuleContext()))
    assert errors == ["SO2-3.T1, Total, 2015: female (100) + male (120) = 220, not the total (221)."]
    assert warnings == []


def test_degraded_land_is_not_above_the_land_area():
    spec = spec_of("SO1-4.1")
    values = {("", "2000/2015"): "1000", ("", "2016/2019"): "600000", ("", "2016/2023"): "10"}
    context = RuleContext(land_area={"2015": Decimal(LAND_AREA), "2019": Decimal(LAND_AREA)})
    errors, warnings = messages(check_table(filled(spec, values), context))
    assert errors == [
        "SO1-4.T2, Degraded land area, 2016/2019: the degraded area (600,000 km²) is larger than the "
        "country's land area (580,367 km²)."
    ]
    assert warnings == [
        "SO1-4.T2, Degraded land area, 2016/2023: the country's land area is unknown (no default "
        "land-cover data): the degraded area could not be checked against it."
    ]


def test_required_tables_need_every_cell_and_optional_ones_none():
    spec = spec_of("SO3-1")
    values = {("DROUGHT=MILD", "2016"): "10"}
    errors, _warnings = messages(check_table(filled(spec, values), RuleContext()))
    assert len(errors) == 39 and errors[0] == "SO3-1.T1, Non-drought, 2016: a value is required."
    spec.required = False
    assert messages(check_table(filled(spec, values), RuleContext())) == ([], [])


def test_a_changed_cell_needs_a_justification_and_a_data_source():
    spec = spec_of("SO1-1")
    key = ("LAND_COVER=TREE", "2019")
    table = filled(spec, land_cover({key: "35100"}), defaults={key: Decimal(35000)})
    errors, _ = messages(check_table(table, RuleContext()))
    assert errors == [
        "SO1-1.T4, Tree-covered areas, 2019: changed from the default data (35,000 km²): "
        "give a justification and the data source."
    ]
    table.cells[key].source = ValueSource.DEFAULT
    errors, _ = messages(check_table(table, RuleContext()))
    assert errors[0] == (
        "SO1-1.T4, Tree-covered areas, 2019: the value differs from the default data (35,000 km²): "
        "it cannot be default data."
    )


@pytest.mark.parametrize(
    ("default", "raw", "before", "table_cell", "expected"),
    [
        (Decimal(5), "5", "", True, "default"),
        (Decimal(5), "6", "default", True, "national"),
        (Decimal(5), "6", "estimate", True, "estimate"),
        (Decimal(5), "", "default", True, "national"),
        (None, "6", "", True, "national"),
        (None, "6", "", False, ""),  # a scalar indicator keeps the source chosen for it
        (None, "6", "estimate", False, "estimate"),
    ],
)
def test_where_a_value_comes_from_when_the_input_does_not_say(default, raw, before, table_cell, expected):
    parsed = parse_cell(spec_of("SO1-1"), raw)
    cell = Observation(default_value=default, raw_value=parsed.raw, number_value=parsed.number, source=before)
    assert infer_source(cell, is_table_cell=table_cell) == expected
