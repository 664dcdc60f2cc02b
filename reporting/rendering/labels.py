"""Labels of compiled reports rendered when read, in the reader's language.

A compiled version stores codes (see `compiler/tables.py`): a message code with its parameters, a
reference-data code, a date, a number. `render()` walks a stored table, section or check and
replaces each label by its text in the active language: fixed texts from the gettext catalogues
(`MESSAGES`), names from the translated reference data (`ReferenceNames`, one query per kind of
reference data a report uses), dates and numbers in the language's formats. Figures are never
touched, so every language shows the same figures. A plain string (data quoted as entered, or the
prose of a version compiled before reports were multilingual) is shown as it is.
"""

import datetime

from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Every fixed text a compiled report may use, by code. The codes are stored in compiled versions:
# never rename or remove one; a changed English text changes what every version shows.
MESSAGES = {
    # tables 1-4: expenditure
    "table1.title": _("Expenditure by programme as at %(date)s"),
    "table2.title": _(
        "Expenditure of the secretariat and the GM in the core budget by object of expenditure as at %(date)s"
    ),
    "table_body.title": _(
        "Expenditure of the %(body)s in the core budget by object of expenditure as at %(date)s"
    ),
    "column.approved_budget": _("Approved budget %(biennium)s"),
    "column.expenditure_to": _("Expenditure to %(date)s"),
    "column.forecast": _("Forecast %(start)s to %(end)s"),
    "column.projected_to": _("Projected expenditure to %(date)s"),
    "column.balance_at": _("Projected balance at %(date)s"),
    # xgettext:no-python-format
    "column.spent_percent": _("Expenditure as % of budget"),
    "row.subtotal_group": _("Subtotal %(group)s"),
    "row.total_core_budget": _("Total core budget (%(span)s)"),
    "row.total_core_budget_plain": _("Total core budget"),
    "row.subtotal": _("Subtotal"),
    "row.total": _("Total"),
    "table1.note_rates": _(
        "Expenditure of the core budget to the cut-off: %(expenditure)s%% of the approved budget; "
        "projected implementation by the end of the biennium: %(implementation)s%%."
    ),
    "table_body.note_blank": _("A percentage is left blank where there is no budget."),
    "finance.no_data": _("No finance data for this biennium (%(biennium)s)."),
    "staffing.no_data": _("No staffing data for this biennium (%(biennium)s)."),
    # tables 5-8: staffing
    "table_posts.title": _("Posts approved and filled in %(who)s by funding source as at %(date)s"),
    "who.secretariat": _("the secretariat"),
    "who.gm": _("the GM"),
    "column.fund_approved": _("%(fund)s: approved"),
    "column.fund_filled": _("%(fund)s: filled"),
    "table7.title": _("Distribution of all filled posts by grade as at %(date)s"),
    "table8.title": _(
        "Geographical distribution and gender of all filled posts in the Professional and higher "
        "categories as at %(date)s"
    ),
    "column.filled": _("Filled"),
    "row.percentage_of_total": _("Percentage of total"),
    "table8.note_rounding": _(
        "Percentages are rounded to one decimal by the largest-remainder method so that they sum to 100.0."
    ),
    "table8.note_abbreviations": _(
        "Abbreviations: CEE = Central and Eastern Europe; LAC = Latin America and the Caribbean; "
        "WEOG = Western European and other States."
    ),
    "group_short.africa": _("Africa"),
    "group_short.asia_pacific": _("Asia"),
    "group_short.lac": pgettext_lazy("regional group abbreviation", "LAC"),
    "group_short.cee": pgettext_lazy("regional group abbreviation", "CEE"),
    "group_short.weog": pgettext_lazy("regional group abbreviation", "WEOG"),
    # table 9: results
    "table9.title": _("Progress per strategic objective, key outcome and indicator"),
    "column.achieved": _("Achieved (validated values)"),
    "column.unit": _("Unit"),
    "column.parties_reporting": _("Parties reporting"),
    # xgettext:no-python-format
    "column.parties_reporting_percent": _("Parties with a validated value (% of all Parties)"),
    "column.target": _("Target"),
    "row.objective": _("%(code)s: %(title)s"),
    "row.indicator": _("%(code)s %(text)s"),
    # tables 10-12 and the mechanism reports
    "table10.title": _("Regional offices: outputs of the biennium by status"),
    "table10.note_no_outputs": _(
        "“–”: no output of the biennium's work programmes is assigned to the office (not zero outputs done)."
    ),
    "row.office": _("%(region)s: %(office)s"),
    "table11.title": _("Comparison with the previous biennium"),
    "column.core_approved": _("Core budget approved"),
    "column.core_expenditure": _("Core expenditure to the cut-off"),
    # xgettext:no-python-format
    "column.core_spent_percent": _("% of core budget spent"),
    "column.implementation_percent": _("Projected implementation %"),
    "column.filled_posts": _("Filled posts"),
    "column.women_professional_percent": _("% women in P and above"),
    "row.biennium_at": _("%(biennium)s (%(date)s)"),
    "table12.title": _("Capacity-building activities by type, participants and gender balance, %(biennium)s"),
    "column.activities": _("Activities"),
    "column.women": _("Women"),
    "column.men": _("Men"),
    "column.other": _("Other or undisclosed"),
    "column.participants": _("Participants"),
    # xgettext:no-python-format
    "column.women_percent": _("Women (% of participants)"),
    "table12.note_languages": _("Activities offered in each UN language: %(languages)s."),
    "table12.note_formats": _("Formats: %(formats)s."),
    "table12.note_parties": _("Parties reached: %(count)s%(regions)s."),
    "table12.note_women": _(
        "Women as a share of all participants, where the gender of participants was recorded."
    ),
    "item.count": _("%(name)s %(count)s"),
    "item.annex_count": _("Annex %(region)s %(count)s"),
    "item.outside_annexes_count": _("outside the annexes %(count)s"),
    "item.in_brackets": _(" (%(text)s)"),
    "office.title_indicators": _("Performance against the regional indicators and targets"),
    "office.title_outputs": _("The office's own contribution: its outputs by status"),
    "column.baseline": _("Baseline"),
    "column.target_achieved": _("Target / achieved"),
    "row.achieved": _("Achieved: %(text)s"),
    "office.note_cost": _(
        "Cost-effectiveness: no budget lines are kept per regional office, so the cost per output cannot be "
        "computed; the office is funded from %(fund)s and completed %(done)s of its %(total)s outputs."
    ),
    "office.unrecorded_fund": _("an unrecorded source"),
    "committee.title_meetings": _("Meetings in %(year)s"),
    "committee.title_members": _("Members in %(year)s"),
    "committee.title_outputs": _("The committee's outputs by status"),
    "column.date": _("Date"),
    "column.place": _("Place"),
    "column.back_to_back": _("Back-to-back with"),
    "column.role": _("Role"),
    "column.representative": _("Representative"),
    # checks
    "check.input_none": _("%(what)s: none recorded for this biennium by the cut-off date."),
    "check.input_ok": _("%(what)s as at the cut-off date."),
    "check.input_older": _("%(what)s: the latest before the cut-off is dated %(date)s."),
    "check.finance_data": _("Finance data"),
    "check.staffing_data": _("Staffing data"),
    "check.projected_mismatch": _("%(row)s: projected %(p)s ≠ expenditure + forecast"),
    "check.balance_mismatch": _("%(row)s: balance %(b)s ≠ budget − projected"),
    "check.projection_ok": _(
        "Projected = expenditure + forecast and balance = budget − projected on every row."
    ),
    "check.sum_mismatch": _("%(row)s, %(col)s: %(value)s but the rows add up to %(sum)s"),
    "check.totals_ok": _("Rows add up to their subtotals and totals."),
    "check.table1_table2_mismatch": _("column %(col)s: table 1 %(a)s, table 2 %(b)s"),
    "check.table1_table2_ok": _("Table 1's core total equals table 2's total."),
    "check.repeated_row": _("%(row)s repeats the figures of %(other)s"),
    "check.repeated_ok": _("No row repeats another row's figures."),
    "check.table7_mismatch": _("table 7 has %(a)s P+ / %(b)s filled posts, tables 5 and 6 %(c)s / %(d)s"),
    "check.table7_ok": _("Table 7's filled posts equal those of tables 5 and 6."),
    "check.table8_mismatch": _("table 8 has %(a)s filled P+ posts, tables 5-6 %(b)s, table 7 %(c)s"),
    "check.table8_ok": _("Table 8's filled P+ posts equal those of tables 5-7."),
    "check.regional_groups": _("regional groups"),
    "check.genders": _("genders"),
    "check.percentages_mismatch": _("percentages of %(what)s add up to %(sum)s, not 100.0"),
    "check.table8_row_mismatch": _("%(row)s: regional groups or genders do not add up to the filled posts"),
    "check.table8_rows_ok": _(
        "Each grade's regional groups and genders add up to its filled posts; percentages to 100.0."
    ),
    "check.participants_mismatch": _("%(row)s: participants ≠ women + men + other"),
    "check.participants_total_mismatch": _("Total %(column)s ≠ sum of the rows"),
    "check.participants_ok": _(
        "Participants = women + men + other on every row; the rows add up to the total."
    ),
    "check.column.activities": _("activities"),
    "check.column.women": _("women"),
    "check.column.men": _("men"),
    "check.column.other": _("other"),
    "check.column.participants": _("participants"),
}

