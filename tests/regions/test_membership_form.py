"""The membership form offers only the Parties the user may choose (the policy's scope), so a
coordinator never picks a Party the service would then refuse."""

import pytest
from django.urls import reverse

from regions.models import CommitteeMembership, Country
from tests.factories import RegionalCommitteeFactory

pytestmark = pytest.mark.django_db


def offered(response) -> set[str]:
    return {country.iso3 for country in response.context["form"].fields["country"].queryset}


def test_a_coordinator_is_offered_the_parties_of_their_region_only(client, coordinator_africa):
    committee = RegionalCommitteeFactory()
    client.force_login(coordinator_africa)
    response = client.get(reverse("regions:membership_create"), {"committee": committee.pk})
    assert response.status_code == 200
    africa = set(Country.objects.filter(region__code="I").values_list("iso3", flat=True))
    assert offered(response) == africa
    assert "KEN" in africa and "CHN" not in africa


def test_a_party_outside_the_region_is_not_a_choice_and_nothing_is_saved(client, coordinator_africa):
    committee = RegionalCommitteeFactory()
    client.force_login(coordinator_africa)
    response = client.post(
        reverse("regions:membership_create"),
        {"committee": committee.pk, "country": Country.objects.get(iso3="CHN").pk, "role": "member",
         "start_date": "2024-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CommitteeMembership.objects.exists()


def test_the_secretariat_is_offered_the_parties_of_every_committee(client, secretariat_user):
    RegionalCommitteeFactory()
    client.force_login(secretariat_user)
    response = client.get(reverse("regions:membership_create"))
    assert "KEN" in offered(response)
