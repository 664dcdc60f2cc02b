"""Regional office and committee reports (seed 000 §70-74), and the biennial report's office section.

A regional office reports (i) performance against its regional work programme's indicators and
targets, (ii) its own contribution (the outputs it owns), (iii) cost-effectiveness; a committee
reports annually on its members, meetings, outputs and its own text.
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    RegionalCommittee,
    RegionalOffice,
)
from workprogramme.models import Output, PerformanceData, PerformanceIndicator

from .tables import column, group_row, number, row, table

OUTPUT_STATUSES = ("not_started", "on_track", "delayed", "done", "dropped")


def _status_columns() -> list[dict]:
    labels = [_("Not started"), _("On track"), _("Delayed"), _("Done"), _("Dropped")]
    return [column(key, label, "count") for key, label in zip(OUTPUT_STATUSES, labels, strict=True)] + [
        column("total", _("Total"), "count")
    ]


def _status_cells(counts: dict) -> list[int]:
    cells = [counts.get(status, 0) for status in OUTPUT_STATUSES]
    return cells + [sum(cells)]


def _status_counts(outputs) -> dict:
    return dict(outputs.values_list("status").annotate(count=Count("pk")).order_by())


def regional_offices_section(biennium) -> dict:
    """Per regional office: its outputs in the biennium's work programmes, by status (two queries)."""
    offices = list(RegionalOffice.objects.select_related("region"))
    counts = {}
    for item in (
        Output.objects.filter(
            expected_accomplishment__work_programme__biennium=biennium, owner_office__isnull=False
        )
        .values("owner_office_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts.setdefault(item["owner_office_id"], {})[item["status"]] = item["count"]
    rows = [
        row(
            f"{office.region.name}: {office.name}",
            _status_cells(counts.get(office.pk, {})),
            code=str(office.pk),
        )
        for office in offices
    ]
    title = _("Regional offices: outputs of the biennium by status")
    return {"table": table(10, "regional_offices", title, _status_columns(), rows)}


def _office_indicators(office, biennium) -> dict:
    """Each expected accomplishment of the office's work programme: indicators with baseline and target,
    then the performance data reported against it (the achievement)."""
    in_programme = {
        "expected_accomplishment__work_programme__biennium": biennium,
        "expected_accomplishment__work_programme__regional_office": office,
    }
    indicators = PerformanceIndicator.objects.filter(**in_programme).select_related("expected_accomplishment")
    achieved = {}
    for item in PerformanceData.objects.filter(**in_programme).order_by("order"):
        achieved.setdefault(item.expected_accomplishment_id, []).append(item)
    rows, current = [], None
    for item in indicators.order_by("expected_accomplishment__order", "order"):
        if item.expected_accomplishment_id != current:
            current = item.expected_accomplishment_id
            rows.append(group_row(str(item.expected_accomplishment)))
            for data in achieved.get(current, []):
                rows.append(
                    row(_("Achieved: %(text)s") % {"text": data.text}, [None, number(data.figure), ""])
                )
        rows.append(
            row(
                f"{item.code} {item.text}",
                [number(item.baseline), number(item.target), item.unit],
                code=item.code,
            )
        )
    columns = [
        column("baseline", _("Baseline"), "number"),
        column("target", _("Target / achieved"), "number"),
        column("unit", _("Unit"), "text"),
    ]
    return table(
        1, "office_indicators", _("Performance against the regional indicators and targets"), columns, rows
    )


def compile_regional_office(office: RegionalOffice, biennium) -> dict:
    """Performance against the office's indicators and targets, its own contribution, cost notes."""
    own = _status_counts(
        Output.objects.filter(expected_accomplishment__work_programme__biennium=biennium, owner_office=office)
    )
    outputs = table(
        2,
        "office_outputs",
        _("The office's own contribution: its outputs by status"),
        _status_columns(),
        [row(office.name, _status_cells(own), code="outputs")],
    )
    note = _(
        "Cost-effectiveness: no budget lines are kept per regional office, so the cost per output cannot be "
        "computed; the office is funded from %(fund)s and completed %(done)s of its %(total)s outputs."
    ) % {
        "fund": office.funding_source or _("an unrecorded source"),
        "done": own.get("done", 0),
        "total": sum(own.values()),
    }
    sections = {
        "office": {"name": office.name, "region": office.region.name, "status": office.get_status_display()},
        "notes": [note],
    }
    return {"tables": [_office_indicators(office, biennium), outputs], "sections": sections}


def _meetings(committee, year) -> dict:
    meetings = CommitteeMeeting.objects.filter(committee=committee, date__year=year).order_by("date")
    rows = [
        row(m.title, [f"{m.date:%Y-%m-%d}", m.place, m.back_to_back_with], code=str(m.pk)) for m in meetings
    ]
    columns = [
        column("date", _("Date"), "text"),
        column("place", _("Place"), "text"),
        column("back_to_back", _("Back-to-back with"), "text"),
    ]
    return table(1, "committee_meetings", _("Meetings in %(year)s") % {"year": year}, columns, rows)


def _members(committee, year) -> dict:
    members = (
        CommitteeMembership.objects.filter(committee=committee, start_date__year__lte=year)
        .exclude(end_date__year__lt=year)
        .select_related("country")
        .order_by("country__name")
    )
    rows = [
        row(m.country.name, [m.get_role_display(), m.representative], code=m.country.iso3) for m in members
    ]
    columns = [column("role", _("Role"), "text"), column("representative", _("Representative"), "text")]
    return table(2, "committee_members", _("Members in %(year)s") % {"year": year}, columns, rows)


def compile_committee_annual(committee: RegionalCommittee, year: int) -> dict:
    """The committee's members, meetings and outputs in the year, and its own annual text (§74)."""
    counts = _status_counts(
        Output.objects.filter(
            owner_committee=committee,
            expected_accomplishment__work_programme__biennium__start_date__year__lte=year,
            expected_accomplishment__work_programme__biennium__end_date__year__gte=year,
        )
    )
    outputs = table(
        3,
        "committee_outputs",
        _("The committee's outputs by status"),
        _status_columns(),
        [row(committee.name, _status_cells(counts), code="outputs")],
    )
    narrative = (
        CommitteeAnnualReport.objects.filter(committee=committee, year=year)
        .values_list("text", flat=True)
        .first()
        or ""
    )
    sections = {
        "committee": {"name": committee.name, "region": committee.region.name, "year": year},
        "narrative": narrative,
    }
    return {"tables": [_meetings(committee, year), _members(committee, year), outputs], "sections": sections}
