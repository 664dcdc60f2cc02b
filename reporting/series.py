"""The dashboard's national series: the Parties' validated national tables (land cover SO1-1.T4,
SDG 15.3.1 SO1-4, drought SO3-1, exposure by sex SO2-3) summed per annex, for all Parties, one
annex or one Party.

Each series is read with one grouped query on the results read model
(`workprogramme.selectors.series_aggregate`; validated data only, each Party with its latest
validated report) and given three shapes from the same figures: a table shaped like a compiled
report table (`compiler/tables.py`, shown by `reporting/_table.html`), an SVG chart, and the rows
of the API (`/api/v1/dashboard/series/<code>/`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regions.models import Country, Region
from workprogramme.models import Indicator, ResultObservation
from workprogramme.selectors import NATIONAL_SERIES, series_aggregate, series_indicators, series_members

from .compiler.tables import column, group_row, number, row, table
from .rendering.series_charts import grouped_bar_chart, stacked_bar_chart

SERIES_CODES = tuple(NATIONAL_SERIES)
TOTAL_MEMBER = "_T"  # SDMX's total: a row of the table, not a slice of the chart


@dataclass
class SeriesScope:
    """Which Parties a series sums: all, those of one annex, or one Party."""

    region: str = ""
    country: Country | None = None
    regions: dict[str, str] = field(default_factory=dict)  # annex code -> name, in their order

    @property
    def label(self) -> str:
        if self.country is not None:
            return self.country.name
        if self.region:
            return region_label(self.region, self.regions.get(self.region, ""))
        return _("all Parties")


def region_label(code: str, name: str) -> str:
    if not code:
        return _("Parties outside the annexes")
    return _("Annex %(code)s: %(name)s") % {"code": code, "name": name}


def unit_label(unit: str, multiplier: int) -> str:
    """The unit with its SDMX unit multiplier in words (3: thousands of km²)."""
    if not multiplier:
        return unit
    words = {3: _("thousands of %(unit)s"), 6: _("millions of %(unit)s"), 9: _("billions of %(unit)s")}
    if multiplier in words:
        return words[multiplier] % {"unit": unit}
    return _("%(unit)s × 10^%(power)s") % {"unit": unit, "power": multiplier}


def _periods(indicators: list[Indicator], rows: list[dict]) -> list[str]:
    """The table's declared time periods, then any other period the data carry, in order."""
    declared = [p.strip() for i in indicators for p in i.time_periods.split(",") if p.strip()]
    found = {r["time_period"] for r in rows if r["time_period"]}
    return sorted(set(declared) | found)


def _member_code(key: str) -> str:
    return key.split("=", 1)[1] if "=" in key else key


def _figure(value) -> int | float | None:
    return None if value is None else number(value)


# --- series by the members of one dimension: land cover, drought, exposure by sex ---------------


