"""Builders of national-table data for the observations tests: dimensions, table indicators and
submissions holding observations, refreshed into the results read model as validation does."""

import datetime
from decimal import Decimal

from regions.models import Country
from tests.factories import BienniumFactory, ReportingCycleFactory
from workprogramme.models import (
    DataSource,
    Dimension,
    DimensionMember,
    Indicator,
    IndicatorDimension,
    Observation,
    Outcome,
    Submission,
)
from workprogramme.services.results import results_refresh_for_submission

LAND_COVER = ["TREE", "GRASS", "CROP", "WETLAND", "ARTIFICIAL", "OTHER", "WATER"]
SEX = ["F", "M", "_T"]


def dimension(code: str, members: list[str]) -> Dimension:
    found, _ = Dimension.objects.get_or_create(code=code, defaults={"name": code.title()})
    for order, member in enumerate(members):
        DimensionMember.objects.get_or_create(
            dimension=found, code=member, defaults={"name": member.title(), "order": order}
        )
    return found


def table_indicator(code: str, *, dimensions=(), **fields) -> Indicator:
    outcome = Outcome.objects.filter(objective__framework__code="sf-2018-2030", objective__code="SO1").first()
    defaults = {
        "text": f"Table {code}",
        "unit": "km²",
        "unit_code": "KM2",
        "value_type": "number",
        "aggregation": "sum",
        "reported_by": "country",
        "prais_table": code,
        "order": 90,
        **fields,
    }
    indicator, _ = Indicator.objects.get_or_create(outcome=outcome, code=code, defaults=defaults)
    for order, (dimension_code, members) in enumerate(dimensions):
        IndicatorDimension.objects.get_or_create(
            indicator=indicator, dimension=dimension(dimension_code, members), defaults={"order": order}
        )
    return indicator


def land_cover() -> Indicator:
    return table_indicator("SO1-1.T4", dimensions=[("LAND_COVER", LAND_COVER)], time_periods="2015,2019")


def degraded_land() -> Indicator:
    return table_indicator(
        "SO1-4.T2", sdg_series="AG_LND_DGRD", unit="%", unit_code="PT", time_periods="2000/2015,2016/2019"
    )


def exposure_by_sex() -> Indicator:
    return table_indicator(
        "SO2-3.T1",
        dimensions=[("SEX", SEX)],
        unit="thousands of people",
        unit_code="PERSONS",
        unit_multiplier=3,
        time_periods="2015",
    )


def cycle(code: str = "national-2026", start_year: int = 2026):
    return ReportingCycleFactory(code=code, biennium=BienniumFactory(start_year=start_year))


def submission(cycle, iso3: str, *, state: str = "validated", cells=()) -> Submission:
    """A submission of `iso3` with `cells`: (indicator, time period, members, value[, source, justification]).

    A validated one is refreshed into the read model, as the validation service does.
    """
    validated = state == "validated"
    validated_at = datetime.datetime(2026, 11, 30, 10, 24, 3, tzinfo=datetime.UTC) if validated else None
    made = Submission.objects.create(
        cycle=cycle, country=Country.objects.get(iso3=iso3), state=state, validated_at=validated_at
    )
    data_source = None
    for indicator, time_period, members, value, *rest in cells:
        source, justification = (list(rest) + ["national", ""])[:2] if rest else ("national", "")
        if justification and data_source is None:
            data_source = DataSource.objects.create(
                submission=made,
                title="National land cover map 2019",
                link="https://example.org/lc",
                publisher="KFS",
            )
        number = Decimal(str(value)) if isinstance(value, int | float | Decimal) else None
        Observation.objects.create(
            submission=made,
            indicator=indicator,
            time_period=time_period,
            key=";".join(f"{code}={member}" for code, member in members.items()),
            members=members,
            raw_value=str(value),
            number_value=number,
            boolean_value={"yes": True, "no": False}.get(value) if number is None else None,
            source=source,
            justification=justification,
            data_source=data_source if justification else None,
        )
    results_refresh_for_submission(submission_id=made.pk)
    return made


def land_cover_cells(indicator, *, base: int = 1000, periods=("2015", "2019"), classes=LAND_COVER):
    return [
        (indicator, period, {"LAND_COVER": member}, base + 10 * index + year_index)
        for year_index, period in enumerate(periods)
        for index, member in enumerate(classes)
    ]


def national_data():
    """Kenya and China validated (34 visible observations); Ghana's draft and Chile's submitted
    report hidden. Returns the cycle."""
    land, degraded, exposure = land_cover(), degraded_land(), exposure_by_sex()
    yes_no = Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code="1.1")
    national = cycle()
    kenya = land_cover_cells(land)
    kenya[-1] = (land, "2019", {"LAND_COVER": "WATER"}, 1234.5, "national", "=cmd|' /C calc'!A0")
    kenya += [
        (exposure, "2015", {"SEX": sex}, value, "estimate")
        for sex, value in zip(SEX, (10, 12, 22), strict=True)
    ]
    kenya += [(degraded, "2000/2015", {}, 12.5, "default"), (degraded, "2016/2019", {}, 14, "default")]
    kenya += [(yes_no, "", {}, "yes", "national")]
    submission(national, "KEN", cells=kenya)
    submission(national, "CHN", cells=[(*cell, "default") for cell in land_cover_cells(land, base=5000)])
    submission(national, "GHA", state="draft", cells=land_cover_cells(land, base=7))
    submission(national, "CHL", state="submitted", cells=land_cover_cells(land, base=7))
    return national
