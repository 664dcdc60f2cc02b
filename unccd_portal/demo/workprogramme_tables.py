"""Demo data of the national tables (issue 11): fictitious default data for every Party, the 2022
reporting cycle validated for most Parties, and the tables of the open 2026 cycle.

Tables: SO1-1.T4 land cover (7 classes x 4 years), SO1-4 SDG 15.3.1 (degraded km², % and the
confidence, for the baseline and two periods), SO3-1 drought classes (years x 5 classes) and
SO2-3 population exposed, by sex. The values are deterministic pseudo-random numbers (seeded by
the Party's code); the land areas of the demo accounts' Parties are their real ones. Every year's
land-cover classes add up to the Party's land area, so that the demo shows no spurious errors.

Idempotent: the dataset is imported once (code and version), submissions are keyed by cycle and
country, observations by their cell; the read model of the validated ones is refreshed each time.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from regions.models import Country
from workprogramme.choices import SubmissionState
from workprogramme.models import (
    DataSource,
    DefaultDataset,
    Indicator,
    Observation,
    ReportingCycle,
    ReportingCycleIndicator,
    Submission,
    SubmissionIndicator,
    SubmissionTransition,
)
from workprogramme.selectors import table_specs
from workprogramme.services.defaults import default_dataset_load
from workprogramme.services.results import results_refresh_for_cycle

DATASET = "Fictitious global default data (demo)"
DATASET_VERSION = "2026.1"
DATASET_LICENCE = "Fictitious data generated for the demonstration: not real data, not for any use"

LAND_COVER = ["TREE", "GRASS", "CROP", "WETLAND", "ARTIFICIAL", "OTHER", "WATER"]
DROUGHT = ["MILD", "MODERATE", "SEVERE", "EXTREME"]  # NONE is the rest of the land
CONFIDENCE = ["high", "medium", "low"]
# Real land areas (km², FAOSTAT) of the demo accounts' Parties; the others get plausible ones.
LAND_AREAS = {"KEN": 569_140, "CHN": 9_388_211}

# The tables of each cycle: {indicator code: time periods}.
TABLES_2022 = {
    "SO1-1": "2000,2015,2019,2021",
    "SO1-4.1": "2000/2015,2016/2019,2016/2021",
    "SO1-4.2": "2000/2015,2016/2019,2016/2021",
    "SO1-4.3": "2000/2015,2016/2019,2016/2021",
    "SO3-1": "2018,2019,2020,2021",
    "SO2-3": "2015,2021",
}
TABLES_2026 = {
    "SO1-1": "2000,2015,2019,2023",
    "SO1-4.1": "2000/2015,2016/2019,2016/2023",
    "SO1-4.2": "2000/2015,2016/2019,2016/2023",
    "SO1-4.3": "2000/2015,2016/2019,2016/2023",
    "SO3-1": "2016,2017,2018,2019,2020,2021,2022,2023",
    "SO2-3": "2015,2023",
}
YEARS = sorted({year for tables in (TABLES_2022, TABLES_2026) for year in tables["SO1-1"].split(",")})
DEGRADATION_PERIODS = sorted(
    {p for tables in (TABLES_2022, TABLES_2026) for p in tables["SO1-4.1"].split(",")}
)
DROUGHT_YEARS = sorted({y for tables in (TABLES_2022, TABLES_2026) for y in tables["SO3-1"].split(",")})
EXPOSURE_YEARS = sorted({y for tables in (TABLES_2022, TABLES_2026) for y in tables["SO2-3"].split(",")})

# 2022: of the affected Parties (Kenya and China first), these many end in each state.
NOT_VALIDATED_2022 = [SubmissionState.SUBMITTED] * 6 + [SubmissionState.RETURNED] * 4 + ["draft"] * 5
NATIONAL_EVERY = 5  # one validated Party in five replaced some land-cover defaults with national data


def _random(country: Country, purpose: str) -> random.Random:
    return random.Random(f"{country.iso3}/{purpose}")  # a text seed: the same numbers on every run


def land_area(country: Country) -> int:
    if country.iso3 in LAND_AREAS:
        return LAND_AREAS[country.iso3]
    return int(10 ** _random(country, "area").uniform(3.0, 6.6))  # 1,000 to 4 million km²


def land_cover(country: Country) -> dict[str, dict[str, int]]:
    """{year: {class: km²}}: shares that drift a little from year to year; water takes the rest, so
    that every year adds up to the land area exactly."""
    generator, area = _random(country, "land-cover"), land_area(country)
    weights = [generator.uniform(0.05, 1.0) for _ in LAND_COVER]
    weights[LAND_COVER.index("ARTIFICIAL")] *= 0.05
    weights[LAND_COVER.index("WETLAND")] *= 0.2
    weights[LAND_COVER.index("WATER")] *= 0.2
    found = {}
    for step, year in enumerate(YEARS):
        drifted = list(weights)
        drifted[0] *= 1 - 0.01 * step  # a little less forest each year
        drifted[LAND_COVER.index("ARTIFICIAL")] *= 1 + 0.03 * step
        total = sum(drifted)
        values = {code: int(area * weight / total) for code, weight in zip(LAND_COVER, drifted, strict=True)}
        values["WATER"] = area - sum(value for code, value in values.items() if code != "WATER")
        found[year] = values
    return found


def degradation(country: Country) -> dict[str, tuple[int, Decimal]]:
    """{period: (degraded km², % of the land area)} for the baseline and the later periods."""
    generator, area = _random(country, "degradation"), land_area(country)
    share = generator.uniform(5, 35)
    found = {}
    for period in DEGRADATION_PERIODS:
        percent = Decimal(str(round(share, 2)))
        found[period] = (int(area * percent / 100), percent)
        share = max(1.0, share + generator.uniform(-3, 2))
    return found


def drought(country: Country) -> dict[str, dict[str, int]]:
    """{year: {class: km²}}: the drought classes, and the rest of the land as non-drought."""
    generator, area = _random(country, "drought"), land_area(country)
    found = {}
    for year in DROUGHT_YEARS:
        shares = [generator.uniform(0, limit) for limit in (0.2, 0.1, 0.05, 0.02)]
        values = {code: int(area * share) for code, share in zip(DROUGHT, shares, strict=True)}
        found[year] = {"NONE": area - sum(values.values()), **values}
    return found


def exposure(country: Country) -> dict[str, dict[str, int]]:
    """{year: {F, M, _T}}: persons exposed to land degradation; women and men make the total."""
    generator = _random(country, "exposure")
    exposed = int(10 ** generator.uniform(4, 7.5))
    found = {}
    for year in EXPOSURE_YEARS:
        female = int(exposed * generator.uniform(0.48, 0.53))
        found[year] = {"F": female, "M": exposed - female, "_T": exposed}
        exposed = int(exposed * generator.uniform(0.95, 1.15))
    return found


def default_rows(countries) -> list[dict]:
    """The default dataset as the rows of an import file (see workprogramme/services/defaults.py)."""
    rows = []

    def add(country, indicator, period, dimensions, value):
        rows.append(
            {
                "line": len(rows) + 2,
                "country": country.iso3,
                "indicator": indicator,
                "time_period": period,
                "dimensions": dimensions,
                "value": str(value),
            }
        )

    for country in countries:
        for year, values in land_cover(country).items():
            for code, value in values.items():
                add(country, "SO1-1", year, f"LAND_COVER={code}", value)
        for period, (degraded, percent) in degradation(country).items():
            add(country, "SO1-4.1", period, "", degraded)
            add(country, "SO1-4.2", period, "", percent)
        for year, values in drought(country).items():
            for code, value in values.items():
                add(country, "SO3-1", year, f"DROUGHT={code}", value)
        for year, values in exposure(country).items():
            for code, value in values.items():
                add(country, "SO2-3", year, f"SEX={code}", value)
    return rows


def load_defaults() -> int:
    """The fictitious default dataset, imported once through the import service (as the operator)."""
    if DefaultDataset.objects.filter(version=DATASET_VERSION, name=DATASET).exists():
        return 0
    result = default_dataset_load(
        user=None,
        rows=default_rows(Country.objects.order_by("iso3")),
        dataset=DATASET,
        version=DATASET_VERSION,
        licence=DATASET_LICENCE,
        is_fictitious=True,
    )
    return result.values


def table_indicators() -> dict[str, Indicator]:
    return {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(code__in=TABLES_2026).exclude(prais_table="")
    }


def add_tables(cycle: ReportingCycle, tables: dict[str, str], indicators: dict[str, Indicator]) -> None:
    """Ask the cycle for the tables (after its other indicators), with the cycle's time periods."""
    start = max(cycle.cycle_indicators.values_list("order", flat=True), default=0)
    for order, (code, periods) in enumerate(tables.items(), start=start + 1):
        ReportingCycleIndicator.objects.get_or_create(
            cycle=cycle,
            indicator=indicators[code],
            defaults={"order": order, "is_required": True, "time_periods": periods},
        )


