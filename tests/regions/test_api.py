"""The regions API: endpoints, filters, writes through services, the nomination actions."""

import datetime

import pytest

from regions.models import CommitteeMembership, Country, FocalPoint, Nomination, RegionalOffice
from tests.factories import (
    CommitteeAnnualReportFactory,
    CommitteeMembershipFactory,
    FocalPointFactory,
    NetworkFactory,
    NominationFactory,
    RegionalOfficeFactory,
    regions_pdf,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "regional-offices",
    "host-institutions",
    "mous",
    "regional-committees",
    "committee-meetings",
    "committee-reports",
    "thematic-networks",
    "focal-points",
    "nominations",
    "partnerships",
]
PUBLIC = {"regional-offices", "regional-committees", "committee-reports", "thematic-networks"}


def test_every_endpoint_is_in_the_schema(api_client):
    paths = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for endpoint in ENDPOINTS:
        assert f"/api/v1/{endpoint}/" in paths
        assert f"/api/v1/{endpoint}/{{id}}/" in paths
    for action in ("submit", "accept", "reject"):
        assert f"/api/v1/nominations/{{id}}/{action}/" in paths
    assert "/api/v1/regional-committees/{id}/members/" in paths


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_reads_only_public_endpoints(api_client, endpoint):
    response = api_client.get(f"/api/v1/{endpoint}/")
    assert response.status_code == (200 if endpoint in PUBLIC else 401)


def test_offices_filter_by_region_status_and_dates(api_client, africa, asia):
    RegionalOfficeFactory(region=africa, status="operating", opened_on=datetime.date(1998, 1, 1))
    RegionalOfficeFactory(region=asia, status="proposed")
    body = api_client.get("/api/v1/regional-offices/", {"region": "I"}).json()
    assert [row["region"] for row in body["results"]] == ["I"]
    assert api_client.get("/api/v1/regional-offices/", {"status": "proposed"}).json()["count"] == 1
    assert api_client.get("/api/v1/regional-offices/", {"opened_after": "2000-01-01"}).json()["count"] == 0
    response = api_client.get("/api/v1/regional-offices/", {"colour": "blue"})
    assert response.status_code == 400 and "colour" in response.json()
    assert api_client.get("/api/v1/regional-offices/", {"opened_after": "yesterday"}).status_code == 400


def test_coordinator_creates_an_office_in_their_region_only(api_client, coordinator_africa):
    api_client.force_authenticate(coordinator_africa)
    response = api_client.post(
        "/api/v1/regional-offices/", {"region": "I", "name": "RCU Africa", "status": "operating"}
    )
    assert response.status_code == 201, response.json()
    response = api_client.post("/api/v1/regional-offices/", {"region": "II", "name": "RCU Asia"})
    assert response.status_code == 403
    assert list(RegionalOffice.objects.values_list("name", flat=True)) == ["RCU Africa"]


