"""The capacity-building section of the biennial report (seed 004; decision 2/COP.14 para 7).

`workprogramme.selectors.capacity_building_summary` aggregates the biennium's activities in the
database; this module shapes the figures into table 12 (activities and participants by type, with
the gender balance) and notes on languages, formats and the Parties reached.
"""

from django.utils.translation import gettext as _

from workprogramme.selectors import capacity_building_summary

from .tables import column, row, table

CAPACITY_TABLE = 12


def capacity_building_section(biennium) -> dict:
    """The summary as stored in the report's sections (JSON: dates are not in it)."""
    summary = capacity_building_summary(biennium=biennium)
    return {key: value for key, value in summary.items() if key not in ("start", "end")}


def _cells(figures: dict) -> list:
    return [
        figures["activities"],
        figures["female"],
        figures["male"],
        figures["other"],
        figures["total"],
        figures["female_share"],
    ]


def capacity_building_table(section: dict, biennium) -> dict:
    """Table 12: per type of activity, the activities and participants by gender, with a total row."""
    columns = [
        column("activities", _("Activities"), "count"),
        column("female", _("Women"), "count"),
        column("male", _("Men"), "count"),
        column("other", _("Other or undisclosed"), "count"),
        column("total", _("Participants"), "count"),
        column("female_share", _("Women (% of participants)"), "percent"),
    ]
    rows = [row(entry["label"], _cells(entry), code=entry["kind"]) for entry in section["by_type"]]
    rows.append(row(_("Total"), _cells(section["totals"]), "total", code="total"))
    languages = ", ".join(f"{entry['name']} {entry['activities']}" for entry in section["languages"])
    formats = ", ".join(f"{entry['label']} {entry['activities']}" for entry in section["by_format"])
    regions = "; ".join(
        f"{_('Annex')} {entry['region']} {entry['countries']}"
        if entry["region"]
        else f"{_('outside the annexes')} {entry['countries']}"
        for entry in section["countries_by_region"]
    )
    notes = [
        _("Activities offered in each UN language: %(languages)s.") % {"languages": languages},
        _("Formats: %(formats)s.") % {"formats": formats},
        _("Parties reached: %(count)s%(regions)s.")
        % {"count": section["countries_reached"], "regions": f" ({regions})" if regions else ""},
        _("Women as a share of all participants, where the gender of participants was recorded."),
    ]
    title = _("Capacity-building activities by type, participants and gender balance, %(biennium)s") % {
        "biennium": biennium.code
    }
    summary = {**section["totals"], "countries_reached": section["countries_reached"]}
    return table(CAPACITY_TABLE, "capacity_building", title, columns, rows, notes=notes, summary=summary)


def check_capacity_arithmetic(capacity: dict) -> dict:
    """Participants = women + men + other on every row, and the rows add up to the total row."""
    failures = []
    lines = [line for line in capacity["rows"] if line["style"] == "line"]
    total = next((line for line in capacity["rows"] if line["style"] == "total"), None)
    for line in [*lines, *([total] if total else [])]:
        _activities, female, male, other, participants = line["cells"][:5]
        if female + male + other != participants:
            failures.append(_("%(row)s: participants ≠ women + men + other") % {"row": line["label"]})
    if total is not None:
        for index, name in enumerate(("activities", "women", "men", "other", "participants")):
            if sum(line["cells"][index] for line in lines) != total["cells"][index]:
                failures.append(_("Total %(column)s ≠ sum of the rows") % {"column": name})
    return {
        "code": f"table{capacity['number']}_participants",
        "table": capacity["number"],
        "passed": not failures,
        "message": "; ".join(failures)
        if failures
        else _("Participants = women + men + other on every row; the rows add up to the total."),
    }
