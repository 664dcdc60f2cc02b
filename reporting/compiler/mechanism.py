"""Regional office and committee reports (seed 000 §70-74), and the biennial report's office section.

A regional office reports (i) performance against its regional work programme's indicators and
targets, (ii) its own contribution (the outputs it owns), (iii) cost-effectiveness; a committee
reports annually on its members, meetings, outputs and its own text.
"""

from django.db.models import Count

from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    RegionalCommittee,
    RegionalOffice,
)
from workprogramme.models import Output, PerformanceData, PerformanceIndicator

from .tables import column, group_row, number, ref, row, table, text

OUTPUT_STATUSES = ("not_started", "on_track", "delayed", "done", "dropped")


def _status_columns() -> list[dict]:
    return [column(key, ref("output_status", key), "count") for key in OUTPUT_STATUSES] + [
        column("total", text("row.total"), "count")
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
    # An office that owns no output of the biennium shows "–", not a row of zeros.
    rows = [
        row(
            text("row.office", region=ref("region", office.region.code), office=ref("office", office.pk)),
            _status_cells(counts[office.pk]) if office.pk in counts else [None] * (len(OUTPUT_STATUSES) + 1),
            code=str(office.pk),
        )
        for office in offices
    ]
    notes = [text("table10.note_no_outputs")] if len(counts) < len(offices) else []
    title = text("table10.title")
    return {"table": table(10, "regional_offices", title, _status_columns(), rows, notes=notes)}


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
            rows.append(group_row(ref("expected_accomplishment", current)))
            for data in achieved.get(current, []):
                rows.append(
                    row(
                        text("row.achieved", text=ref("performance_data", data.pk)),
                        [None, number(data.figure), ""],
                    )
                )
        rows.append(
            row(
                text("row.indicator", code=item.code, text=ref("performance_indicator", item.pk)),
                [number(item.baseline), number(item.target), item.unit],
                code=item.code,
            )
        )
    columns = [
        column("baseline", text("column.baseline"), "number"),
        column("target", text("column.target_achieved"), "number"),
        column("unit", text("column.unit"), "text"),
    ]
    return table(1, "office_indicators", text("office.title_indicators"), columns, rows)


def compile_regional_office(office: RegionalOffice, biennium) -> dict:
    """Performance against the office's indicators and targets, its own contribution, cost notes."""
    own = _status_counts(
        Output.objects.filter(expected_accomplishment__work_programme__biennium=biennium, owner_office=office)
    )
    outputs = table(
        2,
        "office_outputs",
        text("office.title_outputs"),
        _status_columns(),
        [row(ref("office", office.pk), _status_cells(own), code="outputs")],
    )
    note = text(
        "office.note_cost",
        fund=ref("fund", office.funding_source.code)
        if office.funding_source
        else text("office.unrecorded_fund"),
        done=own.get("done", 0),
        total=sum(own.values()),
    )
    sections = {
        "office": {
            "name": ref("office", office.pk),
            "region": ref("region", office.region.code),
            "status": ref("office_status", office.status),
        },
        "notes": [note],
    }
    return {"tables": [_office_indicators(office, biennium), outputs], "sections": sections}


def _meetings(committee, year) -> dict:
    meetings = CommitteeMeeting.objects.filter(committee=committee, date__year=year).order_by("date")
    rows = [
        row(m.title, [f"{m.date:%Y-%m-%d}", m.place, m.back_to_back_with], code=str(m.pk)) for m in meetings
    ]
    columns = [
        column("date", text("column.date"), "text"),
        column("place", text("column.place"), "text"),
        column("back_to_back", text("column.back_to_back"), "text"),
    ]
    return table(1, "committee_meetings", text("committee.title_meetings", year=year), columns, rows)


def _members(committee, year) -> dict:
    members = (
        CommitteeMembership.objects.filter(committee=committee, start_date__year__lte=year)
        .exclude(end_date__year__lt=year)
        .select_related("country")
        .order_by("country__name")
    )
    rows = [
        row(
            ref("country", m.country.iso3),
            [ref("committee_role", m.role), m.representative],
            code=m.country.iso3,
        )
        for m in members
    ]
    columns = [
        column("role", text("column.role"), "text"),
        column("representative", text("column.representative"), "text"),
    ]
    return table(2, "committee_members", text("committee.title_members", year=year), columns, rows)


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
        text("committee.title_outputs"),
        _status_columns(),
        [row(ref("committee", committee.pk), _status_cells(counts), code="outputs")],
    )
    narrative = (
        CommitteeAnnualReport.objects.filter(committee=committee, year=year)
        .values_list("text", flat=True)
        .first()
        or ""
    )
    sections = {
        "committee": {
            "name": ref("committee", committee.pk),
            "region": ref("region", committee.region.code),
            "year": year,
        },
        "narrative": narrative,
    }
    return {"tables": [_meetings(committee, year), _members(committee, year), outputs], "sections": sections}
