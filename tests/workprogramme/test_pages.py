"""The web pages: framework, functions, work programme, cycles, the NFP's journey and the review."""

import re

import pytest
from django.urls import reverse

from tests.conftest import count_queries
from tests.factories import ObservationFactory, SubmissionFactory
from unccd_portal.demo import workprogramme as demo
from workprogramme.models import Submission

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def test_regional_function_table_per_region(client):
    response = client.get(reverse("workprogramme:regional_functions", args=["I"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "No regional function for this outcome." in body  # outcome 2.4 has none
    assert body.count("<tr>") >= 53  # 48 functions, 5 outcomes without any


def test_framework_lists_regional_objectives_mirroring_operational_ones(client):
    body = client.get(reverse("workprogramme:framework_detail", args=["strategy-2008-2018"])).content.decode()
    assert "RO.1" in body and "Regional operational objective mirroring OO1" in body


def test_demo_rebuilds_the_2010_2011_joint_work_programme_and_2018_figures(client, settings):
    settings.DEMO_ACCOUNTS_ALLOWED = True
    from unccd_portal.demo import accounts as accounts_demo

    accounts_demo.load()
    demo.load()
    first = sorted(Submission.objects.values_list("cycle__code", "country__iso3", "state"))
    demo.load()
    assert sorted(Submission.objects.values_list("cycle__code", "country__iso3", "state")) == first
    from workprogramme.models import WorkProgramme

    programme = WorkProgramme.objects.get(biennium__code="2010-2011")
    body = client.get(reverse("workprogramme:work_programme_detail", args=[programme.pk])).content.decode()
    assert "Enabling environment for enhanced collaboration" in body
    assert "OO5: Financing and technology transfer" in body
    body = client.get(reverse("workprogramme:biennium_detail", args=["2018-2019"])).content.decode()
    assert "141" in body and "71.6" in body and "84" in body and "122 countries had joined" in body
    assert Submission.objects.get(cycle__code="prais-2026", country__iso3="KEN").state == "draft"
    assert Submission.objects.get(cycle__code="prais-2026", country__iso3="CHN").state == "returned"


def test_nfp_home_shows_what_is_owed_late_and_returned(client, nfp_kenya, cycle, kenya):
    from tests.factories import ReportingCycleFactory

    late = ReportingCycleFactory(title="Late cycle", deadline="2026-01-31", opens_on="2025-01-01")
    returned = SubmissionFactory(
        cycle=ReportingCycleFactory(title="Returned cycle"), country=kenya, state="returned"
    )
    client.force_login(nfp_kenya)
    body = client.get(reverse("accounts:home")).content.decode()
    assert "What your country owes" in body and cycle.title in body
    assert "Late" in body and late.title in body
    assert "Returned for correction" in body and returned.cycle.title in body


def test_nfp_journey_through_the_forms(client, nfp_kenya, secretariat_user, cycle, kenya):
    client.force_login(nfp_kenya)
    response = client.post(reverse("workprogramme:submission_start", args=[cycle.code]))
    submission = Submission.objects.get(cycle=cycle, country=kenya)
    assert response.url == reverse("workprogramme:submission_edit", args=[submission.pk])
    edit_url = reverse("workprogramme:submission_edit", args=[submission.pk])
    form = {"version": submission.version}
    for code, value in (("1.1", "yes"), ("5.2", "150%"), ("2.2", "no"), ("1.2", "yes")):
        pk = sf_indicator(code).pk
        form |= {f"value_{pk}": value, f"source_{pk}": "national", f"narrative_{pk}": f"About {code}"}
    client.post(edit_url, form)
    page = client.get(edit_url).content.decode()
    assert "150%" in page and "is not a number" in page  # kept as typed, flagged
    detail = client.get(reverse("workprogramme:submission_detail", args=[submission.pk])).content.decode()
    assert "Before you can submit, fix:" in detail

    submission.refresh_from_db()
    form["version"] = submission.version
    form[f"value_{sf_indicator('5.2').pk}"] = "2"
    client.post(edit_url, form)
    submission.refresh_from_db()
    client.post(
        reverse("workprogramme:submission_hand_in", args=[submission.pk]), {"version": submission.version}
    )
    submission.refresh_from_db()
    assert submission.state == "submitted"

    client.force_login(secretariat_user)
    review_url = reverse("workprogramme:submission_review", args=[submission.pk])
    assert client.get(review_url).status_code == 200
    client.post(
        review_url,
        {"version": submission.version, "decision": "return", "comment": "Fix 5.2",
         f"comment_{sf_indicator('5.2').pk}": "Which projects?"},
    )  # fmt: skip
    submission.refresh_from_db()
    assert submission.state == "returned"

    client.force_login(nfp_kenya)
    assert "Which projects?" in client.get(edit_url).content.decode()
    client.post(
        reverse("workprogramme:submission_hand_in", args=[submission.pk]), {"version": submission.version}
    )
    submission.refresh_from_db()
    assert submission.state == "resubmitted"
    client.force_login(secretariat_user)
    client.post(review_url, {"version": submission.version, "decision": "validate", "comment": ""})
    submission.refresh_from_db()
    assert submission.state == "validated"
    client.force_login(nfp_kenya)
    results = client.get(reverse("workprogramme:country_results", args=["KEN"])).content.decode()
    assert "About 5.2" in results
    history = client.get(reverse("workprogramme:submission_detail", args=[submission.pk])).content.decode()
    assert "Returned for correction → Resubmitted" in history and "Fix 5.2" in history
    assert "Changes to the values" in history


def test_stale_form_save_shows_message_and_keeps_other_save(client, kenya_draft, nfp_kenya, stc_kenya):
    projects = sf_indicator("5.2").pk
    opened = kenya_draft.version
    client.force_login(stc_kenya)
    client.post(
        reverse("workprogramme:submission_edit", args=[kenya_draft.pk]),
        {"version": opened, f"value_{projects}": "5"},
    )
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("workprogramme:submission_edit", args=[kenya_draft.pk]),
        {"version": opened, f"value_{projects}": "7"},
    )
    assert response.status_code == 200 and "Someone else saved this submission" in response.content.decode()
    assert kenya_draft.observations.get(indicator_id=projects).raw_value == "5"


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),
        ("nfp_china", 404),
        ("coordinator_asia", 404),
        ("coordinator_africa", 403),
        ("api_reader", 404),
    ],
)
def test_edit_page_permission_matrix(request, client, kenya_draft, who, expected):
    if who:
        client.force_login(request.getfixturevalue(who))
    url = reverse("workprogramme:submission_edit", args=[kenya_draft.pk])
    assert client.post(url, {"version": kenya_draft.version}).status_code == expected
    assert Submission.objects.get(pk=kenya_draft.pk).version == kenya_draft.version


