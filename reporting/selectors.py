"""Reads of the reporting app (list querysets are the models' `for_list()`), and the selectors of the
public results dashboard and the Party pages.

Every dashboard dataset is shaped like a compiled report table (see `compiler/tables.py`), so the
page renders it with `reporting/_table.html`, the CSV download uses `rendering.files.table_csv`
(formula-neutralised) and the charts read the same cells. Figures are database aggregates over
validated submissions and the latest published biennial report; focal points are read through
`FocalPoint.objects.visible_to`.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from regions.models import Country, Region
from workprogramme.choices import HANDED_IN_STATES, IndicatorReporter, SubmissionState, TargetLevel
from workprogramme.models import Biennium, CapacityBuildingActivity, Observation, Submission, Target
from workprogramme.selectors import results_cached, results_summary_cached

from .choices import ReportKind, ReportStatus
from .compiler.tables import column, group_row, percent, row, table
from .models import Report
from .rendering import dashboard_charts as charts
from .rendering.charts import charts_for
from .rendering.labels import render, render_report

RENDERING_CACHE_SECONDS = 24 * 60 * 60


def report_detail(user):
    """The versions `user` may see, with what a version's page and files show (tables included)."""
    return Report.objects.visible_to(user).select_related(
        "biennium", "compiled_by", "office__region", "committee__region"
    )


def report_rendering(report: Report) -> tuple[dict, dict]:
    """The version's tables in the active language and their charts; a complete version's never
    change, so they are computed once per language (a compiling one's every time)."""

    def compute():
        rendered = render_report(report)
        return rendered, charts_for(rendered["tables"]) if rendered["tables"] else {}

    if report.status != ReportStatus.COMPLETE or report.finished_at is None:
        return compute()
    key = f"reporting:rendering:{report.pk}:{report.finished_at.timestamp()}:{get_language()}"
    return cache.get_or_set(key, compute, RENDERING_CACHE_SECONDS)


# --- the public results dashboard and the Party pages ----------------------------------------

DATASETS = ("reporting-rate", "indicators", "trends", "budget", "parties")


def latest_published_report(user) -> Report | None:
    """The published biennial performance report of the latest biennium."""
    return (
        Report.objects.visible_to(user)
        .filter(kind=ReportKind.BIENNIAL_PERFORMANCE, published=True, status=ReportStatus.COMPLETE)
        .select_related("biennium")
        .order_by("-biennium__start_date", "-version")
        .first()
    )


def report_table(report: Report | None, key: str) -> dict | None:
    """The report's table with this key (e.g. "expenditure_by_programme"), if it has one, in the
    active language."""
    if report is None:
        return None
    table = next((t for t in report.tables if t.get("key") == key), None)
    return None if table is None else render(table)


def reporting_rate(report: Report | None) -> dict | None:
    """The reporting rate, one definition everywhere (home, dashboard, the report's narrative):
    Parties that handed in a national report in the biennium (submitted, returned, resubmitted or
    validated), of all Parties, with those validated, as the published report compiled them
    (`workprogramme.selectors.reporting_overview_for_biennium`). None without a report."""
    overview = ((report.sections or {}).get("results", {}).get("overview") or {}) if report else {}
    if not overview:
        return None
    return {**overview, "biennium": report.biennium.code}


def published_reporting_rate() -> dict | None:
    """`reporting_rate` of the latest published biennial report (once per data version)."""
    return results_cached("reporting-rate", lambda: reporting_rate(latest_published_report(AnonymousUser())))


def headline_figures(report: Report | None) -> dict:
    """Budget implementation and reporting rate as the published report states them."""
    if report is None:
        return {}
    finance = report_table(report, "expenditure_by_programme")
    overview = (report.sections or {}).get("results", {}).get("overview") or {}
    summary = finance["summary"] if finance else {}
    return {
        "report": report,
        "finance_missing": not finance or bool(finance.get("no_data")),
        "expenditure_rate": summary.get("expenditure_rate"),
        "implementation_rate": summary.get("implementation_rate"),
        "core_approved": summary.get("core_approved"),
        "core_expenditure": summary.get("core_expenditure"),
        "parties": overview.get("parties"),
        "submitted": overview.get("submitted"),
        "validated": overview.get("validated"),
        "reporting_rate": overview.get("rate"),
        "rate": reporting_rate(report),
    }