def test_office_charter_upload_is_checked(api_client, secretariat_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(secretariat_user)
    fake = SimpleUploadedFile("charter.pdf", b"MZ\x90\x00 executable")
    response = api_client.post(
        "/api/v1/regional-offices/", {"region": "I", "name": "RCU", "charter": fake}, format="multipart"
    )
    assert response.status_code == 400 and "charter" in response.json()
    response = api_client.post(
        "/api/v1/regional-offices/",
        {"region": "I", "name": "RCU", "charter": regions_pdf()},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["charter_url"].startswith("/regions/documents/office-charter/")
    assert "charter" not in response.json()


def test_committee_lists_nested_members_and_adds_members(
    api_client, coordinator_africa, africa_committee, kenya
):
    CommitteeMembershipFactory(
        committee=africa_committee, country=kenya, start_date=datetime.date(2024, 1, 1)
    )
    body = api_client.get(f"/api/v1/regional-committees/{africa_committee.pk}/").json()
    assert body["members"][0]["country"] == "KEN"
    url = f"/api/v1/regional-committees/{africa_committee.pk}/members/"
    assert api_client.post(url, {"country": "SEN", "start_date": "2024-01-01"}).status_code == 401
    api_client.force_authenticate(coordinator_africa)
    response = api_client.post(url, {"country": "KEN", "start_date": "2025-01-01", "role": "chair"})
    assert response.status_code == 400 and "overlaps" in str(response.json())
    response = api_client.post(url, {"country": "SEN", "start_date": "2024-01-01", "role": "chair"})
    assert response.status_code == 201
    membership_id = response.json()["id"]
    response = api_client.patch(f"{url}{membership_id}/", {"end_date": "2023-01-01"})
    assert response.status_code == 400
    response = api_client.patch(f"{url}{membership_id}/", {"end_date": "2025-12-31"})
    assert response.status_code == 200 and response.json()["end_date"] == "2025-12-31"
    assert CommitteeMembership.objects.count() == 2


def test_committee_of_another_region_is_forbidden(api_client, coordinator_asia, africa_committee):
    api_client.force_authenticate(coordinator_asia)
    url = f"/api/v1/regional-committees/{africa_committee.pk}/"
    assert api_client.patch(url, {"name": "Renamed"}).status_code == 403
    response = api_client.post(f"{url}members/", {"country": "KEN", "start_date": "2024-01-01"})
    assert response.status_code == 403
    africa_committee.refresh_from_db()
    assert africa_committee.name != "Renamed" and not CommitteeMembership.objects.exists()


def test_draft_reports_are_hidden_from_the_public(api_client, coordinator_africa, africa_committee):
    CommitteeAnnualReportFactory(
        committee=africa_committee, year=2024, status="published", published_at="2025-03-01T00:00Z"
    )
    CommitteeAnnualReportFactory(committee=africa_committee, year=2025)
    assert [r["year"] for r in api_client.get("/api/v1/committee-reports/").json()["results"]] == [2024]
    api_client.force_authenticate(coordinator_africa)
    assert api_client.get("/api/v1/committee-reports/").json()["count"] == 2


def test_networks_filter_by_evaluation_date(api_client):
    NetworkFactory(last_evaluated_on=datetime.date(2023, 6, 30), evaluation_outcome="effective")
    NetworkFactory()
    assert (
        api_client.get("/api/v1/thematic-networks/", {"evaluated_after": "2023-01-01"}).json()["count"] == 1
    )
    assert (
        api_client.get("/api/v1/thematic-networks/", {"evaluation_outcome": "effective"}).json()["count"] == 1
    )


def test_focal_points_are_scoped(api_client, nfp_kenya, nfp_china, coordinator_africa, kenya, china):
    FocalPointFactory(country=kenya)
    FocalPointFactory(country=china)
    for user, expected in ((nfp_kenya, {"KEN"}), (nfp_china, {"CHN"}), (coordinator_africa, {"KEN"})):
        api_client.force_authenticate(user)
        rows = api_client.get("/api/v1/focal-points/").json()["results"]
        assert {row["country"] for row in rows} == expected


def test_second_active_nfp_is_refused_by_the_api(api_client, secretariat_user, kenya):
    FocalPointFactory(country=kenya, role="nfp")
    api_client.force_authenticate(secretariat_user)
    data = {
        "country": "KEN",
        "role": "nfp",
        "first_name": "A",
        "last_name": "B",
        "email": "a@b.org",
        "start_date": "2025-01-01",
    }
    response = api_client.post("/api/v1/focal-points/", data)
    assert response.status_code == 400
    assert FocalPoint.objects.count() == 1


def nomination_payload(**extra):
    return {
        "role": "stc",
        "first_name": "Wangari",
        "last_name": "M",
        "email": "wm@example.org",
        "nomination_letter": regions_pdf("letter.pdf"),
        "cv": regions_pdf("cv.pdf"),
        **extra,
    }


def test_nomination_workflow_through_the_api(api_client, nfp_kenya, secretariat_user):
    api_client.force_authenticate(nfp_kenya)
    response = api_client.post("/api/v1/nominations/", nomination_payload(), format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["country"] == "KEN" and body["status"] == "draft"
    assert body["cv_url"].startswith("/regions/documents/nomination-cv/")
    url = f"/api/v1/nominations/{body['id']}/"
    assert api_client.post(f"{url}accept/").status_code == 403
    assert api_client.post(f"{url}submit/").json()["status"] == "submitted"
    assert api_client.post(f"{url}submit/").status_code == 409
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"{url}accept/", {"start_date": "2025-02-01"})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert FocalPoint.objects.get(pk=response.json()["focal_point"]).start_date == datetime.date(2025, 2, 1)
    response = api_client.post(f"{url}reject/", {"reason": "Too late."})
    assert response.status_code == 409 and "accepted" in response.json()["detail"].lower()


def test_accepting_a_rejected_nomination_is_a_conflict(api_client, secretariat_user):
    nomination = NominationFactory(
        status="rejected",
        rejection_reason="No CV.",
        submitted_at="2025-01-01T00:00Z",
        decided_at="2025-01-02T00:00Z",
    )
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"/api/v1/nominations/{nomination.pk}/accept/")
    assert response.status_code == 409
    nomination.refresh_from_db()
    assert nomination.status == "rejected" and not FocalPoint.objects.exists()


def test_reject_needs_a_reason(api_client, secretariat_user):
    nomination = NominationFactory(status="submitted", submitted_at="2025-01-01T00:00Z")
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"/api/v1/nominations/{nomination.pk}/reject/", {"reason": " "})
    assert response.status_code == 400 and "reason" in response.json()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_stc_nomination_without_cv_or_with_a_bad_cv_is_refused(api_client, nfp_kenya):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(nfp_kenya)
    payload = nomination_payload()
    del payload["cv"]
    response = api_client.post("/api/v1/nominations/", payload, format="multipart")
    assert response.status_code == 400 and "cv" in response.json()
    bad = SimpleUploadedFile("cv.pdf", b"<html>not a pdf</html>")
    response = api_client.post("/api/v1/nominations/", nomination_payload(cv=bad), format="multipart")
    assert response.status_code == 400 and "not an accepted type" in str(response.json()["cv"])
    assert not Nomination.objects.exists()