def _fill_cycle(cycle, count):
    from regions.models import Country

    for country in Country.objects.order_by("iso3")[:count]:
        submission = SubmissionFactory(cycle=cycle, country=country, state="validated")
        ObservationFactory(submission=submission)


@pytest.mark.parametrize(
    "url_name",
    [
        "submission_list",
        "cycle_list",
        "cycle_detail",
        "biennium_list",
        "biennium_detail",
        "country_results",
        "result_list",
    ],
)
def test_list_pages_have_constant_query_counts(client, secretariat_user, cycle, url_name):  # fmt: skip
    args = {
        "cycle_detail": [cycle.code],
        "biennium_detail": [cycle.biennium.code],
        "country_results": ["AFG"],
    }
    url = reverse(f"workprogramme:{url_name}", args=args.get(url_name, []))
    client.force_login(secretariat_user)
    _fill_cycle(cycle, 3)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    Submission.objects.all().delete()
    _fill_cycle(cycle, 40)
    response = client.get(url)
    assert response.status_code == 200
    assert count_queries(lambda: client.get(url)) == few


@pytest.mark.parametrize(
    ("url_name", "args"),
    [("framework_detail", ["sf-2018-2030"]), ("regional_functions", ["II"]), ("regional_function_index", [])],
)
def test_public_structure_pages(client, url_name, args):
    assert client.get(reverse(f"workprogramme:{url_name}", args=args)).status_code == 200


def test_work_programme_and_structure_pages_have_constant_query_counts(client):
    from tests.factories import ExpectedAccomplishmentFactory, PerformanceDataFactory, WorkProgrammeFactory

    programme = WorkProgrammeFactory()

    def add_accomplishment():
        accomplishment = ExpectedAccomplishmentFactory(work_programme=programme)
        PerformanceDataFactory(expected_accomplishment=accomplishment)
        accomplishment.performance_indicators.create(
            code=f"{accomplishment.code}.1", text="Products", target=2
        )
        accomplishment.outputs.create(title="Fact sheet", owner_kind="gm", status="done")

    urls = [
        reverse("workprogramme:work_programme_detail", args=[programme.pk]),
        reverse("workprogramme:framework_detail", args=["strategy-2008-2018"]),
        reverse("workprogramme:objective_detail", args=["sf-2018-2030", "SO1"]),
        reverse("workprogramme:regional_functions", args=["I"]),
        reverse("workprogramme:framework_list"),
    ]
    add_accomplishment()
    few = [count_queries(lambda url=url: client.get(url)) for url in urls]
    for _ in range(5):
        add_accomplishment()
    assert [count_queries(lambda url=url: client.get(url)) for url in urls] == few


@pytest.mark.parametrize(
    "model",
    ["submission", "submissionindicator", "observation", "submissiontransition", "reportingcycle",
     "workprogramme", "expectedaccomplishment", "output", "target", "regionalfunction", "remindersent",
     "performancedata"],
)  # fmt: skip
def test_admin_changelists_open(client, kenya_draft, model):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/workprogramme/{model}/").status_code == 200
    if model == "submission":
        assert client.get(f"/admin/workprogramme/submission/{kenya_draft.pk}/change/").status_code == 200