def _by_member(series, indicator: Indicator, members, rows: list[dict], scope: SeriesScope) -> dict:
    periods = _periods([indicator], rows)
    codes = [m.code for m in members] or sorted({_member_code(r["key"]) for r in rows})
    names = {m.code: m.name for m in members}
    totals: dict[tuple[str, str, str], Decimal] = {}
    parties: dict[str, int] = defaultdict(int)
    for item in rows:
        region, member = item["region_code"], _member_code(item["key"])
        totals[(region, member, item["time_period"])] = item["total"]
        parties[region] = max(parties[region], item["parties"])
    regions = [code for code in scope.regions if code in parties] + sorted(set(parties) - set(scope.regions))
    all_parties: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for (_region, member, period), value in totals.items():
        all_parties[(member, period)] += value

    change = series.code == "land-cover" and len(periods) > 1
    columns = [column(period, period, "number") for period in periods]
    if change:
        columns.append(
            column(
                "change",
                _("Change %(first)s–%(last)s") % {"first": periods[0], "last": periods[-1]},
                "number",
            )
        )

    def lines(values) -> list[dict]:
        result = []
        for code in codes:
            cells = [_figure(values(code, period)) for period in periods]
            if change:
                first, last = values(code, periods[0]), values(code, periods[-1])
                cells.append(_figure(last - first) if first is not None and last is not None else None)
            result.append(
                row(names.get(code, code), cells, "total" if code == TOTAL_MEMBER else "line", code=code)
            )
        return result

    table_rows, data = [], []
    for region in regions:
        heading = region_label(region, scope.regions.get(region, ""))
        table_rows.append(
            group_row(
                ngettext("%(region)s (%(count)s Party)", "%(region)s (%(count)s Parties)", parties[region])
                % {"region": heading, "count": parties[region]},
                code=region or "none",
            )
        )
        table_rows += lines(lambda code, period, region=region: totals.get((region, code, period)))
        data += [
            {
                "region": region or None,
                "member": code,
                "time_period": period,
                "value": _figure(totals[(region, code, period)]),
            }
            for code in codes
            for period in periods
            if (region, code, period) in totals
        ]
    if len(regions) > 1:
        count = sum(parties.values())
        table_rows.append(group_row(_("All Parties (%(count)s)") % {"count": count}, code="total"))
        table_rows += lines(lambda code, period: all_parties.get((code, period)))

    scope_values = (
        (lambda code, period: all_parties.get((code, period)))
        if len(regions) > 1
        else (lambda code, period: totals.get((regions[0], code, period)) if regions else None)
    )
    chart_codes = [code for code in codes if code != TOTAL_MEMBER]
    chart = (
        stacked_bar_chart(
            _("%(title)s, %(scope)s") % {"title": _title(series, indicator), "scope": scope.label},
            periods,
            [
                (names.get(code, code), [scope_values(code, period) or 0 for period in periods])
                for code in chart_codes
            ],
            unit_label(indicator.unit, indicator.unit_multiplier),
        )
        if table_rows
        else ""
    )
    return {
        "periods": periods,
        "columns": columns,
        "rows": table_rows,
        "data": data,
        "chart": chart,
        "unit": indicator.unit,
        "unit_multiplier": indicator.unit_multiplier,
        "members": [{"code": code, "name": names.get(code, code)} for code in codes],
    }


# --- SDG 15.3.1: proportion of land degraded and degraded area per annex over time -------------


def _degraded_land(series, indicators: list[Indicator], rows: list[dict], scope: SeriesScope) -> dict:
    proportion = next((i for i in indicators if i.sdg_series == "AG_LND_DGRD"), None) or next(
        (i for i in indicators if i.unit == "%"), indicators[0]
    )
    area = next((i for i in indicators if i is not proportion and i.unit != "%"), None)
    periods = _periods([proportion] + ([area] if area else []), rows)
    figures = {(r["region_code"], r["indicator_code"], r["time_period"]): r for r in rows}
    present = {r["region_code"] for r in rows}
    regions = [code for code in scope.regions if code in present] + sorted(present - set(scope.regions))

    def summed(region_codes, indicator, period, name):
        found = [
            figures[(code, indicator.code, period)]
            for code in region_codes
            if (code, indicator.code, period) in figures
        ]
        if not found:
            return None
        return sum((f[name] for f in found), Decimal(0) if name == "total" else 0)

    def lines(region_codes) -> list[dict]:
        means, areas, counts = [], [], []
        for period in periods:
            total = summed(region_codes, proportion, period, "total")
            count = summed(region_codes, proportion, period, "parties")
            means.append(_figure(total / count) if count else None)
            counts.append(count)
            areas.append(_figure(summed(region_codes, area, period, "total")) if area else None)
        result = [
            row(
                _("Proportion of land degraded, mean of the Parties (%(unit)s)")
                % {"unit": unit_label(proportion.unit, proportion.unit_multiplier)},
                means,
                code="proportion",
            )
        ]
        if area is not None:
            result.append(
                row(
                    _("Degraded land, sum of the Parties (%(unit)s)")
                    % {"unit": unit_label(area.unit, area.unit_multiplier)},
                    areas,
                    code="area",
                )
            )
        result.append(row(_("Parties reporting"), counts, code="parties"))
        return result

    table_rows, data, chart_categories, chart_values = [], [], [], []
    groups = [(region_label(code, scope.regions.get(code, "")), [code], code or "none") for code in regions]
    if len(regions) > 1:
        groups.append((_("All Parties"), regions, "total"))
    for label, region_codes, code in groups:
        table_rows.append(group_row(label, code=code))
        group_lines = lines(region_codes)
        table_rows += group_lines
        chart_categories.append(label)
        chart_values.append(group_lines[0]["cells"])
        if code != "total":
            for index, period in enumerate(periods):
                data.append(
                    {
                        "region": region_codes[0] or None,
                        "time_period": period,
                        "proportion_mean": group_lines[0]["cells"][index],
                        "degraded_area": group_lines[1]["cells"][index] if area is not None else None,
                        "parties": group_lines[-1]["cells"][index],
                    }
                )
    chart = (
        grouped_bar_chart(
            _("%(title)s, %(scope)s") % {"title": _title(series, proportion), "scope": scope.label},
            chart_categories,
            [
                (period, [values[index] or 0 for values in chart_values])
                for index, period in enumerate(periods)
            ],
            unit_label(proportion.unit, proportion.unit_multiplier),
        )
        if table_rows
        else ""
    )
    return {
        "periods": periods,
        "columns": [column(period, period, "number") for period in periods],
        "rows": table_rows,
        "data": data,
        "chart": chart,
        "unit": proportion.unit,
        "unit_multiplier": proportion.unit_multiplier,
        "members": [],
    }


