"""Reads of the workprogramme app shared by pages, the API and the reporting app."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import uuid4

from django.core.cache import cache
from django.db.models import Avg, Count, F, OuterRef, Prefetch, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, DenseRank
from django.utils import timezone
from django.utils.translation import get_language

from regions.models import Country

from .choices import (
    EDITABLE_SUBMISSION_STATES,
    HANDED_IN_STATES,
    ActivityFormat,
    CapacityBuildingKind,
    IndicatorAggregation,
    IndicatorReporter,
    ObjectiveKind,
    ReportingCycleState,
    SubmissionState,
    TargetLevel,
)
from .models import (
    Biennium,
    CapacityBuildingActivity,
    DefaultDataset,
    DefaultObservation,
    DimensionMember,
    Indicator,
    IndicatorDimension,
    Language,
    Objective,
    Observation,
    Outcome,
    PerformanceData,
    ReportingCycle,
    ReportingCycleIndicator,
    ResultObservation,
    Submission,
    SubmissionEvidence,
    SubmissionIndicator,
    Target,
)
from .tables import LAND_COVER_INDICATOR, DimensionSpec, FilledTable, RuleContext, TableRow, TableSpec


def _number(value):
    """A Decimal from the database as int when whole, else float; None stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    return float(value) if isinstance(value, Decimal) else value


def _aggregate_columns() -> dict:
    """Totals over scalar values (a table's cells, years and classes apart, have no single total);
    a Party reports an indicator when it has any valid value for it."""
    reported = ~Q(raw_value="") & Q(error="")
    scalar = reported & Q(key="", time_period="")
    return {
        "total": Sum("number_value", filter=scalar),
        "average": Avg("number_value", filter=scalar),
        "yes": Count("pk", filter=scalar & Q(boolean_value=True)),
        "reporting": Count("submission__country", filter=reported, distinct=True),
    }


def _value_for(aggregation: str, row: dict | None):
    if row is None:
        return None
    if aggregation == IndicatorAggregation.SUM:
        return _number(row["total"])
    if aggregation == IndicatorAggregation.AVERAGE:
        return None if row["average"] is None else round(float(row["average"]), 2)
    if aggregation == IndicatorAggregation.COUNT_YES:
        return row["yes"]
    return row["reporting"]


def _summary_indicator_ids(biennium: Biennium) -> set[int]:
    cycle_ids = ReportingCycleIndicator.objects.filter(cycle__biennium=biennium).values_list(
        "indicator_id", flat=True
    )
    target_ids = Target.objects.filter(
        biennium=biennium, indicator__reported_by=IndicatorReporter.SECRETARIAT
    ).values_list("indicator_id", flat=True)
    return set(cycle_ids) | set(target_ids)


def _summary_objectives(indicator_ids: set[int]):
    framework_ids = (
        Indicator.objects.filter(pk__in=indicator_ids).values("outcome__objective__framework_id").distinct()
    )
    indicators = Indicator.objects.filter(pk__in=indicator_ids).order_by("order", "code")
    outcomes = Outcome.objects.order_by("order").prefetch_related(Prefetch("indicators", queryset=indicators))
    return (
        Objective.objects.filter(framework_id__in=framework_ids)
        .exclude(kind=ObjectiveKind.REGIONAL)
        .order_by("framework__start_year", "order")
        .prefetch_related(Prefetch("outcomes", queryset=outcomes))
    )


def _summary_figures(biennium: Biennium, indicator_ids: set[int]) -> dict:
    """Every number the summary needs, in five grouped queries."""
    validated = Observation.objects.filter(
        submission__cycle__biennium=biennium,
        submission__state=SubmissionState.VALIDATED,
        indicator_id__in=indicator_ids,
    )
    totals = {
        row["indicator_id"]: row for row in validated.values("indicator_id").annotate(**_aggregate_columns())
    }
    by_region: dict[int, list[dict]] = {}
    region_rows = (
        validated.values(
            "indicator_id", "submission__country__region__code", "submission__country__region__order"
        )
        .annotate(**_aggregate_columns())
        .order_by("indicator_id", "submission__country__region__order")
    )
    for row in region_rows:
        by_region.setdefault(row["indicator_id"], []).append(row)
    targets = dict(
        Target.objects.filter(
            biennium=biennium, level=TargetLevel.GLOBAL, indicator_id__in=indicator_ids
        ).values_list("indicator_id", "value")
    )
    narratives: dict[int, list[str]] = {}
    figures: dict[int, Decimal] = {}
    performance = PerformanceData.objects.filter(
        expected_accomplishment__work_programme__biennium=biennium, indicator_id__in=indicator_ids
    ).order_by("expected_accomplishment__order", "order")
    for indicator_id, text, figure in performance.values_list("indicator_id", "text", "figure"):
        narratives.setdefault(indicator_id, []).append(text)
        if figure is not None:
            figures[indicator_id] = figures.get(indicator_id, Decimal(0)) + figure
    return {
        "totals": totals,
        "by_region": by_region,
        "targets": targets,
        "narratives": narratives,
        "figures": figures,
        "parties": Country.objects.count(),
    }


