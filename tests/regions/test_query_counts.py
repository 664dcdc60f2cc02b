"""Every list page and list endpoint of the mechanism runs the same number of queries for few or many rows."""

import datetime

import pytest
from django.urls import reverse

from regions.models import Country, Region
from tests.conftest import count_queries
from tests.factories import (
    CommitteeAnnualReportFactory,
    CommitteeMeetingFactory,
    CommitteeMembershipFactory,
    FocalPointFactory,
    HostInstitutionFactory,
    MoUFactory,
    NetworkFactory,
    NominationFactory,
    PartnershipFactory,
    RegionalCommitteeFactory,
    RegionalOfficeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COMMITTEE_REGIONS = ["I", "II", "III", "V"]


def nth_country(index: int) -> Country:
    return Country.objects.order_by("iso3")[index]


def nth_committee(index: int):
    return RegionalCommitteeFactory(region=Region.objects.get(code=COMMITTEE_REGIONS[index % 4]))


def make_network(index: int):
    network = NetworkFactory(host_institution=HostInstitutionFactory())
    network.focal_points.add(FocalPointFactory(country=nth_country(index)))


def make_partnership(index: int):
    partnership = PartnershipFactory()
    partnership.regions.add(Region.objects.get(code="I"))
    partnership.countries.add(nth_country(index), nth_country(index + 1))


def make_committee(index: int):
    committee = nth_committee(index)
    region_countries = Country.objects.filter(region=committee.region).order_by("iso3")[:3]
    for country in region_countries:
        CommitteeMembershipFactory(committee=committee, country=country, start_date=datetime.date(2024, 1, 1))


def make_nomination(index: int):
    NominationFactory(
        country=nth_country(index),
        created_by=UserFactory(),
        submitted_by=UserFactory(),
        decided_by=UserFactory(),
        status="rejected",
        rejection_reason="No.",
        submitted_at="2025-01-01T00:00Z",
        decided_at="2025-01-02T00:00Z",
    )


# name -> (row builder, list page, list endpoint, rows for "few", rows for "many")
LISTS = {
    "host institutions": (
        lambda i: HostInstitutionFactory(country=nth_country(i)),
        "host_institution_list",
        "host-institutions",
        2,
        12,
    ),
    "offices": (
        lambda i: RegionalOfficeFactory(coordinator=UserFactory()),
        "office_list",
        "regional-offices",
        2,
        12,
    ),
    "mous": (lambda i: MoUFactory(host_country=nth_country(i)), "mou_list", "mous", 2, 12),
    "committees": (make_committee, "committee_list", "regional-committees", 1, 4),
    "meetings": (
        lambda i: CommitteeMeetingFactory(committee=nth_committee(i), country=nth_country(i)),
        "meeting_list",
        "committee-meetings",
        2,
        12,
    ),
    "reports": (
        lambda i: CommitteeAnnualReportFactory(
            committee=nth_committee(i), year=2000 + i, published_by=UserFactory()
        ),
        "report_list",
        "committee-reports",
        2,
        12,
    ),
    "networks": (make_network, "network_list", "thematic-networks", 2, 12),
    "focal points": (
        lambda i: FocalPointFactory(country=nth_country(i), user=UserFactory()),
        "focal_point_list",
        "focal-points",
        2,
        12,
    ),
    "nominations": (make_nomination, "nomination_list", "nominations", 2, 12),
    "partnerships": (make_partnership, "partnership_list", "partnerships", 2, 12),
}


def measure(get) -> int:
    get()  # warm per-process caches (content types, sessions) before counting
    return count_queries(get)


@pytest.mark.parametrize("name", LISTS)
def test_list_page_and_endpoint_do_not_grow_with_rows(client, api_client, secretariat_user, name):
    build, page_name, endpoint, few, many = LISTS[name]
    client.force_login(secretariat_user)
    api_client.force_authenticate(secretariat_user)
    page_url, api_url = reverse(f"regions:{page_name}"), f"/api/v1/{endpoint}/"
    for index in range(few):
        build(index)
    page_few = measure(lambda: client.get(page_url))
    api_few = measure(lambda: api_client.get(api_url))
    for index in range(few, many):
        build(index)
    assert api_client.get(api_url).json()["count"] == many
    assert client.get(page_url).status_code == 200
    assert measure(lambda: client.get(page_url)) == page_few
    assert measure(lambda: api_client.get(api_url)) == api_few
    assert api_few <= 12 and page_few <= 20


def test_public_lists_for_anonymous_visitors(client, api_client):
    for index in range(2):
        RegionalOfficeFactory()
        make_network(index)
    counts = {
        url: measure(lambda url=url: client.get(url))
        for url in (
            reverse("regions:office_list"),
            reverse("regions:network_list"),
            reverse("regions:mechanism"),
        )
    }
    for index in range(2, 10):
        RegionalOfficeFactory()
        make_network(index)
    for url, count in counts.items():
        assert measure(lambda url=url: client.get(url)) == count
