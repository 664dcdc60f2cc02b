"""Permission matrix: anonymous, another country's NFP, a coordinator of another region, the API
reader and the right user. Each case asserts the status code AND that nothing changed or leaked."""

import pytest
from django.urls import reverse

from regions.models import CommitteeAnnualReport, FocalPoint, Nomination, RegionalOffice
from tests.factories import FocalPointFactory, NominationFactory, RegionalOfficeFactory

pytestmark = pytest.mark.django_db

OTHERS = ["nfp_china", "coordinator_asia", "api_reader"]


def login(client, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if user is not None:
        client.force_login(user)
    return user


def office_form(office, **changes):
    return {
        "region": office.region_id,
        "name": office.name,
        "status": office.status,
        "city": office.city,
        "reporting_line": office.reporting_line,
        **changes,
    }


@pytest.fixture
def office(africa):
    return RegionalOfficeFactory(region=africa, name="RCU Africa", city="Abidjan")


@pytest.mark.parametrize(
    "who, web_status, api_status",
    [
        ("anonymous", 302, 401),
        ("nfp_china", 403, 403),
        ("coordinator_asia", 403, 403),
        ("api_reader", 403, 403),
        ("coordinator_africa", 302, 200),
        ("secretariat_user", 302, 200),
    ],
)
def test_editing_an_office(client, api_client, request, office, who, web_status, api_status):
    user = login(client, request, who)
    url = reverse("regions:office_edit", args=[office.pk])
    response = client.post(url, office_form(office, city="Changed by web"))
    assert response.status_code == web_status
    if web_status == 302 and user is None:
        assert response.url.startswith(reverse("accounts:login"))
    if user is not None:
        api_client.force_authenticate(user)
    response = api_client.patch(f"/api/v1/regional-offices/{office.pk}/", {"city": "Changed by API"})
    assert response.status_code == api_status
    office.refresh_from_db()
    allowed = who in ("coordinator_africa", "secretariat_user")
    assert (office.city == "Changed by API") is allowed
    assert (office.city == "Abidjan") is not allowed
    assert office.history.count() == (3 if allowed else 1)


@pytest.mark.parametrize("who", ["anonymous", *OTHERS])
def test_nomination_is_invisible_to_others(client, api_client, request, who):
    nomination = NominationFactory(status="submitted", submitted_at="2025-01-01T00:00Z", last_name="Secret")
    user = login(client, request, who)
    if user is not None:
        api_client.force_authenticate(user)
    detail = client.get(nomination.get_absolute_url())
    listing = client.get(reverse("regions:nomination_list"))
    if user is None:
        assert detail.status_code == 302 and listing.status_code == 302
    else:
        assert detail.status_code == 404
        assert "Secret" not in listing.content.decode()
    accept = api_client.post(f"/api/v1/nominations/{nomination.pk}/accept/")
    # Who may change no nomination at all (the API reader, a coordinator) is refused before
    # any lookup (403), so nothing leaks either; the others do not find it (404).
    refused_up_front = {"anonymous": 401, "api_reader": 403, "coordinator_asia": 403}
    assert accept.status_code == refused_up_front.get(who, 404)
    web_accept = client.post(reverse("regions:nomination_accept", args=[nomination.pk]))
    assert web_accept.status_code in (302, 404) and (user is None or web_accept.status_code == 404)
    cv = client.get(reverse("regions:document", args=["nomination-cv", nomination.pk]))
    assert cv.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == "submitted" and not FocalPoint.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("nfp_kenya", 403), ("coordinator_africa", 403), ("gm_user", 403), ("secretariat_user", 200)],
)
def test_only_the_secretariat_accepts(api_client, request, who, status):
    nomination = NominationFactory(status="submitted", submitted_at="2025-01-01T00:00Z")
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(f"/api/v1/nominations/{nomination.pk}/accept/")
    assert response.status_code == status
    nomination.refresh_from_db()
    assert (nomination.status == "accepted") is (status == 200)
    assert FocalPoint.objects.exists() is (status == 200)


@pytest.mark.parametrize(
    "who, status",
    [
        ("nfp_china", 404),
        ("coordinator_asia", 403),  # may change no nomination: refused before any lookup
        ("api_reader", 403),
        ("coordinator_africa", 403),
        ("stc_kenya", 403),
        ("nfp_kenya", 200),
    ],
)
def test_submitting_kenyas_stc_draft(api_client, request, who, status):
    nomination = NominationFactory()
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(f"/api/v1/nominations/{nomination.pk}/submit/")
    assert response.status_code == status
    nomination.refresh_from_db()
    assert (nomination.status == "submitted") is (status == 200)


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 401),
        ("nfp_china", 404),
        ("coordinator_asia", 404),
        ("api_reader", 404),
        ("nfp_kenya", 200),
        ("stc_kenya", 200),
        ("coordinator_africa", 200),
    ],
)
def test_reading_a_kenyan_focal_point(api_client, request, kenya, who, status):
    focal_point = FocalPointFactory(country=kenya, email="private@example.org")
    if who != "anonymous":
        api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.get(f"/api/v1/focal-points/{focal_point.pk}/")
    assert response.status_code == status
    listing = api_client.get("/api/v1/focal-points/")
    assert ("private@example.org" in listing.content.decode()) is (status == 200)


@pytest.mark.parametrize("who", ["nfp_kenya", "nfp_china", "coordinator_africa", "api_reader"])
def test_focal_points_are_changed_by_staff_only(client, api_client, request, kenya, who):
    focal_point = FocalPointFactory(country=kenya, last_name="Original")
    user = login(client, request, who)
    api_client.force_authenticate(user)
    response = api_client.patch(f"/api/v1/focal-points/{focal_point.pk}/", {"last_name": "Changed"})
    assert response.status_code in (403, 404)
    response = client.get(reverse("regions:focal_point_edit", args=[focal_point.pk]))
    assert response.status_code in (403, 404)
    focal_point.refresh_from_db()
    assert focal_point.last_name == "Original"


@pytest.mark.parametrize(
    "who, status",
    [("nfp_china", 403), ("coordinator_asia", 403), ("api_reader", 403), ("coordinator_africa", 201)],
)
def test_adding_a_committee_report(api_client, request, africa_committee, who, status):
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(
        "/api/v1/committee-reports/",
        {"committee": africa_committee.pk, "year": 2025, "text": "Annual report."},
    )
    assert response.status_code == status
    assert CommitteeAnnualReport.objects.exists() is (status == 201)


@pytest.mark.parametrize(
    "who", ["anonymous", "coordinator_africa", "api_reader", "stc_kenya", "secretariat_user"]
)
def test_only_an_nfp_opens_the_stc_nomination_form(client, request, who):
    user = login(client, request, who)
    response = client.get(reverse("regions:nominate_stc"))
    assert response.status_code == (302 if user is None else 403)
    response = client.post(reverse("regions:nominate_stc"), {"first_name": "X"})
    assert response.status_code in (302, 403)
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("who", ["nfp_kenya", "api_reader", "coordinator_asia"])
def test_create_pages_need_the_right_role(client, request, who):
    login(client, request, who)
    for name in (
        "host_institution_create",
        "mou_create",
        "focal_point_create",
        "partnership_create",
        "nomination_create",
    ):
        assert client.get(reverse(f"regions:{name}")).status_code == 403
    if who != "coordinator_asia":
        assert client.get(reverse("regions:office_create")).status_code == 403
    assert not RegionalOffice.objects.exists()