def _indicator_summary(indicator: Indicator, figures: dict) -> dict:
    total_parties = figures["parties"]
    row = figures["totals"].get(indicator.pk)
    reporting = row["reporting"] if row else 0
    if indicator.reported_by == IndicatorReporter.SECRETARIAT:
        value = _number(figures["figures"].get(indicator.pk))
    else:
        value = _value_for(indicator.aggregation, row)
    return {
        "code": indicator.code,
        "text": indicator.text,
        "unit": indicator.unit,
        "value_type": indicator.value_type,
        "aggregation": indicator.aggregation,
        "reported_by": indicator.reported_by,
        "value": value,
        "reporting_parties": reporting,
        "total_parties": total_parties,
        "reporting_rate": round(100 * reporting / total_parties, 1) if total_parties else 0.0,
        "by_region": [
            {
                "region": region_row["submission__country__region__code"],
                "reporting_parties": region_row["reporting"],
                "value": _value_for(indicator.aggregation, region_row),
            }
            for region_row in figures["by_region"].get(indicator.pk, [])
        ],
        "target": _number(figures["targets"].get(indicator.pk)),
        "narratives": figures["narratives"].get(indicator.pk, []),
    }


def results_summary_for_biennium(biennium: Biennium) -> list[dict]:
    """Progress per objective, outcome and indicator for a biennium, aggregated in the database.

    Covers the objectives (operational or strategic, not regional) of every framework whose
    indicators the biennium's reporting cycles ask for, plus secretariat-reported indicators that
    have a Target in the biennium. Runs a fixed handful of queries whatever the number of rows.

    Returns one dict per objective::

        {"code": "SO1", "title": str, "outcomes": [
            {"code": "1.1", "text": str, "indicators": [
                {"code": "1.1", "text": str, "unit": str, "value_type": str, "aggregation": str,
                 "reported_by": "country" | "secretariat",
                 "value": int | float | None,
                 "reporting_parties": int, "total_parties": int, "reporting_rate": float,
                 "by_region": [{"region": "I" | None, "reporting_parties": int, "value": ...}],
                 "target": int | float | None,
                 "narratives": [str]}]}]}

    - value: for country-reported indicators, the validated values of the biennium's cycles
      aggregated by the indicator's aggregation (sum, average rounded to 2 decimals, count of yes,
      count of reporting Parties); for secretariat-reported ones, the sum of the figures of the
      performance data linked to the indicator in the biennium's work programmes. None if nothing.
    - reporting_parties: Parties with a valid, non-empty validated value; total_parties: all
      Parties (197); reporting_rate: percent, one decimal.
    - by_region: the same per annex, in annex order; region None gathers Parties outside annexes.
    - target: the global Target of the biennium; narratives: performance-data texts in table order.
    """
    indicator_ids = _summary_indicator_ids(biennium)
    if not indicator_ids:
        return []
    figures = _summary_figures(biennium, indicator_ids)
    return [
        {
            "code": objective.code,
            "title": objective.title,
            "outcomes": [
                {
                    "code": outcome.code,
                    "text": outcome.text,
                    "indicators": [
                        _indicator_summary(indicator, figures) for indicator in outcome.indicators.all()
                    ],
                }
                for outcome in objective.outcomes.all()
            ],
        }
        for objective in _summary_objectives(indicator_ids)
    ]


# --- cached results: one computation per biennium and data version ---------------------------

RESULTS_VERSION_KEY = "workprogramme:results-version"
RESULTS_CACHE_SECONDS = 24 * 60 * 60


