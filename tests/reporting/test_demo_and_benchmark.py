"""Demo data (seed 002 reconstructed, idempotent), other report kinds, and the benchmark command."""

import json

import pytest
from django.core.management import call_command

from accounts import demo as demo_accounts
from regions.models import Region, RegionalCommittee, RegionalOffice
from reporting import demo
from reporting.models import BudgetLine, Post, Report
from reporting.services import report_compile, report_request
from tests.factories import BienniumFactory


def test_demo_load_is_idempotent_and_publishes_the_seed_report(db):
    demo_accounts.load()
    demo.load()
    counts = (BudgetLine.objects.count(), Post.objects.count(), Report.objects.count())
    demo.load()
    assert (BudgetLine.objects.count(), Post.objects.count(), Report.objects.count()) == counts
    report = Report.objects.get(published=True)
    assert report.biennium.code == "2018-2019" and report.status == "complete"
    rows = {r["label"]: r["cells"] for r in report.tables[0]["rows"]}
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
    biennium = BienniumFactory(start_year=2018)
    report = report_request(
        kind="regional_office",
        biennium=biennium,
        cutoff_date=biennium.end_date,
        office=office,
        user=secretariat_user,
    )
    report = report_compile(report_id=report.pk)
    assert report.status == "complete" and report.scope == f"office-{office.pk}"
    assert [t["key"] for t in report.tables] == ["office_indicators", "office_outputs"]
    assert report.sections["office"]["name"] == office.name
    assert any("Cost-effectiveness" in note for note in report.sections["missing"])


def test_committee_report_needs_committee_and_year(secretariat_user):
    from django.core.exceptions import ValidationError

    biennium = BienniumFactory(start_year=2018)
    with pytest.raises(ValidationError):
        report_request(
            kind="committee_annual", biennium=biennium, cutoff_date=biennium.end_date, user=secretariat_user
        )
    committee = RegionalCommittee.objects.create(region=Region.objects.get(code="II"), name="Asia committee")
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


def test_benchmark_command_prints_json_timings(db, capsys):
    call_command("benchmark_reports", "--scale", "0.002")
    result = json.loads(capsys.readouterr().out)
    assert result["compile"]["status"] == "complete" and result["compile"]["failed_checks"] == 0
    assert 0 < result["compile"]["queries"] < 100
    assert set(result["compile"]) >= {"database_seconds", "rendering_seconds", "total_seconds"}
    assert result["data"]["parties"] == 197 and result["data"]["biennia"] == 5