def _title(series, indicator: Indicator) -> str:
    titles = {
        "land-cover": _("Land cover: area of each land-cover class"),
        "degraded-land": _("Proportion of land that is degraded (SDG indicator 15.3.1)"),
        "drought": _("Land area affected by drought, by intensity class"),
        "exposure-by-sex": _("Population exposed to land degradation, by sex"),
    }
    return titles.get(series.code) or indicator.text


def national_series(codes, observations=None, *, scope: SeriesScope) -> list[dict]:
    """The series named by `codes` over `observations` (a filtered read-model queryset), each as
    {code, prais_table, title, unit, unit_multiplier, unit_label, periods, table, chart, data}.

    Queries: the indicators, the dimension members and one grouped query per series."""
    observations = ResultObservation.objects.all() if observations is None else observations
    chosen = [NATIONAL_SERIES[code] for code in codes]
    indicators = series_indicators(chosen)
    members = series_members({item.dimension for item in chosen if item.dimension})
    result = []
    for number_, item in enumerate(chosen, start=1):
        found = indicators[item.code]
        if not found:
            continue
        if item.dimension:  # one indicator per table: its rows are the dimension's members
            rows = series_aggregate(observations, [found[0].code])
            shaped = _by_member(item, found[0], members[item.dimension], rows, scope)
        else:
            rows = series_aggregate(observations, [indicator.code for indicator in found])
            shaped = _degraded_land(item, found, rows, scope)
        title = _("%(title)s (%(table)s), %(scope)s") % {
            "title": _title(item, found[0]),
            "table": item.prais_table,
            "scope": scope.label,
        }
        label = unit_label(shaped["unit"], shaped["unit_multiplier"])
        compiled = table(
            number_,
            item.code,
            title,
            shaped["columns"],
            shaped["rows"],
            unit=shaped["unit"] if item.dimension else "",  # SO1-4's rows name their units (% and km²)
            unit_label=label if item.dimension else "",
        )
        if not shaped["rows"]:
            compiled["notes"].append(_("No validated data yet."))
        result.append(
            {
                "code": item.code,
                "prais_table": item.prais_table,
                "title": title,
                "unit": shaped["unit"],
                "unit_multiplier": shaped["unit_multiplier"],
                "unit_label": label,
                "periods": shaped["periods"],
                "members": shaped["members"],
                "table": compiled,
                "chart": shaped["chart"],
                "data": shaped["data"],
            }
        )
    return result


def series_scope(filters: dict) -> SeriesScope:
    """The scope of the valid filters of `ResultSeriesFilterSet` (its form's cleaned data), with the
    annexes' names in their order: one query, and one more for the Party's name."""
    regions = dict(Region.objects.order_by("order").values_list("code", "name"))
    region = filters.get("region")
    iso3 = filters.get("country")
    country = Country.objects.filter(iso3=iso3).first() if iso3 else None
    return SeriesScope(region=region.code if region else "", country=country, regions=regions)