def results_data_version() -> str:
    """A token that changes whenever the public results may change: a submission changes state, a
    target changes, a report is published or withdrawn (`services.results.results_data_changed`).

    Kept in Django's cache (Redis when REDIS_URL is set, so every process shares it; local memory
    otherwise, where each process has its own and a change is seen by the process that made it)."""
    version = cache.get(RESULTS_VERSION_KEY)
    if version is None:
        cache.add(RESULTS_VERSION_KEY, uuid4().hex, None)
        version = cache.get(RESULTS_VERSION_KEY) or "none"
    return version


def results_cached(name: str, compute, *parts):
    """`compute()` once per data version, language (labels are translated) and `parts`."""
    key = ":".join(["results", name, results_data_version(), get_language() or "", *map(str, parts)])
    return cache.get_or_set(key, compute, RESULTS_CACHE_SECONDS)


def results_summary_cached(biennium: Biennium) -> list[dict]:
    """`results_summary_for_biennium`, computed once per biennium and data version."""
    return results_cached("summary", lambda: results_summary_for_biennium(biennium), biennium.pk)


def reporting_overview_for_biennium(biennium: Biennium) -> dict:
    """How many Parties handed in and had validated a report in the biennium's cycles (two queries).

    Returns {"parties": 197, "submitted": int, "validated": int, "rate": float}: `submitted`
    counts Parties whose submission left the draft state (submitted, returned, resubmitted or
    validated), `validated` those validated; `rate` is submitted / parties in percent, one decimal.
    """
    counts = Submission.objects.filter(cycle__biennium=biennium).aggregate(
        submitted=Count("country", distinct=True, filter=Q(state__in=HANDED_IN_STATES)),
        validated=Count("country", distinct=True, filter=Q(state=SubmissionState.VALIDATED)),
    )
    parties = Country.objects.count()
    return {
        "parties": parties,
        "submitted": counts["submitted"],
        "validated": counts["validated"],
        "rate": round(100 * counts["submitted"] / parties, 1) if parties else 0.0,
    }


def results_for(user):
    """The flat results table: validated values the user may see, one row per country × cycle ×
    indicator × cell (a scalar indicator has one cell)."""
    return Observation.objects.validated().visible_to(user).for_list()


def cycle_country_statuses(cycle, countries):
    """Each of `countries` with its submission state for the cycle (None if not started), in two queries."""
    submissions = {
        country_id: (state, pk)
        for country_id, state, pk in Submission.objects.filter(cycle=cycle).values_list(
            "country_id", "state", "pk"
        )
    }
    countries = countries.with_geography().order_by(F("region__order").asc(nulls_last=True), "name")
    return [(country, *submissions.get(country.pk, (None, None))) for country in countries]


def country_obligations(country_id: int | None, *, today=None) -> dict:
    """What a Party owes: open cycles without a handed-in report, the late ones, the returned ones."""
    today = today or timezone.localdate()
    if country_id is None:
        return {"owed": [], "late": [], "returned": [], "handed_in": []}
    submissions = {
        submission.cycle_id: submission
        for submission in Submission.objects.filter(country_id=country_id).select_related("cycle__biennium")
    }
    owed, late = [], []
    for cycle in (
        ReportingCycle.objects.with_biennium().filter(state=ReportingCycleState.OPEN).order_by("deadline")
    ):
        submission = submissions.get(cycle.pk)
        if submission is None or submission.state in EDITABLE_SUBMISSION_STATES:
            (late if cycle.deadline < today else owed).append((cycle, submission))
    ordered = sorted(submissions.values(), key=lambda s: s.cycle.deadline, reverse=True)
    return {
        "owed": owed,
        "late": late,
        "returned": [s for s in ordered if s.state == SubmissionState.RETURNED],
        "handed_in": [
            s for s in ordered if s.state in HANDED_IN_STATES and s.state != SubmissionState.RETURNED
        ],
    }


def capacity_activities_in(*, biennium: Biennium | None = None, start=None, end=None):
    """Activities of a biennium (linked to it or overlapping its dates) or overlapping [start, end]."""
    activities = CapacityBuildingActivity.objects.all()
    if biennium is not None:
        overlapping = activities.in_period(biennium.start_date, biennium.end_date).values("pk")
        return activities.filter(Q(biennium=biennium) | Q(pk__in=overlapping))
    if start is not None or end is not None:
        return activities.in_period(start or datetime.date.min, end or datetime.date.max)
    return activities


