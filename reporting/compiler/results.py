"""The results sections of the biennial report, from the work programme's selectors.

`workprogramme.selectors.results_summary_for_biennium` aggregates the validated country values in
the database; this module only shapes them into a table (number 9) and narrative sections.
"""

from workprogramme.selectors import reporting_overview_for_biennium, results_summary_for_biennium

from .tables import column, group_row, ref, row, table, text

RESULTS_TABLE = 9


def _coded(objectives: list[dict]) -> list[dict]:
    """The selector's summary with the titles and texts replaced by references to them."""
    result = []
    for objective in objectives:
        outcomes = []
        for outcome in objective["outcomes"]:
            path = f"{objective['code']}/{outcome['code']}"
            indicators = [
                indicator
                | {
                    "text": ref("indicator", f"{path}/{indicator['code']}"),
                    "unit": ref("indicator_unit", indicator["unit"]) if indicator.get("unit") else "",
                }
                for indicator in outcome["indicators"]
            ]
            outcomes.append(outcome | {"text": ref("outcome", path), "indicators": indicators})
        result.append(objective | {"title": ref("objective", objective["code"]), "outcomes": outcomes})
    return result


def results_sections(biennium) -> dict:
    """{"overview": {...}, "objectives": [...]} from the work programme's selectors, by code."""
    return {
        "overview": reporting_overview_for_biennium(biennium),
        "objectives": _coded(results_summary_for_biennium(biennium)),
    }


def results_table(objectives: list[dict]) -> dict:
    """Table 9: per objective and key outcome, each indicator's value, Parties reporting and target."""
    columns = [
        column("value", text("column.achieved"), "number"),
        column("unit", text("column.unit"), "text"),
        column("reporting_parties", text("column.parties_reporting"), "count"),
        column("reporting_rate", text("column.parties_reporting_percent"), "percent"),
        column("target", text("column.target"), "number"),
    ]
    rows = []
    for objective in objectives:
        rows.append(
            group_row(
                text("row.objective", code=objective["code"], title=objective["title"]), objective["code"]
            )
        )
        for outcome in objective["outcomes"]:
            for indicator in outcome["indicators"]:
                rows.append(
                    row(
                        text("row.indicator", code=indicator["code"], text=indicator["text"]),
                        [
                            indicator["value"],
                            indicator.get("unit", ""),
                            indicator["reporting_parties"],
                            indicator["reporting_rate"],
                            indicator["target"],
                        ],
                        code=f"{outcome['code']}/{indicator['code']}",
                    )
                )
    title = text("table9.title")
    return table(RESULTS_TABLE, "results", title, columns, rows)
