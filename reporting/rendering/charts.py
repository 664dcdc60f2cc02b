"""Server-side SVG charts (no JavaScript, no CDN): each chart is shown next to its table."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

COLOURS = ("#1f5f8b", "#8fb9d6", "#c96a28", "#5b8c3a", "#7a5195", "#b2b2b2", "#d4a72c", "#444444")


def bar_chart(
    title: str, categories: list[str], series: list[tuple[str, list[float]]], width: int = 820
) -> str:
    """Grouped horizontal bars; values are scaled to the largest one."""
    bar, gap, label_width, legend = 14, 12, 300, 26
    group_height = bar * len(series) + gap
    height = legend + group_height * len(categories) + 20
    largest = max((v for _name, values in series for v in values), default=0) or 1
    plot = width - label_width - 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" direction="ltr" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="report-chart img-fluid"><title>{escape(title)}</title>'
    ]
    for index, (name, _values) in enumerate(series):
        x = label_width + index * 180
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 16}" y="14" font-size="12">{escape(name)}</text>')
    for row, category in enumerate(categories):
        top = legend + row * group_height
        parts.append(
            f'<text x="{label_width - 6}" y="{top + group_height / 2}" font-size="12" text-anchor="end">'
            f"{escape(category[:42])}</text>"
        )
        for index, (_name, values) in enumerate(series):
            value = max(values[row] or 0, 0)
            length = plot * value / largest
            y = top + index * bar
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{COLOURS[index % len(COLOURS)]}">'
                f"<title>{escape(category)}: {value:,.0f}</title></rect>"
            )
            x = label_width + length + 4
            parts.append(f'<text x="{x:.1f}" y="{y + bar - 3}" font-size="10">{value:,.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def budget_vs_expenditure(table1: dict) -> str:
    """Approved budget, expenditure to the cut-off and projected expenditure per programme."""
    rows = [row for row in table1["rows"] if row["style"] in ("line", "supplementary")]
    return bar_chart(
        _("Budget and expenditure per programme (EUR)"),
        [row["label"] for row in rows],
        [
            (_("Approved budget"), [row["cells"][0] for row in rows]),
            (_("Expenditure to the cut-off"), [row["cells"][1] for row in rows]),
            (_("Projected expenditure"), [row["cells"][3] for row in rows]),
        ],
    )


def staff_by_region_and_gender(table8: dict) -> str:
    """Filled P+ posts per regional group and per gender (the subtotal row of table 8)."""
    subtotal = next((row for row in table8["rows"] if row.get("code") == "subtotal"), None)
    if subtotal is None:
        return ""
    columns = table8["columns"][:-1]
    return bar_chart(
        _("Filled Professional posts by regional group and gender"),
        [column["label"] for column in columns],
        [(_("Filled posts"), subtotal["cells"][: len(columns)])],
    )


def capacity_building_participants(table12: dict) -> str:
    """Women, men and other or undisclosed participants per type of capacity-building activity."""
    rows = [row for row in table12["rows"] if row["style"] == "line"]
    return bar_chart(
        _("Capacity-building participants by type of activity and gender"),
        [row["label"] for row in rows],
        [
            (_("Women"), [row["cells"][1] for row in rows]),
            (_("Men"), [row["cells"][2] for row in rows]),
            (_("Other or undisclosed"), [row["cells"][3] for row in rows]),
        ],
    )


def charts_for(tables: list[dict]) -> dict[int, str]:
    """The SVG chart to show with each table number that has one."""
    by_key = {table["key"]: table for table in tables if not table.get("no_data")}
    charts = {}
    if "expenditure_by_programme" in by_key:
        charts[1] = budget_vs_expenditure(by_key["expenditure_by_programme"])
    if "filled_by_geography" in by_key:
        charts[by_key["filled_by_geography"]["number"]] = staff_by_region_and_gender(
            by_key["filled_by_geography"]
        )
    if "capacity_building" in by_key:
        charts[by_key["capacity_building"]["number"]] = capacity_building_participants(
            by_key["capacity_building"]
        )
    return charts