def _female_share(female: int, male: int, other: int) -> float | None:
    """Women as a percentage of all participants; None when no participant's gender was recorded."""
    if female + male == 0:
        return None
    return round(100 * female / (female + male + other), 1)


_PARTICIPANT_SUMS = {
    "female": Coalesce(Sum("participants_female"), 0),
    "male": Coalesce(Sum("participants_male"), 0),
    "other": Coalesce(Sum("participants_other"), 0),
}


def _participants(row: dict) -> dict:
    """Participants by gender of an aggregated row, with their total and the share of women."""
    female, male, other = row["female"], row["male"], row["other"]
    return {
        "female": female,
        "male": male,
        "other": other,
        "total": female + male + other,
        "female_share": _female_share(female, male, other),
    }


def _activities_by_type(activities) -> list[dict]:
    per_kind = {
        row["kind"]: row
        for row in activities.order_by().values("kind").annotate(n=Count("pk"), **_PARTICIPANT_SUMS)
    }
    return [
        {"kind": kind.value, "label": str(kind.label), "activities": per_kind[kind.value]["n"]}
        | _participants(per_kind[kind.value])
        for kind in CapacityBuildingKind
        if kind.value in per_kind
    ]


def _countries_reached_by_region(reached) -> list[dict]:
    by_region = (
        reached.order_by()
        .values("region__code", "region__name", "region__order")
        .annotate(countries=Count("pk", distinct=True))
        .order_by(F("region__order").asc(nulls_last=True))
    )
    return [
        {
            "region": row["region__code"] or "",
            "name": row["region__name"] or "",
            "countries": row["countries"],
        }
        for row in by_region
    ]


def capacity_building_summary(*, biennium: Biennium | None = None, start=None, end=None) -> dict:
    """Capacity building in a biennium or date range, aggregated in the database (a fixed number of
    queries): activities and participants by type, gender balance, formats, languages, Parties reached."""
    activities = capacity_activities_in(biennium=biennium, start=start, end=end)
    ids = activities.values("pk")
    aggregated = activities.aggregate(activities=Count("pk"), **_PARTICIPANT_SUMS)
    totals = {"activities": aggregated["activities"]} | _participants(aggregated)
    formats = dict(activities.order_by().values_list("format").annotate(n=Count("pk")))
    languages = Language.objects.annotate(
        activities=Count("capacity_activities", filter=Q(capacity_activities__in=ids))
    ).order_by("order")
    reached = Country.objects.filter(capacity_activities__in=ids)
    return {
        "biennium": biennium.code if biennium else None,
        "start": start,
        "end": end,
        "totals": totals,
        "by_type": _activities_by_type(activities),
        "by_format": [
            {"format": choice.value, "label": str(choice.label), "activities": formats.get(choice.value, 0)}
            for choice in ActivityFormat
        ],
        "languages": [
            {"code": language.code, "name": language.name, "activities": language.activities}
            for language in languages
        ],
        "countries_reached": reached.distinct().count(),
        "countries_by_region": _countries_reached_by_region(reached),
    }


# --- national tables -----------------------------------------------------------------------------


def _split_periods(text: str) -> list[str]:
    return [period.strip() for period in (text or "").split(",") if period.strip()]


def table_specs(indicators, *, cycle=None, links: dict | None = None) -> dict[int, TableSpec]:
    """The table of each indicator in `cycle` (its time periods override the indicator's), in three
    queries whatever the number of indicators: cycle links (unless given as `links`, {indicator id:
    (time periods, is required)}), dimensions, members."""
    indicators = list(indicators)
    links = links or {}
    if cycle is not None and not links:
        links = {
            indicator_id: (periods, required)
            for indicator_id, periods, required in ReportingCycleIndicator.objects.filter(
                cycle=cycle, indicator__in=indicators
            ).values_list("indicator_id", "time_periods", "is_required")
        }
    dimensions: dict[int, list] = {}
    for link in (
        IndicatorDimension.objects.filter(indicator__in=indicators)
        .select_related("dimension")
        .order_by("indicator_id", "order", "dimension__order")
    ):
        dimensions.setdefault(link.indicator_id, []).append(link.dimension)
    members: dict[int, list[tuple[str, str]]] = {}
    dimension_ids = {dimension.pk for found in dimensions.values() for dimension in found}
    for member in DimensionMember.objects.filter(dimension__in=dimension_ids).order_by(
        "dimension_id", "order", "code"
    ):
        members.setdefault(member.dimension_id, []).append((member.code, member.name))
    specs = {}
    for indicator in indicators:
        periods, required = links.get(indicator.pk, ("", True))
        specs[indicator.pk] = TableSpec(
            indicator=indicator,
            dimensions=[
                DimensionSpec(dimension.code, dimension.name, tuple(members.get(dimension.pk, ())))
                for dimension in dimensions.get(indicator.pk, [])
            ],
            time_periods=_split_periods(periods or indicator.time_periods),
            required=required,
        )
    return specs