def _aware(year, month, day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def _cells_2022(submission_id: int, country: Country, specs, national: bool, sources: dict) -> list:
    cover, degraded, dry, exposed = (
        land_cover(country),
        degradation(country),
        drought(country),
        exposure(country),
    )
    generator = _random(country, "confidence")
    cells = []
    for spec in specs.values():
        for row, period in spec.cells():
            code = spec.indicator.code
            default, text, source = None, "", "default"
            if code == "SO1-1":
                default = cover[period][row.members["LAND_COVER"]]
            elif code == "SO1-4.1":
                default = degraded[period][0]
            elif code == "SO1-4.2":
                default = degraded[period][1]
            elif code == "SO1-4.3":
                text, source = generator.choice(CONFIDENCE), "national"
            elif code == "SO3-1":
                default = dry[period][row.members["DROUGHT"]]
            elif code == "SO2-3":
                default = exposed[period][row.members["SEX"]]
            cell = Observation(
                submission_id=submission_id,
                indicator_id=spec.indicator.pk,
                time_period=period,
                key=row.key,
                members=row.members,
                source=source,
                default_value=default,
            )
            value = default
            if national and code == "SO1-1" and row.members["LAND_COVER"] in ("TREE", "GRASS"):
                # The Party's own map: 1 % of the grassland is closed forest; the year still adds up.
                sign = 1 if row.members["LAND_COVER"] == "TREE" else -1
                value = default + sign * (cover[period]["GRASS"] // 100)
                cell.source, cell.data_source_id = "national", sources[country.pk]
                cell.justification = "The national land-cover map separates closed forest from grassland."
            if value is not None:
                cell.raw_value, cell.number_value = f"{Decimal(value).normalize():f}", Decimal(value)
            else:
                cell.raw_value = text
            cells.append(cell)
    return cells


def _transitions(submission_id: int, state: str) -> list[SubmissionTransition]:
    path = {
        "draft": [],
        SubmissionState.SUBMITTED: [("draft", "submitted", 6, 30, "")],
        SubmissionState.RETURNED: [
            ("draft", "submitted", 6, 30, ""),
            ("submitted", "returned", 9, 15, "Please give the source of the land-cover figures."),
        ],
        SubmissionState.VALIDATED: [
            ("draft", "submitted", 6, 30, ""),
            ("submitted", "validated", 11, 15, ""),
        ],
    }[state]
    return [
        SubmissionTransition(
            submission_id=submission_id,
            from_state=from_state,
            to_state=to_state,
            at=_aware(2022, month, day),
            comment=comment,
        )
        for from_state, to_state, month, day, comment in path
    ]


def submissions_2022(cycle: ReportingCycle, indicators: dict[str, Indicator]) -> int:
    """Every affected Party's 2022 report: most validated, a few still under way; bulk-created."""
    if Submission.objects.filter(cycle=cycle).exists():
        return Submission.objects.filter(cycle=cycle).count()
    countries = list(Country.objects.filter(is_affected=True).order_by("iso3"))
    countries.sort(key=lambda country: country.iso3 not in ("KEN", "CHN"))
    states = [SubmissionState.VALIDATED] * (len(countries) - len(NOT_VALIDATED_2022)) + NOT_VALIDATED_2022
    plan = list(zip(countries, states, strict=True))
    Submission.objects.bulk_create(
        Submission(
            cycle=cycle,
            country=country,
            state=state,
            submitted_at=None if state == "draft" else _aware(2022, 6, 30),
            validated_at=_aware(2022, 11, 15) if state == SubmissionState.VALIDATED else None,
        )
        for country, state in plan
    )
    ids = dict(Submission.objects.filter(cycle=cycle).values_list("country_id", "pk"))
    national = {country.pk for index, (country, _state) in enumerate(plan) if index % NATIONAL_EVERY == 0}
    DataSource.objects.bulk_create(
        DataSource(
            submission_id=ids[pk],
            title="National land-cover map 2019 (fictitious)",
            link="https://example.org/national-land-cover-2019",
            publisher="National mapping agency",
        )
        for pk in national
    )
    sources = dict(
        DataSource.objects.filter(submission__cycle=cycle).values_list("submission__country_id", "pk")
    )
    specs = table_specs(list(indicators.values()), cycle=cycle)
    entries, cells, steps = [], [], []
    for country, state in plan:
        submission_id = ids[country.pk]
        entries.extend(
            SubmissionIndicator(submission_id=submission_id, indicator=i) for i in indicators.values()
        )
        cells.extend(_cells_2022(submission_id, country, specs, country.pk in national, sources))
        steps.extend(_transitions(submission_id, state))
    SubmissionIndicator.objects.bulk_create(entries, batch_size=2000)
    Observation.objects.bulk_create(cells, batch_size=2000)
    SubmissionTransition.objects.bulk_create(steps, batch_size=2000)
    return len(plan)


def kenya_replaces_defaults(submission: Submission, user) -> None:
    """Kenya's NFP replaces two 2023 land-cover defaults (forest mapped in grassland) and gives the
    confidence of the 15.3.1 assessment, with a justification and the national data source."""
    from workprogramme.services import submission_save_draft

    kenya = submission.country
    cover = land_cover(kenya)["2023"]
    moved = 1250
    source = {
        "title": "National land-cover map 2023",
        "link": "https://example.org/kenya/land-cover-2023",
        "publisher": "Kenya Forest Service (fictitious)",
    }
    cells = [
        {
            "indicator": "SO1-1",
            "time_period": "2023",
            "dimensions": {"LAND_COVER": member},
            "value": str(cover[member] + sign * moved),
            "justification": "The 2023 national map finds 1,250 km² of closed forest that the global "
            "dataset classes as grassland.",
            "data_source": source,
        }
        for member, sign in (("TREE", 1), ("GRASS", -1))
    ]
    cells += confidence_cells(TABLES_2026["SO1-4.3"])
    submission_save_draft(user=user, submission=submission, expected_version=submission.version, cells=cells)


def confidence_cells(periods: str, level: str = "medium") -> list[dict]:
    return [
        {"indicator": "SO1-4.3", "time_period": period, "dimensions": {}, "value": level}
        for period in periods.split(",")
    ]


def refresh_results(*cycles: ReportingCycle) -> int:
    """The read model of the validated demo submissions (/api/v1/observations/, the dashboard)."""
    return sum(results_refresh_for_cycle(cycle_id=cycle.pk) for cycle in cycles)