# The figures the public dashboard shows from the published report (headline_figures), as the
# confirmation of publishing compares them: key, label, kind, and whether they come from finance data.
PUBLIC_FIGURES = (
    ("expenditure_rate", gettext_lazy("Core budget spent by the cut-off"), "percent", True),
    ("implementation_rate", gettext_lazy("Projected budget implementation"), "percent", True),
    ("core_approved", gettext_lazy("Core budget approved (EUR)"), "amount", True),
    ("core_expenditure", gettext_lazy("Core expenditure to the cut-off (EUR)"), "amount", True),
    ("reporting_rate", gettext_lazy("Reporting rate"), "percent", False),
    ("submitted", gettext_lazy("Parties that handed in a national report"), "amount", False),
    ("validated", gettext_lazy("National reports validated"), "amount", False),
)


def publish_preview(report: Report) -> dict:
    """What the public will see change if `report` is published: the dashboard's headline figures now
    and after, and the version of the same report it withdraws."""
    public = latest_published_report(AnonymousUser())
    replaced = (
        Report.objects.filter(kind=report.kind, biennium=report.biennium, scope=report.scope, published=True)
        .exclude(pk=report.pk)
        .only("pk", "version", "published_at")
        .first()
    )
    # The dashboard shows the published biennial report of the latest biennium.
    on_dashboard = report.kind == ReportKind.BIENNIAL_PERFORMANCE and (
        public is None
        or public.pk == getattr(replaced, "pk", None)
        or report.biennium.start_date >= public.biennium.start_date
    )
    after = report if on_dashboard else public
    now_figures, after_figures = headline_figures(public), headline_figures(after)
    rows = []
    for key, label, kind, from_finance in PUBLIC_FIGURES:
        now, later = now_figures.get(key), after_figures.get(key)
        rows.append(
            {
                "label": label,
                "kind": kind,
                "now": now,
                "after": later,
                "now_missing": bool(now_figures) and from_finance and now_figures["finance_missing"],
                "after_missing": bool(after_figures) and from_finance and after_figures["finance_missing"],
                "changed": on_dashboard and (now != later or public is None),
            }
        )
    return {
        "public": public,
        "replaced": replaced,
        "on_dashboard": on_dashboard,
        "rows": rows,
    }


def biennia_with_results() -> list[Biennium]:
    """Biennia with at least one validated submission, oldest first."""
    return list(
        Biennium.objects.filter(reporting_cycles__submissions__state=SubmissionState.VALIDATED)
        .distinct()
        .order_by("start_date")
    )


def reporting_rate_by_region(biennium: Biennium) -> dict:
    """Parties, reports handed in and validated per annex (one grouped query)."""
    in_biennium = Q(submissions__cycle__biennium=biennium)
    rows_ = (
        Country.objects.order_by()
        .values("region__code", "region__name", "region__order")
        .annotate(
            parties=Count("pk", distinct=True),
            submitted=Count(
                "pk", distinct=True, filter=in_biennium & Q(submissions__state__in=HANDED_IN_STATES)
            ),
            validated=Count(
                "pk", distinct=True, filter=in_biennium & Q(submissions__state=SubmissionState.VALIDATED)
            ),
        )
        .order_by("region__order")
    )
    ordered = sorted(rows_, key=lambda r: (r["region__order"] is None, r["region__order"] or 0))
    lines, totals = [], {"parties": 0, "submitted": 0, "validated": 0}
    for item in ordered:
        label = (
            _("Annex %(code)s: %(name)s") % {"code": item["region__code"], "name": item["region__name"]}
            if item["region__code"]
            else _("Parties outside the annexes")
        )
        lines.append(row(label, _rate_cells(item), code=item["region__code"] or "none"))
        totals = {key: totals[key] + item[key] for key in totals}
    lines.append(row(_("All Parties"), _rate_cells(totals), "total", code="total"))
    columns = [
        column("parties", _("Parties"), "count"),
        column("submitted", _("Reports handed in"), "count"),
        column("validated", _("Reports validated"), "count"),
        column("rate", _("Reporting rate (%)"), "percent"),
    ]
    title = _("Reporting rate by region, %(biennium)s") % {"biennium": biennium.code}
    return table(1, "reporting-rate", title, columns, lines, summary=totals)