def defaults_for(country, indicators) -> dict[tuple[int, str, str], Decimal]:
    """The default value of each cell of `indicators` for `country`, from the latest default dataset
    that has the cell (of each dataset, its latest version only), keyed by (indicator id, time
    period, key); one query."""
    found: dict[tuple[int, str, str], Decimal] = {}
    rows = (
        DefaultObservation.objects.filter(
            country=country, indicator__in=list(indicators), dataset__in=DefaultDataset.objects.current()
        )
        .order_by("-dataset__imported_at", "-dataset_id")
        .values_list("indicator_id", "time_period", "key", "value")
    )
    for indicator_id, time_period, key, value in rows:
        found.setdefault((indicator_id, time_period, key), value)
    return found


def land_area_by_year(country, *, spec: TableSpec | None = None) -> dict[str, Decimal]:
    """The country's land area per year: the total of its default land-cover classes (SO1-1.T4),
    for the years whose every class has default data; empty when unknown. `spec`: the land-cover
    table when the caller has it (one query instead of four)."""
    if spec is None:
        indicator = Indicator.objects.filter(code=LAND_COVER_INDICATOR).exclude(prais_table="").first()
        if indicator is None:
            return {}
        spec = table_specs([indicator])[indicator.pk]
    by_year: dict[str, dict[str, Decimal]] = {}
    for (_indicator, period, key), value in defaults_for(country, [spec.indicator]).items():
        by_year.setdefault(period, {})[key] = value
    classes = {row.key for row in spec.rows}
    return {
        year: sum((values[key] for key in classes), Decimal(0))
        for year, values in by_year.items()
        if year and classes and classes <= values.keys()
    }


@dataclass
class SubmissionTable(FilledTable):
    """A table of a submission as the pages, the spreadsheet and the API show it: the indicator's
    narrative and reviewer comment (`entry`) and its cells."""

    entry: SubmissionIndicator | None = None
    # Evidence by (key, time period): ("", "") holds the indicator's own (`with_evidence=True`).
    evidence: dict[tuple[str, str], list] = field(default_factory=dict)

    @property
    def indicator(self):
        return self.spec.indicator

    @property
    def indicator_evidence(self) -> list:
        """The evidence of the whole indicator (of its one cell, for a scalar indicator)."""
        return self.evidence.get(("", ""), [])

    def cell_evidence(self, row: TableRow, period: str) -> list:
        if self.spec.is_scalar:
            return []
        return self.evidence.get((row.key, period), [])

    def evidence_grid(self) -> list[tuple[TableRow, list[tuple[object, list]]]]:
        """Rows of (row, [(cell or None, its evidence) per time period]) for templates."""
        return [
            (row, [(self.cell(row, period), self.cell_evidence(row, period)) for period in self.spec.periods])
            for row in self.spec.rows
        ]

    @property
    def has_defaults(self) -> bool:
        return any(cell.default_value is not None for cell in self.cells.values())

    @property
    def scalar_cell(self):
        return self.cells.get(("", ""))

    def grid(self) -> list[tuple[TableRow, list]]:
        """Rows of (row, [cell or None per time period]) for templates."""
        return [(row, [self.cell(row, period) for period in self.spec.periods]) for row in self.spec.rows]

    def changed_cells(self) -> list[tuple[TableRow, str, object]]:
        """The cells whose value differs from their default data, in table order."""
        return [
            (row, period, cell)
            for row, period in self.spec.cells()
            if (cell := self.cell(row, period)) is not None and cell.differs_from_default
        ]


