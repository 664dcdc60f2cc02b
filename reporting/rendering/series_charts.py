"""Server-side SVG charts of the dashboard's national series (no JavaScript, no CDN), drawn from the
same figures as their table view: stacked bars (the classes of each year) and grouped bars (the
periods of each annex). Legends wrap, so that seven land-cover classes or eight years fit."""

from xml.sax.saxutils import escape

from django.utils.formats import number_format

from .charts import COLOURS

WIDTH, LABEL_WIDTH, LEGEND_ROW, LEGEND_ITEM = 820, 270, 18, 190


def _number(value) -> str:
    """A figure as the tables write it: whole numbers without decimals, others with one."""
    value = round(float(value), 1)
    decimals = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _label(text: str, limit: int = 40) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _open(title: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" direction="ltr" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" class="report-chart img-fluid"><title>{escape(title)}</title>'
    ]


def _legend(names: list[str], unit: str) -> tuple[list[str], int]:
    """The legend (names with their colours) in rows of as many items as fit, then the unit."""
    per_row = max(1, (WIDTH - 20) // LEGEND_ITEM)
    parts = []
    for index, name in enumerate(names):
        x = 10 + (index % per_row) * LEGEND_ITEM
        y = 4 + (index // per_row) * LEGEND_ROW
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 10}" font-size="12">{_label(name, 28)}</text>')
    rows = (len(names) + per_row - 1) // per_row
    top = 4 + rows * LEGEND_ROW
    parts.append(f'<text x="10" y="{top + 10}" font-size="11" fill="#444">{escape(unit)}</text>')
    return parts, top + LEGEND_ROW


def stacked_bar_chart(title: str, categories: list[str], segments: list[tuple[str, list]], unit: str) -> str:
    """One horizontal bar per category (a year), its segments side by side (the classes)."""
    bar, gap = 22, 10
    legend, top = _legend([name for name, _values in segments], unit)
    totals = [sum(max(values[i] or 0, 0) for _name, values in segments) for i in range(len(categories))]
    largest = max(totals, default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 90
    height = top + (bar + gap) * len(categories) + 10
    parts = _open(title, height) + legend
    for row, category in enumerate(categories):
        y = top + row * (bar + gap)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + bar / 2 + 4}" font-size="12" text-anchor="end">'
            f"{_label(category)}</text>"
        )
        x = LABEL_WIDTH
        for index, (name, values) in enumerate(segments):
            value = max(values[row] or 0, 0)
            length = plot * float(value) / float(largest)
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                f'fill="{COLOURS[index % len(COLOURS)]}"><title>{escape(category)}, {escape(name)}: '
                f"{_number(value)}</title></rect>"
            )
            x += length
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + bar / 2 + 4}" font-size="10">{_number(totals[row])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(title: str, categories: list[str], series: list[tuple[str, list]], unit: str) -> str:
    """Grouped horizontal bars: per category (an annex), one bar per series (a period)."""
    bar, gap = 14, 12
    legend, top = _legend([name for name, _values in series], unit)
    group = bar * len(series) + gap
    largest = max((float(v or 0) for _name, values in series for v in values), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 90
    height = top + group * len(categories) + 10
    parts = _open(title, height) + legend
    for row, category in enumerate(categories):
        y0 = top + row * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y0 + group / 2}" font-size="12" text-anchor="end">'
            f"{_label(category)}</text>"
        )
        for index, (name, values) in enumerate(series):
            value = max(float(values[row] or 0), 0)
            length = plot * value / largest
            y = y0 + index * bar
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{COLOURS[index % len(COLOURS)]}"><title>{escape(category)}, {escape(name)}: '
                f"{_number(value)}</title></rect>"
            )
            x = LABEL_WIDTH + length + 4
            parts.append(f'<text x="{x:.1f}" y="{y + bar - 3}" font-size="10">{_number(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)