def test_nfp_cannot_nominate_an_nfp_through_the_api(api_client, nfp_kenya):
    api_client.force_authenticate(nfp_kenya)
    response = api_client.post("/api/v1/nominations/", nomination_payload(role="nfp"), format="multipart")
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_nominations_filter_by_status_and_country(api_client, secretariat_user, china):
    NominationFactory()
    NominationFactory(country=china, status="submitted", submitted_at="2025-05-01T00:00Z")
    api_client.force_authenticate(secretariat_user)
    assert api_client.get("/api/v1/nominations/", {"status": "submitted"}).json()["count"] == 1
    assert api_client.get("/api/v1/nominations/", {"country": "CHN"}).json()["count"] == 1
    assert api_client.get("/api/v1/nominations/", {"region": "I"}).json()["count"] == 1
    assert api_client.get("/api/v1/nominations/", {"submitted_after": "2025-06-01"}).json()["count"] == 0
    assert api_client.get("/api/v1/nominations/", {"status": "lost"}).status_code == 400


def test_no_deletes(api_client, secretariat_user, africa_office):
    api_client.force_authenticate(secretariat_user)
    assert api_client.delete(f"/api/v1/regional-offices/{africa_office.pk}/").status_code == 405
    assert RegionalOffice.objects.filter(pk=africa_office.pk).exists()


def test_committees_filter_by_member_party_without_inflating_counts(
    api_client, client, africa_committee, kenya
):
    CommitteeMembershipFactory(
        committee=africa_committee, country=kenya, start_date=datetime.date(2024, 1, 1)
    )
    CommitteeMembershipFactory(
        committee=africa_committee,
        country=Country.objects.get(iso3="SEN"),
        start_date=datetime.date(2024, 1, 1),
    )
    body = api_client.get("/api/v1/regional-committees/", {"country": "KEN"}).json()
    assert [row["id"] for row in body["results"]] == [africa_committee.pk]
    assert api_client.get("/api/v1/regional-committees/", {"country": "CHN"}).json()["count"] == 0
    page = client.get("/regions/committees/", {"country": "KEN"}).content.decode()
    assert '<td class="num">2</td>' in page


def test_offices_and_mous_filter_by_host_country(api_client, secretariat_user, africa_office):
    host_iso3 = africa_office.host_institution.country.iso3
    assert api_client.get("/api/v1/regional-offices/", {"country": host_iso3}).json()["count"] == 1
    assert api_client.get("/api/v1/regional-offices/", {"country": "CHN"}).json()["count"] == 0
    assert api_client.get("/api/v1/regional-offices/", {"country": "XXX"}).status_code == 400