# Units of the reference indicators, shown in the reader's language (Indicator.unit is a code-like
# English word or a symbol; the catalogues translate these).
INDICATOR_UNITS = [
    gettext_noop("countries"),
    gettext_noop("funding sources"),
    gettext_noop("partnerships"),
    gettext_noop("projects"),
    gettext_noop("reports"),
    gettext_noop("persons"),
]
# The currency a table's figures are in, as its heading shows it.
TABLE_UNITS = {"EUR": _("EUR")}


class ReferenceNames:
    """Names of reference rows by code, in the active language; each kind is read once, when first used."""

    def __init__(self):
        self._loaded: dict[str, dict] = {}

    def name(self, kind: str, code: str) -> str:
        if kind not in self._loaded:
            loader = LOADERS.get(kind)
            loaded = loader() if loader else {}
            # A loader may name the rows of several kinds from one query: {kind: {code: name}}.
            self._loaded.update(loaded if kind in loaded else {kind: loaded})
        value = self._loaded[kind].get(code)
        return str(value) if value is not None else code


# Programme letters as UN documents write them in each language: Arabic editions letter the
# programmes in the abjad order (ألف، باء، جيم...); the other editions keep A, B, C.
PROGRAMME_LETTERS = {
    "ar": dict(
        zip(
            "ABCDEFGHIJKL",
            ["ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام"],
            strict=True,
        )
    ),
}
# Messages whose arguments are programme letters or spans of them ("A-E").
LETTER_ARGUMENTS = {"row.total_core_budget": ("span",)}


