"""Focal-point handover: accepting a new NFP ends the predecessor's access (role, sessions, API
tokens) and logs who handed over to whom, when and by whose decision; the Party page and the
API show the log to whom focal points are shown, and to nobody else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import APIToken, User
from accounts.services import token_create
from core.roles import Role, roles_of
from regions import services
from regions.models import FocalPointHandover
from tests.conftest import count_queries
from tests.factories import FocalPointFactory, NominationFactory, UserFactory, api_token_for

pytestmark = pytest.mark.django_db

D = datetime.date
URL = "/api/v1/focal-point-handovers/"


def nfp_nomination(country, email="successor@example.org"):
    return NominationFactory(
        country=country,
        role="nfp",
        first_name="Achieng",
        last_name="Successor",
        email=email,
        cv="",
        status="submitted",
        submitted_at=timezone.now(),
    )


@pytest.fixture
def predecessor(kenya, nfp_kenya):
    return FocalPointFactory(
        country=kenya,
        role="nfp",
        user=nfp_kenya,
        first_name="Wanjiru",
        last_name="Predecessor",
        start_date=D(2020, 1, 1),
    )


@pytest.fixture
def handover(secretariat_user, kenya, predecessor):
    nomination = services.nomination_accept(
        user=secretariat_user, nomination=nfp_nomination(kenya), start_date=D(2025, 7, 1)
    )
    return FocalPointHandover.objects.get(successor=nomination.focal_point)


@pytest.fixture
def successor(handover):
    return handover.successor.user


def test_accepting_a_new_nfp_ends_the_predecessors_access_and_logs_it(
    client, api_client, secretariat_user, kenya, nfp_kenya, predecessor
):
    _, token = token_create(user=nfp_kenya)
    client.force_login(nfp_kenya)
    assert client.get(reverse("accounts:home")).status_code == 200
    nomination = nfp_nomination(kenya)
    services.nomination_accept(user=secretariat_user, nomination=nomination, start_date=D(2025, 7, 1))

    handover = FocalPointHandover.objects.get()
    nomination.refresh_from_db()
    assert (handover.country, handover.role) == (kenya, "nfp")
    assert handover.previous == predecessor and handover.successor == nomination.focal_point
    assert handover.handed_over_on == D(2025, 7, 1) and handover.nomination == nomination
    assert handover.recorded_by == secretariat_user and handover.recorded_at is not None
    assert handover.access_ended
    # The predecessor's access is gone: role, API tokens, the open session.
    nfp_kenya = User.objects.get(pk=nfp_kenya.pk)
    assert Role.NATIONAL_FOCAL_POINT not in roles_of(nfp_kenya) and nfp_kenya.country is None
    assert not APIToken.objects.filter(user=nfp_kenya).exists()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get(URL).status_code == 401
    assert client.get(reverse("accounts:home")).status_code == 302


def test_the_acceptance_page_and_the_api_log_the_handover_too(
    client, api_client, secretariat_user, kenya, predecessor
):
    client.force_login(secretariat_user)
    page_nomination = nfp_nomination(kenya)
    client.post(reverse("regions:nomination_accept", args=[page_nomination.pk]), {"start_date": "2025-03-01"})
    assert FocalPointHandover.objects.filter(nomination=page_nomination, previous=predecessor).exists()
    api_nomination = nfp_nomination(kenya, email="third@example.org")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(secretariat_user)}")
    response = api_client.post(
        f"/api/v1/nominations/{api_nomination.pk}/accept/", {"start_date": "2026-01-01"}
    )
    assert response.status_code == 200
    second = FocalPointHandover.objects.get(nomination=api_nomination)
    page_nomination.refresh_from_db()
    assert second.previous == page_nomination.focal_point and second.access_ended


def test_no_handover_without_a_predecessor_or_for_an_stc(secretariat_user, kenya, china):
    services.nomination_accept(user=secretariat_user, nomination=nfp_nomination(china))
    stc = NominationFactory(country=kenya, status="submitted", submitted_at=timezone.now())
    services.nomination_accept(user=secretariat_user, nomination=stc)
    assert not FocalPointHandover.objects.exists()


def test_a_refused_acceptance_logs_nothing_and_keeps_access(
    nfp_kenya, kenya, predecessor, coordinator_africa
):
    token_create(user=nfp_kenya)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied, whatever the layer
        services.nomination_accept(user=coordinator_africa, nomination=nfp_nomination(kenya))
    assert not FocalPointHandover.objects.exists()
    assert APIToken.objects.filter(user=nfp_kenya).exists()
    assert Role.NATIONAL_FOCAL_POINT in roles_of(User.objects.get(pk=nfp_kenya.pk))


READERS = ["secretariat_user", "gm_user", "coordinator_africa", "successor", "stc_kenya"]
NOT_READERS = [None, "nfp_china", "coordinator_asia", "api_reader"]


@pytest.mark.parametrize("who", READERS + NOT_READERS)
def test_the_party_page_shows_the_handover_to_focal_point_readers_only(client, request, handover, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("regions:country_detail", args=["KEN"]))
    assert page.status_code == 200
    content = page.content.decode()
    shown = 'id="handovers"' in content and "Wanjiru Predecessor" in content
    assert shown == (who in READERS)


@pytest.mark.parametrize("who", READERS + NOT_READERS)
def test_the_api_lists_the_handover_to_focal_point_readers_only(api_client, request, handover, who):
    if who:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(request.getfixturevalue(who))}")
    response = api_client.get(URL)
    detail = api_client.get(f"{URL}{handover.pk}/")
    if who is None:
        assert response.status_code == 401 and detail.status_code == 401
        return
    assert response.status_code == 200
    if who in READERS:
        (row,) = response.json()["results"]
        assert row["country"] == "KEN" and row["role"] == "nfp"
        assert row["previous_name"] == "Wanjiru Predecessor" and row["successor_name"] == "Achieng Successor"
        assert row["handed_over_on"] == "2025-07-01" and row["access_ended"] is True
        assert row["recorded_by"] == str(handover.recorded_by)
        assert detail.status_code == 200
    else:
        assert response.json()["count"] == 0 and "Predecessor" not in response.content.decode()
        assert detail.status_code == 404


def test_the_api_filters_by_party_and_is_read_only(api_client, secretariat_user, handover):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(secretariat_user)}")
    assert api_client.get(URL, {"country": "KEN"}).json()["count"] == 1
    assert api_client.get(URL, {"country": "CHN"}).json()["count"] == 0
    assert api_client.get(URL, {"region": "I", "role": "nfp"}).json()["count"] == 1
    assert api_client.get(URL, {"handed_over_after": "2025-08-01"}).json()["count"] == 0
    assert api_client.get(URL, {"colour": "red"}).status_code == 400
    assert api_client.post(URL, {}, format="json").status_code in (403, 405)
    assert api_client.delete(f"{URL}{handover.pk}/").status_code in (403, 405)
    assert FocalPointHandover.objects.count() == 1


def _more_handovers(count: int, kenya, recorded_by):
    for _ in range(count):
        previous = FocalPointFactory(
            country=kenya, role="nfp", start_date=D(2010, 1, 1), end_date=D(2011, 1, 1)
        )
        successor = FocalPointFactory(
            country=kenya, role="nfp", start_date=D(2011, 1, 2), end_date=D(2012, 1, 1)
        )
        FocalPointHandover.objects.create(
            country=kenya,
            role="nfp",
            previous=previous,
            successor=successor,
            handed_over_on=successor.start_date,
            recorded_at=timezone.now(),
            recorded_by=UserFactory() if recorded_by else None,
        )


def test_the_api_list_runs_a_fixed_number_of_queries(api_client, secretariat_user, kenya, handover):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(secretariat_user)}")

    def fetch():
        assert api_client.get(URL).status_code == 200

    fetch()
    few = count_queries(fetch)
    _more_handovers(6, kenya, recorded_by=True)
    assert count_queries(fetch) == few


def test_the_party_page_runs_a_fixed_number_of_queries(client, secretariat_user, kenya, handover):
    client.force_login(secretariat_user)

    def fetch():
        assert client.get(reverse("regions:country_detail", args=["KEN"])).status_code == 200

    fetch()
    few = count_queries(fetch)
    _more_handovers(6, kenya, recorded_by=True)
    assert count_queries(fetch) == few
