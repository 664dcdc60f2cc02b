"""Regional office and committee reports (seed 000 §70-74), and the biennial report's office section.

They read the regions and work-programme models. Models still being built elsewhere (committee
meetings and memberships, work programmes and outputs) are looked up by name: when one is not
installed, the report says which part could not be compiled instead of failing.
"""

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext as _

from regions.models import RegionalCommittee, RegionalOffice

from .tables import column, group_row, number, row, table

OUTPUT_STATUSES = ("not_started", "on_track", "delayed", "done", "dropped")


def _model(app: str, name: str):
    try:
        return apps.get_model(app, name)
    except LookupError:
        return None


def _status_columns() -> list[dict]:
    labels = [_("Not started"), _("On track"), _("Delayed"), _("Done"), _("Dropped")]
    return [column(key, label, "count") for key, label in zip(OUTPUT_STATUSES, labels, strict=True)] + [
        column("total", _("Total"), "count")
    ]


def _status_cells(counts: dict) -> list[int]:
    cells = [counts.get(status, 0) for status in OUTPUT_STATUSES]
    return cells + [sum(cells)]


def regional_offices_section(biennium) -> dict:
    """Per regional office: status and its outputs in the biennium's work programmes, by status."""
    offices = list(RegionalOffice.objects.select_related("region", "host_institution"))
    output = _model("workprogramme", "Output")
    counts = {}
    if output is not None:
        for item in (
            output.objects.filter(
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
    return {
        "offices": [
            {"name": office.name, "region": office.region.name, "status": office.get_status_display()}
            for office in offices
        ],
        "table": table(10, "regional_offices", title, _status_columns(), rows),
        "missing": [] if output is not None else [_("Work-programme outputs are not available.")],
    }


def compile_regional_office(office: RegionalOffice, biennium) -> dict:
    """Performance against the office's indicators and targets, its own contribution, cost notes."""
    indicator = _model("workprogramme", "PerformanceIndicator")
    output = _model("workprogramme", "Output")
    tables, missing = [], []
    if indicator is not None:
        rows, current = [], None
        for item in (
            indicator.objects.filter(
                expected_accomplishment__work_programme__biennium=biennium,
                expected_accomplishment__work_programme__regional_office=office,
            )
            .select_related("expected_accomplishment")
            .order_by("expected_accomplishment__order", "order")
        ):
            if item.expected_accomplishment_id != current:
                current = item.expected_accomplishment_id
                rows.append(group_row(str(item.expected_accomplishment)))
            rows.append(
                row(
                    f"{item.code} {item.text}",
                    [number(item.baseline), number(item.target), item.unit],
                    code=item.code,
                )
            )
        columns = [
            column("baseline", _("Baseline"), "number"),
            column("target", _("Target"), "number"),
            column("unit", _("Unit"), "text"),
        ]
        tables.append(table(1, "office_indicators", _("Performance indicators and targets"), columns, rows))
    else:
        missing.append(_("Regional work programmes (indicators and targets) are not available."))
    if output is not None:
        counts = dict(
            output.objects.filter(
                expected_accomplishment__work_programme__biennium=biennium, owner_office=office
            )
            .values_list("status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        tables.append(
            table(
                2,
                "office_outputs",
                _("The office's own outputs by status"),
                _status_columns(),
                [row(office.name, _status_cells(counts), code="outputs")],
            )
        )
    else:
        missing.append(_("Work-programme outputs are not available."))
    missing.append(
        _(
            "Cost-effectiveness: no budget lines are kept per regional office, so cost per output "
            "cannot be computed; the office is funded from %(fund)s."
        )
        % {"fund": office.funding_source or _("an unrecorded source")}
    )
    sections = {
        "office": {
            "name": office.name,
            "region": office.region.name,
            "status": office.get_status_display(),
            "host": str(office.host_institution or ""),
        },
        "missing": missing,
    }
    return {"tables": tables, "sections": sections}


def compile_committee_annual(committee: RegionalCommittee, year: int) -> dict:
    """The committee's members, meetings and outputs in the year, and its own annual text (§74)."""
    tables, missing, narrative = [], [], ""
    meeting = _model("regions", "CommitteeMeeting")
    if meeting is not None:
        meetings = meeting.objects.filter(committee=committee, date__year=year).order_by("date")
        rows = [
            row(m.title, [f"{m.date:%Y-%m-%d}", m.place, m.back_to_back_with], code=str(m.pk))
            for m in meetings
        ]
        columns = [
            column("date", _("Date"), "text"),
            column("place", _("Place"), "text"),
            column("back_to_back", _("Back-to-back with"), "text"),
        ]
        tables.append(
            table(1, "committee_meetings", _("Meetings in %(year)s") % {"year": year}, columns, rows)
        )
    else:
        missing.append(_("Committee meetings are not available."))
    membership = _model("regions", "CommitteeMembership")
    if membership is not None:
        members = (
            membership.objects.filter(committee=committee, start_date__year__lte=year)
            .exclude(end_date__year__lt=year)
            .select_related("country")
            .order_by("country__name")
        )
        rows = [
            row(m.country.name, [m.get_role_display(), m.representative], code=m.country.iso3)
            for m in members
        ]
        columns = [column("role", _("Role"), "text"), column("representative", _("Representative"), "text")]
        tables.append(table(2, "committee_members", _("Members in %(year)s") % {"year": year}, columns, rows))
    else:
        missing.append(_("Committee memberships are not available."))
    output = _model("workprogramme", "Output")
    if output is not None:
        counts = dict(
            output.objects.filter(
                owner_committee=committee,
                expected_accomplishment__work_programme__biennium__start_date__year__lte=year,
                expected_accomplishment__work_programme__biennium__end_date__year__gte=year,
            )
            .values_list("status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        tables.append(
            table(
                3,
                "committee_outputs",
                _("The committee's outputs by status"),
                _status_columns(),
                [row(committee.name, _status_cells(counts), code="outputs")],
            )
        )
    annual = _model("regions", "CommitteeAnnualReport")
    if annual is not None:
        narrative = (
            annual.objects.filter(committee=committee, year=year).values_list("text", flat=True).first() or ""
        )
    sections = {
        "committee": {"name": committee.name, "region": committee.region.name, "year": year},
        "narrative": narrative,
        "missing": missing,
    }
    return {"tables": tables, "sections": sections}
