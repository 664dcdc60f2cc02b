"""SVG charts of the public results dashboard, drawn by the report's bar-chart code from the
dashboard's tables (the same cells the table view and the CSV show)."""

from django.utils.translation import gettext as _

from .charts import bar_chart, budget_vs_expenditure


def _lines(table: dict, styles=("line",)) -> list[dict]:
    return [line for line in table["rows"] if line["style"] in styles]


def reporting_rate_chart(table: dict) -> str:
    lines = _lines(table, ("line", "total"))
    return bar_chart(
        table["title"],
        [line["label"] for line in lines],
        [(_("Reporting rate (%)"), _zeros([line["cells"][3] for line in lines]))],
    )


def _grouped_charts(table: dict, value_at: int, target_at: int) -> list[dict]:
    """One chart per group row of `table`: each following line's value next to its target."""
    charts, current = [], None
    for line in table["rows"]:
        if line["style"] == "group":
            current = {"title": line["label"], "categories": [], "values": [], "targets": []}
            charts.append(current)
        elif current is not None and line["style"] == "line":
            current["categories"].append(line["label"])
            current["values"].append(line["cells"][value_at])
            current["targets"].append(line["cells"][target_at])
    return [
        {"title": chart["title"], "svg": _value_and_target_chart(chart)}
        for chart in charts
        if chart["categories"]
    ]


def _zeros(values: list) -> list:
    """The bar-chart code draws numbers: a missing value is drawn as an empty bar (the table says '–')."""
    return [value or 0 for value in values]


def _value_and_target_chart(chart: dict) -> str:
    series = [(_("Validated value"), _zeros(chart["values"]))]
    if any(target is not None for target in chart["targets"]):
        series.append((_("Target of the annex"), _zeros(chart["targets"])))
    return bar_chart(chart["title"], chart["categories"], series)


def indicator_charts(table: dict) -> list[dict]:
    """Per indicator: its value in each annex next to the annex's target."""
    return _grouped_charts(table, value_at=0, target_at=3)


def trend_chart(table: dict) -> str:
    """One chart for all indicators: a bar per biennium for each indicator's validated value; the
    categories are the indicators' codes (the table names them in full). Nothing to draw for fewer
    than two biennia: a trend needs two points."""
    indicators, biennia, values = [], [], {}
    for line in table["rows"]:
        if line["style"] == "group":
            indicators.append(line.get("code") or line["label"])
        elif indicators:
            if line["label"] not in biennia:
                biennia.append(line["label"])
            values[(indicators[-1], line["label"])] = line["cells"][0]
    if not indicators or len(biennia) < 2:
        return ""
    series = [
        (biennium, _zeros([values.get((label, biennium)) for label in indicators])) for biennium in biennia
    ]
    return bar_chart(table["title"], indicators, series)


def budget_chart(report_table1: dict | None) -> str:
    return budget_vs_expenditure(report_table1) if report_table1 else ""