def submission_tables(
    submission, *, with_data_sources: bool = True, with_evidence: bool = False
) -> list[SubmissionTable]:
    """The submission's indicators as tables, in the results framework's order, with their cells
    (and, `with_evidence`, the evidence of each indicator and cell); a fixed handful of queries
    whatever the size of the tables."""
    links = ReportingCycleIndicator.objects.filter(
        cycle_id=submission.cycle_id, indicator_id=OuterRef("indicator_id")
    )
    entries = list(
        SubmissionIndicator.objects.filter(submission=submission)
        .select_related("indicator__outcome__objective")
        .annotate(
            cycle_periods=Subquery(links.values("time_periods")[:1]),
            cycle_required=Subquery(links.values("is_required")[:1]),
        )
        .in_table_order()
    )
    specs = table_specs(
        [entry.indicator for entry in entries],
        links={
            entry.indicator_id: (entry.cycle_periods or "", entry.cycle_required is not False)
            for entry in entries
        },
    )
    observations = Observation.objects.filter(submission=submission)
    if with_data_sources:
        observations = observations.select_related("data_source")
    cells: dict[int, dict] = {}
    for observation in observations:
        cells.setdefault(observation.indicator_id, {})[(observation.key, observation.time_period)] = (
            observation
        )
    evidence: dict[int, dict] = {}
    if with_evidence:
        for item in evidence_for_submission(submission).filter(indicator__isnull=False):
            evidence.setdefault(item.indicator_id, {}).setdefault((item.key, item.time_period), []).append(
                item
            )
    tables = []
    for entry in entries:
        for cell in cells.get(entry.indicator_id, {}).values():
            cell.indicator = entry.indicator  # already loaded: no query per cell for its unit or type
        tables.append(
            SubmissionTable(
                spec=specs[entry.indicator_id],
                cells=cells.get(entry.indicator_id, {}),
                entry=entry,
                evidence=evidence.get(entry.indicator_id, {}),
            )
        )
    return tables


def evidence_for_submission(submission):
    """The files backing `submission`, oldest first, with who uploaded them."""
    return SubmissionEvidence.objects.filter(submission=submission).select_related("uploaded_by")


def rule_context_for(country, tables: list[FilledTable] = ()) -> RuleContext:
    """The context of the rules for `country`; the land area is read when a rule first asks, from the
    land-cover table among `tables` when there is one."""
    spec = next((table.spec for table in tables if table.spec.indicator.code == LAND_COVER_INDICATOR), None)
    return RuleContext(load_land_area=lambda: land_area_by_year(country, spec=spec))


def last_validated_cells(
    country, indicators, *, exclude_cycle=None
) -> dict[tuple[int, str, str], Observation]:
    """The country's latest validated value of each cell of `indicators` (with its data source),
    keyed by (indicator id, time period, key); one query."""
    earlier = (
        Observation.objects.filter(
            submission__country=country,
            submission__state=SubmissionState.VALIDATED,
            indicator__in=list(indicators),
        )
        .select_related("data_source")
        .order_by("-submission__validated_at", "-submission_id")
    )
    if exclude_cycle is not None:
        earlier = earlier.exclude(submission__cycle=exclude_cycle)
    latest: dict[tuple[int, str, str], Observation] = {}
    for cell in earlier:
        latest.setdefault((cell.indicator_id, cell.time_period, cell.key), cell)
    return latest


def last_validated_narratives(country, indicators, *, exclude_cycle=None) -> dict[int, str]:
    """The narrative of each indicator in the country's latest validated submission reporting it."""
    earlier = SubmissionIndicator.objects.filter(
        submission__country=country,
        submission__state=SubmissionState.VALIDATED,
        indicator__in=list(indicators),
    ).order_by("-submission__validated_at", "-submission_id")
    if exclude_cycle is not None:
        earlier = earlier.exclude(submission__cycle=exclude_cycle)
    latest: dict[int, str] = {}
    for indicator_id, narrative in earlier.values_list("indicator_id", "narrative"):
        latest.setdefault(indicator_id, narrative)
    return latest


# --- national series: aggregates of the results read model (the dashboard's land series) ------


@dataclass(frozen=True)
class NationalSeries:
    """A national table the dashboard sums over Parties: its PRAIS table and the dimension of its rows
    (empty for SO1-4, whose rows are its indicators: degraded area and proportion degraded)."""

    code: str
    prais_table: str
    dimension: str