def _rate_cells(figures: dict) -> list:
    return [
        figures["parties"],
        figures["submitted"],
        figures["validated"],
        percent(figures["submitted"], figures["parties"]),
    ]


def _regional_targets(biennium: Biennium) -> dict[tuple[str, str], float]:
    """(indicator code, annex code) -> the regional target of the biennium (country-reported indicators)."""
    return {
        (indicator, region): _num(value)
        for indicator, region, value in Target.objects.filter(
            biennium=biennium, level=TargetLevel.REGIONAL, indicator__reported_by=IndicatorReporter.COUNTRY
        ).values_list("indicator__code", "region__code", "value")
    }


def indicator_values_by_region(biennium: Biennium, summary: list[dict] | None = None) -> dict:
    """Each country-reported indicator's validated value per annex and for all Parties, with targets."""
    summary = results_summary_cached(biennium) if summary is None else summary
    regions = list(Region.objects.order_by("order").values_list("code", "name"))
    targets = _regional_targets(biennium)
    lines = []
    for indicator in _country_indicators(summary):
        lines.append(group_row(f"{indicator['code']} {indicator['text']}"))
        by_region = {entry["region"]: entry for entry in indicator["by_region"]}
        for code, name in regions:
            entry = by_region.get(code, {})
            target = targets.get((indicator["code"], code))
            lines.append(
                row(
                    _("Annex %(code)s: %(name)s") % {"code": code, "name": name},
                    [entry.get("value"), indicator["unit"], entry.get("reporting_parties", 0), target],
                    code=f"{indicator['code']}/{code}",
                )
            )
        lines.append(
            row(
                _("All Parties"),
                [indicator["value"], indicator["unit"], indicator["reporting_parties"], indicator["target"]],
                "total",
                code=f"{indicator['code']}/all",
            )
        )
    columns = [
        column("value", _("Value (validated)"), "number"),
        column("unit", _("Unit"), "text"),
        column("reporting_parties", _("Parties reporting"), "count"),
        column("target", _("Target"), "number"),
    ]
    title = _("Indicator values by region with targets, %(biennium)s") % {"biennium": biennium.code}
    return table(2, "indicators", title, columns, lines)


