"""The public results dashboard and the Party pages: figures worked out by hand, CSV downloads,
anonymous access, constant query counts."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache

from regions.models import Country
from tests.conftest import count_queries
from tests.factories import (
    BienniumFactory,
    CapacityBuildingActivityFactory,
    FocalPointFactory,
    ObservationFactory,
    ReportFactory,
    ReportingCycleFactory,
    SubmissionFactory,
    TargetFactory,
)
from workprogramme.models import Indicator, Submission

pytestmark = pytest.mark.django_db

DASHBOARD = "/reports/dashboard/"


def sf(code: str) -> Indicator:
    return Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code=code)


def parse_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


TABLE_1 = {
    "number": 1,
    "key": "expenditure_by_programme",
    "title": "Expenditure by programme",
    "unit": "EUR",
    "columns": [
        {"key": key, "label": key, "kind": "amount"}
        for key in ("approved", "expenditure", "forecast", "projected", "balance")
    ],
    "rows": [
        {"label": "I. Secretariat", "style": "group", "cells": []},
        {
            "label": "A. Executive Direction",
            "style": "line",
            "cells": [1000, 600, 300, 900, 100],
            "code": "EDM",
        },
        {"label": '=HYPERLINK("x")', "style": "line", "cells": [500, 100, 100, 200, 300], "code": "AS"},
        {
            "label": "Total core budget",
            "style": "total",
            "cells": [1500, 700, 400, 1100, 400],
            "code": "core_total",
        },
    ],
    "footnotes": [],
    "notes": [],
    "summary": {
        "expenditure_rate": 46.7,
        "implementation_rate": 73.3,
        "core_approved": 1500,
        "core_expenditure": 700,
    },
}


@pytest.fixture
def results():
    """2026-2027: Kenya validated (1.1 yes, 5.2 = 3), Nigeria handed in, China validated (1.1 no, 5.2 = 4),
    Germany a draft. Targets: 1.1 global 100 and Annex I 40; 5.2 for Kenya 5."""
    biennium = BienniumFactory(start_year=2026)
    cycle = ReportingCycleFactory(biennium=biennium, code="prais-test", indicators=[sf("1.1"), sf("5.2")])
    for iso3, state, answers in [
        ("KEN", "validated", ("yes", 3)),
        ("NGA", "submitted", ("yes", 9)),
        ("CHN", "validated", ("no", 4)),
        ("DEU", "draft", ("yes", 1)),
    ]:
        submission = SubmissionFactory(cycle=cycle, country=Country.objects.get(iso3=iso3), state=state)
        ObservationFactory(
            submission=submission,
            indicator=sf("1.1"),
            raw_value=answers[0],
            boolean_value=answers[0] == "yes",
        )
        ObservationFactory(
            submission=submission,
            indicator=sf("5.2"),
            raw_value=str(answers[1]),
            boolean_value=None,
            number_value=answers[1],
        )
    TargetFactory(indicator=sf("1.1"), biennium=biennium, level="global", value=100)
    TargetFactory(
        indicator=sf("1.1"),
        biennium=biennium,
        level="regional",
        region=Country.objects.get(iso3="KEN").region,
        value=40,
    )
    TargetFactory(
        indicator=sf("5.2"),
        biennium=biennium,
        level="country",
        country=Country.objects.get(iso3="KEN"),
        value=5,
    )
    ReportFactory(
        biennium=biennium,
        published=True,
        published_at=datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC),
        tables=[TABLE_1],
        sections={"results": {"overview": {"parties": 197, "submitted": 3, "validated": 2, "rate": 1.5}}},
    )
    return biennium


def test_anonymous_visitors_see_the_headline_figures_and_charts(client, results):
    response = client.get(DASHBOARD)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("46.7", "73.3", "3 of 197 Parties", "<svg", "Table view", "Download as CSV"):
        assert text in page, text
    # rate, one per indicator (two), budget; no trend chart for a single biennium (issue 14 item 7)
    assert page.count('role="img"') >= 4
    assert 'href="/reports/dashboard/parties/KEN/"' in page


def test_reporting_rate_by_region_csv(client, results):
    annex_i = Country.objects.filter(region__code="I").count()
    rows = parse_csv(client.get("/reports/dashboard/reporting-rate.csv?biennium=2026-2027"))
    assert rows[0] == ["", "Parties", "Reports handed in", "Reports validated", "Reporting rate (%)"]
    by_label = {line[0]: line[1:] for line in rows[1:]}
    assert by_label["Annex I: Africa"] == [str(annex_i), "2", "1", str(round(200 / annex_i, 1))]
    assert by_label["Annex II: Asia"][1:3] == ["1", "1"]
    assert by_label["Parties outside the annexes"][1:] == ["0", "0", "0.0"]
    assert by_label["All Parties"] == ["197", "3", "2", "1.5"]


def test_indicator_values_by_region_with_targets(client, results):
    rows = parse_csv(client.get("/reports/dashboard/indicators.csv"))
    assert rows[0] == ["", "Value (validated)", "Unit", "Parties reporting", "Target"]
    blocks, current = {}, None
    for line in rows[1:]:
        if all(cell == "" for cell in line[1:]):
            current = blocks.setdefault(line[0].split()[0], {})
        else:
            current[line[0]] = line[1:]
    assert blocks["1.1"]["Annex I: Africa"] == ["1", "countries", "1", "40"]
    assert blocks["1.1"]["Annex II: Asia"] == ["0", "countries", "1", ""]
    assert blocks["1.1"]["All Parties"] == ["1", "countries", "2", "100"]
    assert blocks["5.2"]["Annex I: Africa"][:3] == ["3", "projects", "1"]
    assert blocks["5.2"]["All Parties"][:3] == ["7", "projects", "2"]
    assert blocks["5.2"]["Annex III: Latin America and the Caribbean"] == ["", "projects", "0", ""]


def test_trends_and_parties_and_budget_csv(client, results):
    trends = parse_csv(client.get("/reports/dashboard/trends.csv"))
    assert ["2026-2027", "1", "100", "2", "1.0"] in trends
    parties = {line[1]: line for line in parse_csv(client.get("/reports/dashboard/parties.csv"))[1:]}
    assert len(parties) == 197
    assert parties["KEN"][3] == "Validated"
    assert parties["NGA"][3] == "Handed in, under review"
    assert parties["DEU"][3] == "Not handed in" and parties["DEU"][2] == "–"
    budget = parse_csv(client.get("/reports/dashboard/budget.csv"))
    by_label = {line[0]: line[1:] for line in budget[1:]}
    assert by_label["A. Executive Direction"] == ["1000", "600", "900", "60.0", "90.0"]
    assert by_label["Total core budget"] == ["1500", "700", "1100", "46.7", "73.3"]
    # A label a spreadsheet would run as a formula is neutralised.
    assert '\'=HYPERLINK("x")' in by_label


def test_unknown_datasets_and_biennia_answer_404(client, results):
    assert client.get("/reports/dashboard/salaries.csv").status_code == 404
    assert client.get(f"{DASHBOARD}?biennium=1999-2000").status_code == 404
    assert client.get("/reports/dashboard/parties.csv?biennium=1999-2000").status_code == 404


def test_an_unpublished_report_gives_no_headline_to_the_public(client, secretariat_user):
    ReportFactory(tables=[TABLE_1], published=False)
    page = client.get(DASHBOARD).content.decode()
    assert "No performance report has been published yet." in page and "46.7" not in page
    assert client.get("/reports/dashboard/budget.csv").content.decode().count("\n") == 1  # header only


def test_the_dashboard_works_without_any_data(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "No national report has been validated yet." in response.content.decode()
    assert client.get("/reports/dashboard/parties.csv").status_code == 404


def test_party_page_for_anonymous_visitors(client, results):
    FocalPointFactory(country=Country.objects.get(iso3="KEN"), last_name="Wanjiru")
    activity = CapacityBuildingActivityFactory(title="Drought toolkit training for East Africa")
    activity.countries.set([Country.objects.get(iso3="KEN")])
    response = client.get("/reports/dashboard/parties/ken/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Validated" in page and "/results/submissions/" not in page  # no link to the submission itself
    assert "Wanjiru" not in page and "shown to logged-in users" in page
    assert "Drought toolkit training for East Africa" in page
    assert "Regional office" in page
    values = response.context["values"]
    by_code = {item["value"].indicator.code: item for item in values}
    assert by_code["1.1"]["global_target"] == 100 and by_code["1.1"]["regional_target"] == 40
    assert by_code["5.2"]["country_target"] == 5 and by_code["5.2"]["global_target"] is None
    assert client.get("/reports/dashboard/parties/XXX/").status_code == 404


def test_party_page_hides_drafts_from_the_public_but_not_from_the_country(client, results, kenya):
    germany = client.get("/reports/dashboard/parties/DEU/")
    assert "Not handed in" in germany.content.decode() and "Draft" not in germany.content.decode()
    assert germany.context["values"] == []  # a draft's values are not validated results
    from tests.factories import UserFactory

    nfp = UserFactory(role="national_focal_point", country=Country.objects.get(iso3="DEU"))
    client.force_login(nfp)
    page = client.get("/reports/dashboard/parties/DEU/").content.decode()
    assert "(Draft)" in page and "/results/submissions/" in page


def test_dashboard_and_party_page_queries_do_not_grow_with_rows(client, results):
    cache.clear()  # computed afresh: the cold path must not grow either
    few_dashboard = count_queries(lambda: client.get(DASHBOARD))
    few_party = count_queries(lambda: client.get("/reports/dashboard/parties/KEN/"))
    few_csv = count_queries(lambda: client.get("/reports/dashboard/parties.csv"))
    cycle = results.reporting_cycles.get()
    for country in Country.objects.filter(region__code__in=["III", "V"])[:20]:
        submission = SubmissionFactory(cycle=cycle, country=country, state="validated")
        ObservationFactory(submission=submission, indicator=sf("1.1"))
    second = ReportingCycleFactory(biennium=results, code="prais-test-2", indicators=[sf("1.1")])
    kenya = SubmissionFactory(cycle=second, country=Country.objects.get(iso3="KEN"), state="validated")
    ObservationFactory(submission=kenya, indicator=sf("1.1"))
    for _index in range(3):
        CapacityBuildingActivityFactory().countries.set([Country.objects.get(iso3="KEN")])
    cache.clear()
    assert count_queries(lambda: client.get(DASHBOARD)) == few_dashboard
    assert count_queries(lambda: client.get("/reports/dashboard/parties/KEN/")) == few_party
    assert count_queries(lambda: client.get("/reports/dashboard/parties.csv")) == few_csv


def test_the_party_profile_and_the_home_page_link_to_the_dashboard(client):
    assert 'href="/reports/dashboard/parties/KEN/"' in client.get("/regions/parties/KEN/").content.decode()
    home = client.get("/").content.decode()
    assert 'href="/reports/dashboard/"' in home


# --- computed once per data version; ETags ------------------------------------------------------


def test_the_dashboard_is_computed_once_per_data_version(client, results, django_assert_max_num_queries):
    first = client.get(DASHBOARD)
    assert first.status_code == 200
    for path in (DASHBOARD, f"{DASHBOARD}?biennium=2026-2027"):
        client.get(path)  # each biennium shown is computed once
        with django_assert_max_num_queries(10):
            again = client.get(path)
        assert again.status_code == 200
        assert "Reporting rate by region, 2026-2027" in again.content.decode()


def test_a_validation_through_the_service_refreshes_the_cached_dashboard(
    client, results, secretariat_user, django_capture_on_commit_callbacks
):
    from workprogramme.services import submission_validate

    before = client.get(f"{DASHBOARD}reporting-rate.csv").content.decode()
    nigeria = Submission.objects.get(country__iso3="NGA")
    etag = client.get(DASHBOARD)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        submission_validate(user=secretariat_user, submission=nigeria, expected_version=nigeria.version)
    after = client.get(f"{DASHBOARD}reporting-rate.csv").content.decode()
    assert before != after
    rows = {line[0]: line for line in csv.reader(io.StringIO(after))}
    assert rows["All Parties"][1:4] == ["197", "3", "3"]
    assert client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_publishing_a_report_changes_the_dashboards_etag(
    client, results, secretariat_user, django_capture_on_commit_callbacks
):
    from reporting.services import report_publish

    etag = client.get(DASHBOARD)["ETag"]
    assert client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag).status_code == 304
    newer = ReportFactory(biennium=results, version=2, tables=[TABLE_1], sections={})
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(user=secretariat_user, report=newer)
    answer = client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag)
    assert answer.status_code == 200
    assert f'href="/reports/{newer.pk}/"' in answer.content.decode()


def test_the_dashboard_answers_304_to_a_matching_etag_only_for_the_same_reader(client, results, nfp_kenya):
    first = client.get(DASHBOARD)
    etag = first["ETag"]
    not_modified = client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert client.get(f"{DASHBOARD}?biennium=2026-2027", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    client.force_login(nfp_kenya)
    assert client.get(DASHBOARD, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_published_report_page_answers_304_and_runs_few_queries(
    client, results, django_assert_max_num_queries
):
    report = results.reports.get()
    report.finished_at = datetime.datetime(2027, 5, 31, 12, tzinfo=datetime.UTC)
    report.save(update_fields=["finished_at"])
    path = f"/reports/{report.pk}/"
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    with django_assert_max_num_queries(10):
        again = client.get(path)
    assert again.status_code == 200 and "Executive Direction" in again.content.decode()
    with django_assert_max_num_queries(2):
        not_modified = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_an_unpublished_report_answers_404_even_with_an_etag(client, results, secretariat_user):
    report = results.reports.get()
    client.force_login(secretariat_user)
    etag = client.get(f"/reports/{report.pk}/")["ETag"]
    client.logout()
    report.published = False
    report.save(update_fields=["published"])
    assert client.get(f"/reports/{report.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 404


# --- one definition of each figure, labelled, everywhere (issue 14 item 7) ----------------------


@pytest.fixture
def compiled_and_published(secretariat_user, django_capture_on_commit_callbacks):
    """2026-2027: 5 Parties handed in a report (3 validated, 1 under review, 1 returned), 1 draft;
    the biennial report compiled from them and published."""
    from reporting.services import report_compile, report_publish, report_request

    biennium = BienniumFactory(start_year=2026)
    cycle = ReportingCycleFactory(biennium=biennium, code="prais-rate", indicators=[sf("1.1")])
    for iso3, state in [
        ("KEN", "validated"),
        ("CHN", "validated"),
        ("BRA", "validated"),
        ("NGA", "submitted"),
        ("IND", "returned"),
        ("DEU", "draft"),
    ]:
        SubmissionFactory(cycle=cycle, country=Country.objects.get(iso3=iso3), state=state)
    report = report_request(
        kind="biennial_performance",
        biennium=biennium,
        cutoff_date=datetime.date(2027, 5, 31),
        user=None,
        enqueue=False,
    )
    report = report_compile(report_id=report.pk)
    with django_capture_on_commit_callbacks(execute=True):
        # No finance or staffing data for 2026-2027: its checks fail, so publishing needs a reason.
        report_publish(user=secretariat_user, report=report, override_reason="Test: no finance data yet.")
    return report


RATE = "Reporting rate 2026-2027: 2.5 % (5 of 197 Parties handed in a national report; 3 validated)"


def test_the_reporting_rate_reads_the_same_on_home_dashboard_and_report(client, compiled_and_published):
    report = compiled_and_published
    assert report.sections["results"]["overview"] == {
        "parties": 197,
        "submitted": 5,
        "validated": 3,
        "rate": 2.5,
    }
    for path in ("/", DASHBOARD, f"/reports/{report.pk}/"):
        page = client.get(path).content.decode()
        assert RATE in page, path
        assert "about 80" not in page and "66.0" not in page
    rows = {line[0]: line for line in parse_csv(client.get(f"{DASHBOARD}reporting-rate.csv"))}
    assert rows["All Parties"][1:] == ["197", "5", "3", "2.5"]


def test_indicator_coverage_is_not_labelled_as_a_reporting_rate(client, results):
    page = client.get(DASHBOARD).content.decode()
    assert "% of Parties reporting" not in page
    assert "Parties with a validated value (% of all Parties)" in page
    assert "Validated value" in page and "Target of the annex" in page  # the chart's legend
    # One biennium: no trend chart of one bar per indicator, but a sentence saying why.
    assert "A trend needs the validated results of two biennia; so far only 2026-2027 has them" in page


def test_regional_offices_without_outputs_show_a_dash_not_zeros(compiled_and_published):
    offices = compiled_and_published.sections["regional_offices"]["table"]
    if offices["rows"]:
        assert all(cell is None for line in offices["rows"] for cell in line["cells"])
        assert offices["notes"] == [{"msg": "table10.note_no_outputs"}]
