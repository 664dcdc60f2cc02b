"""Demo data (seed 002 reconstructed, idempotent), other report kinds, and the benchmark command."""

import datetime
import json

import pytest
from django.core.management import call_command

from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    Region,
    RegionalCommittee,
    RegionalOffice,
)
from reporting.models import BudgetLine, Post, Report
from reporting.rendering.labels import render
from reporting.services import report_compile, report_request
from tests.factories import (
    BienniumFactory,
    ExpectedAccomplishmentFactory,
    PerformanceDataFactory,
    WorkProgrammeFactory,
)
from unccd_portal.demo import accounts as demo_accounts
from unccd_portal.demo import reporting as demo


def test_demo_load_is_idempotent_and_publishes_the_seed_report(db):
    demo_accounts.load()
    demo.load()
    counts = (BudgetLine.objects.count(), Post.objects.count(), Report.objects.count())
    demo.load()
    assert (BudgetLine.objects.count(), Post.objects.count(), Report.objects.count()) == counts
    report = Report.objects.get(published=True)
    assert report.biennium.code == "2018-2019" and report.status == "complete"
    rows = {r["label"]: r["cells"] for r in render(report.tables[0])["rows"]}
    assert rows["D. Administrative Services"][:3] == [2509051, 1727120.4, 765094.4]  # not row A's figures
    assert rows["Total core budget (A-E)"] == [14325736, 9666259, 4458723, 14124982, 200754]
    assert report.failed_checks == []
    second = Report.objects.get(biennium__code="2020-2021")
    assert second.status == "complete" and not second.published


@pytest.fixture
def office(db):
    region = Region.objects.get(code="I")
    return RegionalOffice.objects.create(region=region, name="Regional Coordination Unit for Africa")


def test_regional_office_report_compiles(office, secretariat_user):
    from workprogramme.models import Output, PerformanceIndicator

    biennium = BienniumFactory(start_year=2018)
    programme = WorkProgrammeFactory(
        biennium=biennium, kind="regional", regional_office=office, title="RCU Africa"
    )
    accomplishment = ExpectedAccomplishmentFactory(work_programme=programme, code="1.1", text="NAPs aligned")
    PerformanceIndicator.objects.create(
        expected_accomplishment=accomplishment,
        code="1.1.1",
        text="NAPs aligned",
        unit="countries",
        baseline=3,
        target=12,
    )
    PerformanceDataFactory(expected_accomplishment=accomplishment, text="Nine NAPs aligned.", figure=9)
    for status in ("done", "done", "delayed"):
        Output.objects.create(
            expected_accomplishment=accomplishment,
            title="Workshop",
            owner_kind="regional_office",
            owner_office=office,
            status=status,
        )
    report = report_request(
        kind="regional_office",
        biennium=biennium,
        cutoff_date=biennium.end_date,
        office=office,
        user=secretariat_user,
    )
    report = report_compile(report_id=report.pk)
    assert report.status == "complete" and report.scope == f"office-{office.pk}"
    indicators, outputs = render(report.tables)
    assert [(r["label"], r["cells"]) for r in indicators["rows"]] == [
        ("1.1 NAPs aligned", []),
        ("Achieved: Nine NAPs aligned.", [None, 9, ""]),
        ("1.1.1 NAPs aligned", [3, 12, "countries"]),
    ]
    assert outputs["rows"][0]["cells"] == [0, 0, 1, 2, 0, 3]  # not started, on track, delayed, done, dropped
    assert "completed 2 of its 3 outputs" in render(report.sections)["notes"][0]


def test_committee_report_needs_committee_and_year(secretariat_user):
    from django.core.exceptions import ValidationError

    biennium = BienniumFactory(start_year=2018)
    with pytest.raises(ValidationError):
        report_request(
            kind="committee_annual", biennium=biennium, cutoff_date=biennium.end_date, user=secretariat_user
        )
    committee = RegionalCommittee.objects.create(region=Region.objects.get(code="II"), name="Asia committee")
    china = Country.objects.get(iso3="CHN")
    CommitteeMeeting.objects.create(
        committee=committee,
        title="First meeting",
        date=datetime.date(2019, 3, 4),
        place="Bangkok",
        back_to_back_with="Asia regional meeting",
    )
    CommitteeMeeting.objects.create(
        committee=committee, title="Other year", date=datetime.date(2018, 3, 4), place="online"
    )
    CommitteeMembership.objects.create(
        committee=committee, country=china, start_date=datetime.date(2018, 1, 1)
    )
    CommitteeAnnualReport.objects.create(committee=committee, year=2019, text="The committee met once.")
    report = report_request(
        kind="committee_annual",
        biennium=biennium,
        cutoff_date=biennium.end_date,
        committee=committee,
        year=2019,
        user=secretariat_user,
    )
    report = report_compile(report_id=report.pk)
    assert report.status == "complete"
    assert [t["key"] for t in report.tables] == [
        "committee_meetings",
        "committee_members",
        "committee_outputs",
    ]
    assert report.sections["committee"]["year"] == 2019
    meetings, members, _outputs = render(report.tables)
    assert [(r["label"], r["cells"]) for r in meetings["rows"]] == [
        ("First meeting", ["2019-03-04", "Bangkok", "Asia regional meeting"])
    ]
    assert [r["label"] for r in members["rows"]] == [china.name]
    assert report.sections["narrative"] == "The committee met once."


def test_benchmark_command_prints_json_timings(db, capsys):
    call_command("benchmark_reports", "--scale", "0.002")
    result = json.loads(capsys.readouterr().out)
    assert result["compile"]["status"] == "complete" and result["compile"]["failed_checks"] == 0
    assert 0 < result["compile"]["queries"] < 100
    assert set(result["compile"]) >= {"database_seconds", "rendering_seconds", "total_seconds"}
    assert result["data"]["parties"] == 197 and result["data"]["biennia"] == 5