def _num(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _country_indicators(summary: list[dict]):
    for objective in summary:
        for outcome in objective["outcomes"]:
            for indicator in outcome["indicators"]:
                if indicator["reported_by"] == IndicatorReporter.COUNTRY:
                    yield indicator


def trends_across_biennia(biennia: list[Biennium], summaries: dict[int, list] | None = None) -> dict:
    """Per indicator and biennium: value, target, Parties reporting, reporting rate."""
    summaries = summaries or {}
    per_indicator: dict[str, dict] = {}
    for biennium in biennia:
        summary = summaries.get(biennium.pk)
        if summary is None:
            summary = results_summary_cached(biennium)
        for indicator in _country_indicators(summary):
            entry = per_indicator.setdefault(
                indicator["code"],
                {"label": f"{indicator['code']} {indicator['text']}", "code": indicator["code"], "rows": []},
            )
            entry["rows"].append(
                row(
                    biennium.code,
                    [
                        indicator["value"],
                        indicator["target"],
                        indicator["reporting_parties"],
                        indicator["reporting_rate"],
                    ],
                    code=f"{indicator['code']}/{biennium.code}",
                )
            )
    lines = []
    for entry in per_indicator.values():
        lines += [group_row(entry["label"], code=entry["code"]), *entry["rows"]]
    columns = [
        column("value", _("Value (validated)"), "number"),
        column("target", _("Target"), "number"),
        column("reporting_parties", _("Parties reporting"), "count"),
        # Not the reporting rate (Parties that handed in a report): Parties with a validated value.
        # xgettext:no-python-format
        column("reporting_rate", _("Parties with a validated value (% of all Parties)"), "percent"),
    ]
    return table(3, "trends", _("Trends across biennia"), columns, lines)


def budget_implementation(report: Report | None) -> dict:
    """Per programme of the published report's table 1: budget, expenditure, projected, rates."""
    source = report_table(report, "expenditure_by_programme")
    lines = []
    for line in (source or {}).get("rows", []):
        if line["style"] == "group":
            lines.append(group_row(line["label"]))
            continue
        approved, spent, _forecast, projected = line["cells"][:4]
        lines.append(
            row(
                line["label"],
                [
                    approved,
                    spent,
                    projected,
                    percent(spent or 0, approved),
                    percent(projected or 0, approved),
                ],
                line["style"],
                code=line.get("code", ""),
            )
        )
    columns = [
        column("approved", _("Approved budget"), "amount"),
        column("expenditure", _("Expenditure to the cut-off"), "amount"),
        column("projected", _("Projected expenditure"), "amount"),
        # xgettext:no-python-format
        column("expenditure_rate", _("Expenditure (% of budget)"), "percent"),
        column("implementation_rate", _("Projected implementation (%)"), "percent"),
    ]
    title = _("Budget implementation per programme")
    if report is not None:
        title += f", {report.biennium.code}"
    return table(4, "budget", title, columns, lines, unit="EUR")


PUBLIC_STATUS = {
    SubmissionState.VALIDATED: "validated",
    SubmissionState.SUBMITTED: "submitted",
    SubmissionState.RESUBMITTED: "submitted",
    SubmissionState.RETURNED: "submitted",
}


def public_status_label(status: str) -> str:
    return {
        "validated": _("Validated"),
        "submitted": _("Handed in, under review"),
        "none": _("Not handed in"),
    }[status]


def parties_reporting(biennium: Biennium) -> dict:
    """Every Party with whether it handed in a report in the biennium (validated, under review, none)."""
    statuses: dict[int, str] = {}
    for country_id, state in Submission.objects.filter(
        cycle__biennium=biennium, state__in=HANDED_IN_STATES
    ).values_list("country_id", "state"):
        if statuses.get(country_id) != "validated":
            statuses[country_id] = "validated" if state == SubmissionState.VALIDATED else "submitted"
    lines, groups = [], {}
    for country in Country.objects.select_related("region").order_by("region__order", "name"):
        status = statuses.get(country.pk, "none")
        key = country.region.code if country.region else ""
        groups.setdefault(key, {"region": country.region, "parties": []})["parties"].append(
            {"iso3": country.iso3, "name": country.name, "status": status}
        )
        lines.append(
            row(
                country.name,
                [country.iso3, key or "–", public_status_label(status)],
                code=country.iso3,
            )
        )
    columns = [
        column("iso3", _("ISO3"), "text"),
        column("annex", _("Annex"), "text"),
        column("status", _("Report"), "text"),
    ]
    title = _("Parties that reported, %(biennium)s") % {"biennium": biennium.code}
    result = table(5, "parties", title, columns, lines)
    result["groups"] = sorted(
        groups.values(), key=lambda g: (g["region"] is None, getattr(g["region"], "order", 0))
    )
    return result


def _public_report_summary(report: Report | None) -> Report | None:
    """The fields of the published report the dashboard names (not its tables: they stay out of
    the cache)."""
    if report is None:
        return None
    return Report(
        pk=report.pk,
        kind=report.kind,
        biennium=report.biennium,
        cutoff_date=report.cutoff_date,
        version=report.version,
    )


def dashboard_content(biennium_code: str | None) -> dict | None:
    """Everything the dashboard shows for one biennium (None: the default one), tables and charts,
    computed once per data version and language (`workprogramme.selectors.results_cached`: a
    validation, a target or a publication makes a new version). None when the biennium asked for
    has no validated results."""
    return results_cached("dashboard", lambda: _dashboard_content(biennium_code), biennium_code or "")


def _dashboard_content(biennium_code: str | None) -> dict | None:
    # Published versions are public: the same for every user (`AnonymousUser` sees all of them).
    report = latest_published_report(AnonymousUser())
    biennia = biennia_with_results()
    by_code = {biennium.code: biennium for biennium in biennia}
    if biennium_code and biennium_code not in by_code:
        return None
    if biennium_code:
        biennium = by_code[biennium_code]
    elif report is not None and report.biennium.code in by_code:
        biennium = by_code[report.biennium.code]
    else:
        biennium = biennia[-1] if biennia else None
    finance = report_table(report, "expenditure_by_programme")
    trends = trends_across_biennia(biennia)
    content = {
        "headline": {**headline_figures(report), "report": _public_report_summary(report)} if report else {},
        "biennia": biennia,
        "biennium": biennium,
        "trends": trends,
        "trend_chart": charts.trend_chart(trends),
        "budget": budget_implementation(report),
        "budget_chart": charts.budget_chart(finance),
    }
    if biennium is not None:
        rate = reporting_rate_by_region(biennium)
        indicators = indicator_values_by_region(biennium)
        content |= {
            "rate": rate,
            "rate_chart": charts.reporting_rate_chart(rate),
            "indicators": indicators,
            "indicator_charts": charts.indicator_charts(indicators),
            "parties": parties_reporting(biennium),
        }
    return content


def dashboard_dataset(name: str, *, user, biennium: Biennium | None) -> dict | None:
    """One dataset by name (for its CSV), or None when it has nothing to show."""
    if name == "budget":
        return budget_implementation(latest_published_report(user))
    if name == "trends":
        return trends_across_biennia(biennia_with_results())
    if biennium is None:
        return None
    builders = {
        "reporting-rate": reporting_rate_by_region,
        "indicators": indicator_values_by_region,
        "parties": parties_reporting,
    }
    return builders[name](biennium)


def party_validated_values(country: Country) -> list[dict]:
    """The Party's validated scalar values with its own, its region's and the global target (two
    queries); targets are set per indicator, so tables' cells are left to the tables' own views."""
    values = list(
        Observation.objects.validated()
        .scalar()
        .filter(submission__country=country)
        .select_related("submission__cycle__biennium", "indicator__outcome__objective")
        .order_by(
            "-submission__cycle__biennium__start_date",
            "indicator__outcome__objective__order",
            "indicator__order",
        )
    )
    targets = {}
    scope = Q(level=TargetLevel.GLOBAL) | Q(level=TargetLevel.COUNTRY, country=country)
    if country.region_id:
        scope |= Q(level=TargetLevel.REGIONAL, region_id=country.region_id)
    for indicator_id, biennium_id, level, value in Target.objects.filter(
        scope, indicator_id__in={v.indicator_id for v in values}
    ).values_list("indicator_id", "biennium_id", "level", "value"):
        targets[(indicator_id, biennium_id, level)] = _num(value)
    return [
        {
            "value": value,
            "biennium": value.submission.cycle.biennium,
            "country_target": targets.get(
                (value.indicator_id, value.submission.cycle.biennium_id, "country")
            ),
            "regional_target": targets.get(
                (value.indicator_id, value.submission.cycle.biennium_id, "regional")
            ),
            "global_target": targets.get((value.indicator_id, value.submission.cycle.biennium_id, "global")),
        }
        for value in values
    ]


def party_submissions(country: Country, user) -> list[dict]:
    """The Party's submissions per cycle, with the public status and, for those who may, a link."""
    visible = set(Submission.objects.visible_to(user).filter(country=country).values_list("pk", flat=True))
    rows_ = []
    for submission in (
        Submission.objects.filter(country=country)
        .select_related("cycle__biennium")
        .order_by("-cycle__biennium__start_date", "-cycle__deadline")
    ):
        public = PUBLIC_STATUS.get(submission.state, "none")
        rows_.append(
            {
                "cycle": submission.cycle,
                "public_status": public_status_label(public),
                "status_key": public,
                "state": submission.get_state_display() if submission.pk in visible else None,
                "url": submission.get_absolute_url() if submission.pk in visible else None,
                "submitted_at": submission.submitted_at if public != "none" else None,
                "validated_at": submission.validated_at,
            }
        )
    return rows_


def party_capacity_activities(country: Country):
    """The capacity-building activities that named the Party, latest first."""
    return (
        CapacityBuildingActivity.objects.filter(countries=country)
        .order_by("-start_date")
        .only("pk", "title", "kind", "start_date", "end_date")
    )
