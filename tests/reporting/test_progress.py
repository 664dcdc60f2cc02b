"""Live compile progress: the report page and the reports list poll the report's API endpoint and
write its status in the page's language (labels from the catalogue, as json_script)."""

import json
import re

import pytest

from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def labels(page: str) -> dict:
    found = re.search(r'<script id="report-status-labels" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize(
    ("language", "running", "complete"),
    [("en", "Running", "Complete"), ("fr", "En cours", "Terminé"), ("zh-hans", None, None)],
)
def test_the_report_page_carries_the_status_words_in_the_page_language(
    client, secretariat_user, biennium, language, running, complete
):
    report = ReportFactory(biennium=biennium, status="running", progress=40, tables=[])
    client.force_login(secretariat_user)
    page = client.get(f"/reports/{report.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    words = labels(page)
    assert set(words) == {"queued", "running", "complete", "failed"}
    if running:
        assert (words["running"], words["complete"]) == (running, complete)
    else:  # every language has its own word, not the English one
        assert words["running"] != "Running" and words["complete"] != "Complete"
    assert 'data-role="finished"' in page


def test_the_reports_list_follows_unfinished_compiles_live(client, secretariat_user, biennium):
    queued = ReportFactory(biennium=biennium, status="queued", progress=0, tables=[])
    running = ReportFactory(biennium=biennium, status="running", progress=55, tables=[])
    done = ReportFactory(biennium=biennium)
    client.force_login(secretariat_user)
    page = client.get("/reports/").content.decode()
    for report in (queued, running):
        assert f'data-report-progress="/api/v1/reports/{report.pk}/"' in page
    assert f'data-report-progress="/api/v1/reports/{done.pk}/"' not in page
    assert 'aria-valuenow="55"' in page and "js/reporting.js" in page
    assert labels(page)["queued"] == "Queued"


def test_the_status_endpoint_the_bar_polls_is_refused_to_others(client, api_client, nfp_kenya, biennium):
    running = ReportFactory(biennium=biennium, status="running", progress=55, tables=[])
    api_client.force_authenticate(nfp_kenya)
    assert api_client.get(f"/api/v1/reports/{running.pk}/").status_code == 404
    client.force_login(nfp_kenya)
    page = client.get("/reports/").content.decode()
    assert f'data-report-progress="/api/v1/reports/{running.pk}/"' not in page


def test_the_reports_list_queries_do_not_grow_with_compiles(
    client, secretariat_user, biennium, django_assert_max_num_queries
):
    for status in ("queued", "running") * 10:
        ReportFactory(biennium=biennium, status=status, progress=10, tables=[])
    client.force_login(secretariat_user)
    client.get("/reports/")
    with django_assert_max_num_queries(20):
        assert client.get("/reports/").status_code == 200