def programme_letters(text: str) -> str:
    """`text` ("A" or a span "A-E") with each programme letter as the active language writes it."""
    letters = PROGRAMME_LETTERS.get((translation.get_language() or "").split("-")[0])
    if not letters:
        return text
    return "-".join(letters.get(part, part) for part in text.split("-"))


def _lettered(holder) -> str:
    return f"{programme_letters(holder.letter)}. {holder.name}" if holder.letter else holder.name


def _budget_holders() -> dict:
    """Budget holders as table 1 names them ("A. Executive Direction and Management") and by name only."""
    from ..models import BudgetHolder

    holders = list(BudgetHolder.objects.all())
    return {
        "budget_holder": {holder.code: _lettered(holder) for holder in holders},
        "budget_holder_name": {holder.code: holder.name for holder in holders},
    }


def _by_code(model_path: str, field: str = "name", key: str = "code"):
    def load() -> dict:
        from django.apps import apps

        model = apps.get_model(model_path)
        return {str(getattr(item, key)): getattr(item, field) for item in model.objects.all()}

    return load


def _choices(choices_path: str):
    def load() -> dict:
        from importlib import import_module

        module, name = choices_path.rsplit(".", 1)
        return dict(getattr(import_module(module), name).choices)

    return load


def _offices() -> dict:
    from regions.models import RegionalOffice

    return {str(office.pk): office.name for office in RegionalOffice.objects.all()}


def _committees() -> dict:
    from regions.models import RegionalCommittee

    return {str(committee.pk): committee.name for committee in RegionalCommittee.objects.all()}


def _objectives() -> dict:
    from workprogramme.models import Objective

    return {objective.code: objective.title for objective in Objective.objects.all()}


def _outcomes() -> dict:
    from workprogramme.models import Outcome

    return {
        f"{outcome.objective.code}/{outcome.code}": outcome.text
        for outcome in Outcome.objects.select_related("objective")
    }


def _indicators() -> dict:
    from workprogramme.models import Indicator

    return {
        f"{item.outcome.objective.code}/{item.outcome.code}/{item.code}": item.text
        for item in Indicator.objects.select_related("outcome__objective")
    }


def _expected_accomplishments() -> dict:
    from workprogramme.models import ExpectedAccomplishment

    return {str(item.pk): str(item) for item in ExpectedAccomplishment.objects.all()}


def _performance_texts(model_name: str):
    def load() -> dict:
        from django.apps import apps

        model = apps.get_model("workprogramme", model_name)
        return {str(item.pk): item.text for item in model.objects.all()}

    return load


def _indicator_units() -> dict:
    return {unit: gettext(unit) for unit in INDICATOR_UNITS}