def test_results_table_page_filters_and_scopes(client, cycle, nfp_china, kenya, china):
    for country in (kenya, china):
        ObservationFactory(submission=SubmissionFactory(cycle=cycle, country=country, state="validated"))
    client.force_login(nfp_china)
    body = client.get(reverse("workprogramme:result_list")).content.decode()
    assert "China" in body and "Kenya" not in body
    body = client.get(reverse("workprogramme:result_list") + "?region=I").content.decode()
    assert "No validated value matches these filters." in body


def test_submission_list_shows_everything_unfiltered_and_scopes_coordinators(
    client, cycle, kenya, china, secretariat_user, coordinator_africa
):
    SubmissionFactory(cycle=cycle, country=kenya)
    SubmissionFactory(cycle=cycle, country=china, state="submitted")
    client.force_login(secretariat_user)
    body = client.get(reverse("workprogramme:submission_list")).content.decode()
    assert "Kenya" in body and "China" in body
    assert (
        "Kenya"
        not in client.get(reverse("workprogramme:submission_list") + "?state=submitted").content.decode()
    )
    client.force_login(coordinator_africa)
    body = client.get(reverse("workprogramme:submission_list")).content.decode()
    assert "Kenya" in body and "China" not in body


def test_cycle_page_offers_start_to_country_users_and_import_to_staff(
    client, cycle, nfp_kenya, secretariat_user
):
    url = reverse("workprogramme:cycle_detail", args=[cycle.code])
    start = reverse("workprogramme:submission_start", args=[cycle.code])
    importer = reverse("workprogramme:cycle_import", args=[cycle.code])
    client.force_login(nfp_kenya)
    body = client.get(url).content.decode()
    assert start in body and importer not in body
    client.force_login(secretariat_user)
    body = client.get(url).content.decode()
    assert importer in body and start not in body
    client.logout()
    body = client.get(url).content.decode()
    assert start not in body and importer not in body


def test_submission_page_title_is_plain_text_when_values_changed(
    client, kenya_draft, nfp_kenya, complete_entries
):
    from workprogramme.services import submission_save_draft

    submission_save_draft(
        submission=kenya_draft, user=nfp_kenya, expected_version=kenya_draft.version, entries=complete_entries
    )
    client.force_login(nfp_kenya)
    body = client.get(reverse("workprogramme:submission_detail", args=[kenya_draft.pk])).content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert "<" not in title and title.startswith("Kenya – ")
    assert body.count("Changes to the values (latest 50)") == 1


@pytest.mark.parametrize(
    ("who", "iso3", "expected"),
    [
        (None, "KEN", 302),
        ("nfp_kenya", "KEN", 200),
        ("stc_kenya", "KEN", 200),
        ("nfp_kenya", "CHN", 404),
        ("coordinator_africa", "KEN", 200),
        ("coordinator_asia", "KEN", 404),
        ("api_reader", "CHN", 200),
        ("secretariat_user", "CHN", 200),
    ],
)
def test_country_results_permission_matrix(request, client, cycle, kenya, china, who, iso3, expected):
    for country in (kenya, china):
        ObservationFactory(
            submission=SubmissionFactory(cycle=cycle, country=country, state="validated"),
            narrative=f"Narrative of {country.iso3}",
        )
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("workprogramme:country_results", args=[iso3]))
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        other = "CHN" if iso3 == "KEN" else "KEN"
        assert f"Narrative of {iso3}" in body and f"Narrative of {other}" not in body


@pytest.mark.parametrize(
    ("who", "listed"),
    [
        (None, None),
        ("nfp_kenya", None),
        ("api_reader", None),
        ("coordinator_africa", {"Kenya"}),
        ("coordinator_asia", {"China"}),
        ("secretariat_user", {"Kenya", "China"}),
    ],
)
def test_cycle_page_lists_the_parties_whose_reporting_the_user_follows(
    request, client, cycle, kenya, china, who, listed
):
    SubmissionFactory(cycle=cycle, country=kenya, state="submitted")
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("workprogramme:cycle_detail", args=[cycle.code]))
    assert response.status_code == 200
    statuses = response.context.get("statuses")
    if listed is None:
        assert statuses is None and "Status per Party" not in response.content.decode()
        return
    names = {country.name for country, _state, _pk in statuses}
    assert listed <= names
    assert not ({"Kenya", "China"} - listed) & names


@pytest.mark.parametrize(
    ("who", "shown"),
    [(None, False), ("nfp_kenya", False), ("api_reader", False), ("coordinator_africa", True),
     ("secretariat_user", True)],
)  # fmt: skip
def test_submissions_menu_entry_for_those_who_follow_reporting(request, who, shown):
    from django.contrib.auth.models import AnonymousUser

    from workprogramme.navigation import menu

    user = request.getfixturevalue(who) if who else AnonymousUser()
    _label, entries = menu(user)
    assert (reverse("workprogramme:submission_list") in [url for _name, url in entries]) == shown
