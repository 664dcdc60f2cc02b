"""The secretariat's reporting-cycle forms: plan, change, open and close; who may not; the buttons."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import count_queries
from tests.factories import BienniumFactory, ReportingCycleFactory, SubmissionFactory
from workprogramme.models import ReportingCycle

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def form_data(**changes):
    data = {
        "biennium": BienniumFactory(start_year=2026).pk,
        "code": "prais-2026",
        "title": "PRAIS 2026",
        "opens_on": (TODAY + datetime.timedelta(days=5)).isoformat(),
        "deadline": (TODAY + datetime.timedelta(days=100)).isoformat(),
        "indicators": [sf_indicator("1.1").pk, sf_indicator("5.2").pk],
    }
    return data | changes


def snapshot():
    return list(
        ReportingCycle.objects.order_by("pk").values_list("code", "title", "state", "opens_on", "deadline")
    ), sorted(ReportingCycle.indicators.through.objects.values_list("cycle_id", "indicator_id"))


def test_secretariat_plans_a_cycle_through_the_form(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(reverse("workprogramme:cycle_create")).status_code == 200
    response = client.post(reverse("workprogramme:cycle_create"), form_data())
    cycle = ReportingCycle.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "workprogramme:cycle_detail", args=[cycle.code]
    )
    assert cycle.state == "planned"
    assert sorted(cycle.indicators.values_list("code", flat=True)) == ["1.1", "5.2"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": (TODAY + datetime.timedelta(days=1)).isoformat()}, "after the opening date"),
        ({"indicators": []}, "This field is required"),
        ({"code": "new"}, "reserved"),
        ({"title": ""}, "This field is required"),
        ({"opens_on": "31/02/2026"}, "Enter a valid date"),
    ],
)
def test_invalid_cycle_form_shows_errors_and_saves_nothing(client, secretariat_user, changes, message):
    client.force_login(secretariat_user)
    response = client.post(reverse("workprogramme:cycle_create"), form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not ReportingCycle.objects.exists()


def test_secretariat_reported_indicators_are_not_offered(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workprogramme:cycle_create"), form_data(indicators=[sf_indicator("1.3").pk])
    )
    assert "Select a valid choice" in response.content.decode()
    assert not ReportingCycle.objects.exists()


def test_duplicate_code_is_refused_on_the_form(client, secretariat_user):
    ReportingCycleFactory(code="prais-2026")
    client.force_login(secretariat_user)
    response = client.post(reverse("workprogramme:cycle_create"), form_data())
    assert "already has the code" in response.content.decode()
    assert ReportingCycle.objects.count() == 1


def test_edit_a_planned_cycle(client, gm_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    client.force_login(gm_user)
    url = reverse("workprogramme:cycle_edit", args=[cycle.code])
    assert client.get(url).status_code == 200
    data = form_data(biennium=cycle.biennium.pk, code=cycle.code, title="Renamed")
    assert client.post(url, data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.title == "Renamed"
    assert sorted(cycle.indicators.values_list("code", flat=True)) == ["1.1", "5.2"]


def test_edit_an_open_cycle_keeps_its_fixed_fields(client, secretariat_user):
    cycle = ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    SubmissionFactory(cycle=cycle)
    client.force_login(secretariat_user)
    url = reverse("workprogramme:cycle_edit", args=[cycle.code])
    later = cycle.deadline + datetime.timedelta(days=14)
    data = form_data(code="tampered", deadline=later.isoformat(), indicators=[sf_indicator("1.1").pk])
    assert client.post(url, data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.code != "tampered" and cycle.deadline == later
    response = client.post(url, form_data(code=cycle.code, deadline=later.isoformat()))
    assert "already started" in response.content.decode()
    assert list(cycle.indicators.values_list("code", flat=True)) == ["1.1"]


def test_closed_cycle_edit_redirects_and_refuses_posts(client, secretariat_user):
    cycle = ReportingCycleFactory(state="closed", indicators=[sf_indicator("1.1")])
    client.force_login(secretariat_user)
    url = reverse("workprogramme:cycle_edit", args=[cycle.code])
    assert client.get(url).status_code == 302
    response = client.post(url, form_data(biennium=cycle.biennium.pk, code=cycle.code, title="Changed"))
    assert "can no longer be changed" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.title != "Changed"


def test_open_then_close_through_the_buttons(client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    client.force_login(secretariat_user)
    detail = client.get(reverse("workprogramme:cycle_detail", args=[cycle.code])).content.decode()
    assert reverse("workprogramme:cycle_open", args=[cycle.code]) in detail
    response = client.post(reverse("workprogramme:cycle_open", args=[cycle.code]), follow=True)
    assert "is open" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.state == "open"
    assert reverse("workprogramme:cycle_close", args=[cycle.code]) in response.content.decode()
    client.post(reverse("workprogramme:cycle_close", args=[cycle.code]))
    cycle.refresh_from_db()
    assert cycle.state == "closed"
    response = client.post(reverse("workprogramme:cycle_close", args=[cycle.code]), follow=True)
    assert "already closed" in response.content.decode()


def test_opening_without_indicators_shows_a_clear_message(client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned")
    client.force_login(secretariat_user)
    response = client.post(reverse("workprogramme:cycle_open", args=[cycle.code]), follow=True)
    assert "Choose the indicators" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.state == "planned"


def test_open_and_close_answer_only_posts(client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    client.force_login(secretariat_user)
    assert client.get(reverse("workprogramme:cycle_open", args=[cycle.code])).status_code == 405
    cycle.refresh_from_db()
    assert cycle.state == "planned"


def test_unknown_cycle_answers_404(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(reverse("workprogramme:cycle_edit", args=["nope"])).status_code == 404
    assert client.post(reverse("workprogramme:cycle_open", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),
        ("nfp_kenya", 403),
        ("stc_kenya", 403),
        ("coordinator_africa", 403),
        ("coordinator_asia", 403),
        ("api_reader", 403),
    ],
)
def test_permission_matrix_nothing_changes(request, client, who, expected):
    planned = ReportingCycleFactory(code="planned-c", state="planned", indicators=[sf_indicator("1.1")])
    opened = ReportingCycleFactory(code="open-c", indicators=[sf_indicator("1.1")])
    before = snapshot()
    if who:
        client.force_login(request.getfixturevalue(who))
    requests = [
        ("get", reverse("workprogramme:cycle_create"), None),
        ("post", reverse("workprogramme:cycle_create"), form_data()),
        ("get", reverse("workprogramme:cycle_edit", args=[planned.code]), None),
        (
            "post",
            reverse("workprogramme:cycle_edit", args=[planned.code]),
            form_data(code="planned-c", title="X"),
        ),
        ("post", reverse("workprogramme:cycle_open", args=[planned.code]), {}),
        ("post", reverse("workprogramme:cycle_close", args=[opened.code]), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        assert response.status_code == expected, (method, url)
        if expected == 302:
            assert response.url.startswith(reverse("accounts:login"))
    assert snapshot() == before


@pytest.mark.parametrize("who", [None, "nfp_kenya", "coordinator_africa", "api_reader"])
def test_manage_buttons_are_hidden_from_non_staff(request, client, who):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    if who:
        client.force_login(request.getfixturevalue(who))
    listing = client.get(reverse("workprogramme:cycle_list")).content.decode()
    detail = client.get(reverse("workprogramme:cycle_detail", args=[cycle.code])).content.decode()
    assert reverse("workprogramme:cycle_create") not in listing
    for name in ("cycle_edit", "cycle_open", "cycle_close"):
        assert reverse(f"workprogramme:{name}", args=[cycle.code]) not in detail


def test_manage_buttons_are_shown_to_staff(client, secretariat_user):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    client.force_login(secretariat_user)
    listing = client.get(reverse("workprogramme:cycle_list")).content.decode()
    detail = client.get(reverse("workprogramme:cycle_detail", args=[cycle.code])).content.decode()
    biennium = client.get(
        reverse("workprogramme:biennium_detail", args=[cycle.biennium.code])
    ).content.decode()
    assert (
        reverse("workprogramme:cycle_create") in listing and reverse("workprogramme:cycle_create") in biennium
    )
    assert reverse("workprogramme:cycle_edit", args=[cycle.code]) in detail
    assert reverse("workprogramme:cycle_close", args=[cycle.code]) not in detail


def test_cycle_list_for_staff_has_constant_query_count(client, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("workprogramme:cycle_list")
    for year in (2030, 2032):
        ReportingCycleFactory(biennium=BienniumFactory(start_year=year), indicators=[sf_indicator("1.1")])
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for year in range(2034, 2060, 2):
        ReportingCycleFactory(
            biennium=BienniumFactory(start_year=year), indicators=[sf_indicator("1.1"), sf_indicator("5.2")]
        )
    assert count_queries(lambda: client.get(url)) == few


def test_cycle_form_has_constant_query_count(client, secretariat_user):
    """The indicator picker lists every country-reported indicator with its objective in one query."""
    client.force_login(secretariat_user)
    url = reverse("workprogramme:cycle_create")
    count = count_queries(lambda: client.get(url))
    ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    assert count_queries(lambda: client.get(url)) == count


def test_admin_cannot_add_or_change_cycles(client, django_user_model):
    cycle = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-Strong-1"))
    assert client.get("/admin/workprogramme/reportingcycle/add/").status_code == 403
    response = client.post(
        f"/admin/workprogramme/reportingcycle/{cycle.pk}/change/", {"title": "Changed", "state": "closed"}
    )
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert (cycle.title, cycle.state) != ("Changed", "closed") and cycle.state == "planned"
    assert client.get(f"/admin/workprogramme/reportingcycle/{cycle.pk}/change/").status_code == 200


def test_cycle_history_shows_who_opened_it_to_staff_only(client, secretariat_user, nfp_kenya):
    client.force_login(secretariat_user)
    client.post(reverse("workprogramme:cycle_create"), form_data())
    client.post(reverse("workprogramme:cycle_open", args=["prais-2026"]))
    cycle = ReportingCycle.objects.get()
    assert [record.state for record in cycle.history.order_by("history_id")] == ["planned", "open"]
    assert cycle.history.latest().history_user == secretariat_user
    page = client.get(reverse("workprogramme:cycle_detail", args=[cycle.code])).content.decode()
    assert "Change history" in page and "Planned → Open" in page
    client.force_login(nfp_kenya)
    assert (
        "Change history"
        not in client.get(reverse("workprogramme:cycle_detail", args=[cycle.code])).content.decode()
    )
