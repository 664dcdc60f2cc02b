"""Template filters of the reporting app: a table cell formatted by its column's kind."""

from django import template

from ..rendering.cells import format_cell

register = template.Library()


@register.filter
def report_cell(value, kind):
    """Amounts and counts with thousands separators (negatives in parentheses); percentages, one decimal."""
    return format_cell(value, kind)


@register.filter
def cell_mark(row, index):
    """The footnote letter attached to a cell, if any."""
    return (row.get("marks") or {}).get(str(index), "")


@register.filter
def column_at(columns, index):
    """The column definition of a cell, by position."""
    try:
        return columns[int(index)]
    except (IndexError, ValueError, TypeError):
        return {"kind": "text"}