NATIONAL_SERIES = {
    series.code: series
    for series in (
        NationalSeries("land-cover", "SO1-1.T4", "LAND_COVER"),
        NationalSeries("degraded-land", "SO1-4.T2", ""),
        NationalSeries("drought", "SO3-1.T1", "DROUGHT"),
        NationalSeries("exposure-by-sex", "SO2-3.T1", "SEX"),
    )
}


def series_indicators(series: list[NationalSeries]) -> dict[str, list[Indicator]]:
    """The number-valued indicators of each series' PRAIS table (one query), in the framework's order."""
    by_table = {item.prais_table: item.code for item in series}
    found: dict[str, list[Indicator]] = {item.code: [] for item in series}
    indicators = Indicator.objects.filter(
        prais_table__in=list(by_table), value_type__in=("number", "percentage")
    ).order_by("order", "code")
    for indicator in indicators:
        found[by_table[indicator.prais_table]].append(indicator)
    return found


def series_members(dimension_codes) -> dict[str, list[DimensionMember]]:
    """The members of each dimension, in their order (one query; names in the active language)."""
    members: dict[str, list[DimensionMember]] = {code: [] for code in dimension_codes}
    rows = DimensionMember.objects.filter(dimension__code__in=members).select_related("dimension")
    for member in rows.order_by("dimension__code", "order", "code"):
        members[member.dimension.code].append(member)
    return members


def latest_validated_per_party(observations, indicator_codes):
    """The rows of `indicator_codes` from each Party's latest validated report of the indicator (a
    Party that validated the same table in two cycles counts once, with its latest figures).

    A window ranks each Party's submissions per indicator (read in the order of the index
    `result_obs_latest_per_party`); the rows of rank 1 are a semi-join of the aggregate, so the
    whole read stays one query without a subquery per row.
    """
    codes = list(indicator_codes)
    ranked = ResultObservation.objects.filter(indicator_code__in=codes).alias(
        rank=Window(
            DenseRank(),
            partition_by=[F("indicator_code"), F("country_iso3")],
            order_by=[F("validated_at").desc(), F("submission_id").desc()],
        )
    )
    return observations.filter(indicator_code__in=codes, pk__in=ranked.filter(rank=1).values("pk"))


def series_aggregate(observations, indicator_codes) -> list[dict]:
    """Validated numbers of `indicator_codes` summed per annex, indicator, time period and member key,
    with the mean over Parties and how many Parties reported: one grouped query on the read model.

    `observations` is a (filtered) `ResultObservation` queryset; the read model holds validated
    submissions only, and each Party counts with its latest validated report.
    """
    rows = latest_validated_per_party(observations.filter(value_number__isnull=False), indicator_codes)
    return list(
        rows.values("region_code", "indicator_code", "time_period", "key")
        .annotate(
            total=Sum("value_number"),
            average=Avg("value_number"),
            parties=Count("country_iso3", distinct=True),
        )
        .order_by("region_code", "indicator_code", "time_period", "key")
    )


def review_rounds(submission) -> list[dict]:
    """Every review round that returned the report, oldest first: when, by whom, the overall reason and
    each indicator's comment of that round (read from the indicators' history, which keeps every round's
    comment with its round number). The steps come from `submission.transitions` (prefetched with their
    actors by `for_detail()`); a report never returned costs no query more, one returned one query."""
    returns = [step for step in submission.transitions.all() if step.to_state == SubmissionState.RETURNED]
    if not returns:
        return []
    rounds = {
        step.review_round: {
            "round": step.review_round,
            "at": step.at,
            "actor": step.actor,
            "comment": step.comment,
        }
        for step in sorted(returns, key=lambda step: (step.at, step.pk))
    }
    comments: dict[tuple[int, int], tuple[str, str]] = {}
    for review_round, code, text in (
        SubmissionIndicator.history.filter(submission_id=submission.pk)
        .exclude(reviewer_comment="")
        .order_by("history_date", "history_id")
        .values_list("review_round", "indicator__code", "reviewer_comment")
    ):
        comments[(review_round, code)] = (code, text)  # the round's last word on the indicator
    for (review_round, _code), pair in sorted(comments.items()):
        rounds.setdefault(
            review_round, {"round": review_round, "at": None, "actor": None, "comment": ""}
        ).setdefault("indicators", []).append(pair)
    return [rounds[key] | {"indicators": rounds[key].get("indicators", [])} for key in sorted(rounds)]
