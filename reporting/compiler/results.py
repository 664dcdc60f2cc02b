"""The results sections of the biennial report, from the work programme's selectors.

`workprogramme.selectors.results_summary_for_biennium` aggregates the validated country values in
the database; this module only shapes them into a table (number 9) and narrative sections.
"""

from django.utils.translation import gettext as _

from workprogramme.selectors import reporting_overview_for_biennium, results_summary_for_biennium

from .tables import column, group_row, row, table

RESULTS_TABLE = 9


def results_sections(biennium) -> dict:
    """{"overview": {...}, "objectives": [...]} from the work programme's selectors."""
    return {
        "overview": reporting_overview_for_biennium(biennium),
        "objectives": results_summary_for_biennium(biennium),
    }


def results_table(objectives: list[dict]) -> dict:
    """Table 9: per objective and key outcome, each indicator's value, Parties reporting and target."""
    columns = [
        column("value", _("Achieved (validated values)"), "number"),
        column("unit", _("Unit"), "text"),
        column("reporting_parties", _("Parties reporting"), "count"),
        column("reporting_rate", _("% of Parties reporting"), "percent"),
        column("target", _("Target"), "number"),
    ]
    rows = []
    for objective in objectives:
        rows.append(group_row(f"{objective['code']}: {objective['title']}"))
        for outcome in objective["outcomes"]:
            for indicator in outcome["indicators"]:
                rows.append(
                    row(
                        f"{indicator['code']} {indicator['text']}",
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
    title = _("Progress per strategic objective, key outcome and indicator")
    return table(RESULTS_TABLE, "results", title, columns, rows)
