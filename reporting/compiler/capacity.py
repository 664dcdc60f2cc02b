"""The capacity-building section of the biennial report (seed 004; decision 2/COP.14 para 7).

`workprogramme.selectors.capacity_building_summary` aggregates the biennium's activities in the
database; this module shapes the figures into table 12 (activities and participants by type, with
the gender balance) and notes on languages, formats and the Parties reached.
"""

from workprogramme.selectors import capacity_building_summary

from .tables import column, joined, ref, row, table, text

CAPACITY_TABLE = 12


def capacity_building_section(biennium) -> dict:
    """The summary as stored in the report's sections (JSON: dates are not in it)."""
    summary = capacity_building_summary(biennium=biennium)
    section = {key: value for key, value in summary.items() if key not in ("start", "end")}
    section["by_type"] = [
        entry | {"label": ref("capacity_kind", entry["kind"])} for entry in section["by_type"]
    ]
    section["by_format"] = [
        entry | {"label": ref("activity_format", entry["format"])} for entry in section["by_format"]
    ]
    section["languages"] = [
        entry | {"name": ref("language", entry["code"])} for entry in section["languages"]
    ]
    section["countries_by_region"] = [
        entry | {"name": ref("region", entry["region"]) if entry["region"] else ""}
        for entry in section["countries_by_region"]
    ]
    return section


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
        column("activities", text("column.activities"), "count"),
        column("female", text("column.women"), "count"),
        column("male", text("column.men"), "count"),
        column("other", text("column.other"), "count"),
        column("total", text("column.participants"), "count"),
        column("female_share", text("column.women_percent"), "percent"),
    ]
    rows = [row(entry["label"], _cells(entry), code=entry["kind"]) for entry in section["by_type"]]
    rows.append(row(text("row.total"), _cells(section["totals"]), "total", code="total"))
    languages = joined(
        [text("item.count", name=entry["name"], count=entry["activities"]) for entry in section["languages"]],
        ", ",
    )
    formats = joined(
        [
            text("item.count", name=entry["label"], count=entry["activities"])
            for entry in section["by_format"]
        ],
        ", ",
    )
    regions = [
        text("item.annex_count", region=entry["region"], count=entry["countries"])
        if entry["region"]
        else text("item.outside_annexes_count", count=entry["countries"])
        for entry in section["countries_by_region"]
    ]
    notes = [
        text("table12.note_languages", languages=languages),
        text("table12.note_formats", formats=formats),
        text(
            "table12.note_parties",
            count=section["countries_reached"],
            regions=text("item.in_brackets", text=joined(regions)) if regions else "",
        ),
        text("table12.note_women"),
    ]
    title = text("table12.title", biennium=biennium.code)
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
            failures.append(text("check.participants_mismatch", row=line["label"]))
    if total is not None:
        for index, name in enumerate(("activities", "women", "men", "other", "participants")):
            if sum(line["cells"][index] for line in lines) != total["cells"][index]:
                failures.append(
                    text("check.participants_total_mismatch", column=text(f"check.column.{name}"))
                )
    return {
        "code": f"table{capacity['number']}_participants",
        "table": capacity["number"],
        "passed": not failures,
        "message": joined(failures) if failures else text("check.participants_ok"),
    }