LOADERS = {
    "budget_holder": _budget_holders,
    "budget_holder_name": _budget_holders,
    "object": _by_code("reporting.ObjectOfExpenditure"),
    "fund": _by_code("reporting.FundingSource"),
    "region": _by_code("regions.Region"),
    "country": _by_code("regions.Country", key="iso3"),
    "language": _by_code("workprogramme.Language"),
    "office": _offices,
    "committee": _committees,
    "objective": _objectives,
    "outcome": _outcomes,
    "indicator": _indicators,
    "indicator_unit": _indicator_units,
    "expected_accomplishment": _expected_accomplishments,
    "performance_indicator": _performance_texts("PerformanceIndicator"),
    "performance_data": _performance_texts("PerformanceData"),
    "budget_group": _choices("reporting.choices.BudgetGroup"),
    "gender": _choices("reporting.choices.Gender"),
    "capacity_kind": _choices("workprogramme.choices.CapacityBuildingKind"),
    "activity_format": _choices("workprogramme.choices.ActivityFormat"),
    "output_status": _choices("workprogramme.choices.OutputStatus"),
    "committee_role": _choices("regions.choices.CommitteeRole"),
    "office_status": _choices("regions.choices.OfficeStatus"),
}


def _is(value: dict, *keys: str) -> bool:
    return set(value) == set(keys)


def is_label(value) -> bool:
    """Whether a stored value is a label (see `compiler/tables.py`) rather than data."""
    return isinstance(value, dict) and (
        _is(value, "msg")
        or _is(value, "msg", "args")
        or _is(value, "ref", "code")
        or _is(value, "date", "style")
        or _is(value, "number", "decimals")
        or _is(value, "join", "sep")
    )


# A message whose figures are missing (None) in a version compiled before tables without data
# were marked: what it reads instead ("None%" is no figure).
WHEN_FIGURES_MISSING = {"table1.note_rates": _("No finance data for this biennium.")}


def label_text(value, names: ReferenceNames) -> str:
    """One label as text in the active language."""
    if "msg" in value:
        message = MESSAGES.get(value["msg"])
        if message is None:
            return value["msg"]
        if value["msg"] in WHEN_FIGURES_MISSING and None in value.get("args", {}).values():
            return str(WHEN_FIGURES_MISSING[value["msg"]])
        args = {key: _argument(arg, names) for key, arg in value.get("args", {}).items()}
        for key in LETTER_ARGUMENTS.get(value["msg"], ()):
            if isinstance(args.get(key), str):
                args[key] = programme_letters(args[key])
        return str(message) % args if args else str(message)
    if "ref" in value:
        return names.name(value["ref"], value["code"])
    if "date" in value:
        day = datetime.date.fromisoformat(value["date"])
        return formats.date_format(day, "YEAR_MONTH_FORMAT" if value["style"] == "month" else "DATE_FORMAT")
    if "number" in value:
        return formats.number_format(value["number"], value["decimals"], use_l10n=True, force_grouping=True)
    return value["sep"].join(_argument(part, names) for part in value["join"])


def _argument(value, names: ReferenceNames):
    return label_text(value, names) if is_label(value) else value


def render(value, names: ReferenceNames | None = None):
    """A stored table, section, check or list of them with every label turned into text."""
    names = names or ReferenceNames()
    if is_label(value):
        return label_text(value, names)
    if isinstance(value, dict):
        rendered = {key: render(item, names) for key, item in value.items()}
        if "columns" in value and "rows" in value and "unit" in value:
            rendered["unit_label"] = str(TABLE_UNITS.get(value["unit"], value["unit"]))
        return rendered
    if isinstance(value, list):
        return [render(item, names) for item in value]
    return value


def is_multilingual(tables: list[dict]) -> bool:
    """False for a version compiled before reports were multilingual (its prose is English)."""
    return not tables or any(is_label(table.get("title")) for table in tables)


def render_report(report) -> dict:
    """A compiled version's tables, sections and checks in the active language (its figures as stored)."""
    names = ReferenceNames()
    checks = render(report.checks or [], names)
    return {
        "tables": render(report.tables or [], names),
        "sections": render(report.sections or {}, names),
        "checks": checks,
        "failed_checks": [check for check in checks if not check.get("passed")],
        "multilingual": is_multilingual(report.tables or []),
    }


def render_table(report, number: int) -> dict | None:
    """One table of a compiled version in the active language, or None."""
    table = next((t for t in report.tables or [] if t.get("number") == number), None)
    return None if table is None else render(table)
