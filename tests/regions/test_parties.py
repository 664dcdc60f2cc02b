"""Staff maintain a Party's annex, subregion, group and flags; everyone else only reads."""

import pytest
from django.urls import reverse

from regions.models import Country, Subregion

pytestmark = pytest.mark.django_db


def party_form(country, **changes):
    data = {
        "name_en": country.name_en,
        "name_zh_hans": country.name_zh_hans,
        "region": country.region_id or "",
        "subregion": country.subregion_id or "",
        "un_group": country.un_group,
        "is_affected": "on" if country.is_affected else "",
        "is_ldc": "on" if country.is_ldc else "",
        "is_sids": "on" if country.is_sids else "",
        "is_developed": "on" if country.is_developed else "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_secretariat_records_an_ldc_graduation(client, secretariat_user):
    bangladesh = Country.objects.get(iso3="BGD")
    assert bangladesh.is_ldc
    client.force_login(secretariat_user)
    page = client.get(bangladesh.get_absolute_url()).content.decode()
    assert reverse("regions:country_edit", args=["BGD"]) in page
    response = client.post(reverse("regions:country_edit", args=["bgd"]), party_form(bangladesh, is_ldc=""))
    assert response.status_code == 302 and response.url == bangladesh.get_absolute_url()
    bangladesh.refresh_from_db()
    assert not bangladesh.is_ldc


def test_bad_party_changes_are_refused_on_the_form(client, secretariat_user, kenya):
    client.force_login(secretariat_user)
    asian_subregion = Subregion.objects.filter(region__code="II").first()
    response = client.post(
        reverse("regions:country_edit", args=["KEN"]), party_form(kenya, subregion=asian_subregion.pk)
    )
    assert "is not a subregion of" in response.content.decode()
    response = client.post(
        reverse("regions:country_edit", args=["KEN"]), party_form(kenya, region="", subregion="")
    )
    assert "An affected Party belongs to a regional implementation annex." in response.content.decode()
    kenya.refresh_from_db()
    assert kenya.region.code == "I" and kenya.subregion.region.code == "I"


@pytest.mark.parametrize("who", ["nfp_kenya", "coordinator_africa", "api_reader"])
def test_others_cannot_edit_parties(client, api_client, request, kenya, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    api_client.force_authenticate(user)
    assert client.get(reverse("regions:country_edit", args=["KEN"])).status_code == 403
    assert (
        client.post(reverse("regions:country_edit", args=["KEN"]), party_form(kenya, is_ldc="")).status_code
        == 403
    )
    assert api_client.patch("/api/v1/countries/KEN/", {"ldc": False}).status_code == 403
    assert Country.objects.get(iso3="KEN").is_ldc == kenya.is_ldc
    assert (
        reverse("regions:country_edit", args=["KEN"])
        not in client.get(kenya.get_absolute_url()).content.decode()
    )


def test_api_party_update(api_client, secretariat_user):
    assert api_client.patch("/api/v1/countries/KEN/", {"ldc": True}).status_code == 401
    api_client.force_authenticate(secretariat_user)
    response = api_client.patch("/api/v1/countries/KEN/", {"ldc": True})
    assert response.status_code == 200 and response.json()["ldc"] is True
    response = api_client.patch("/api/v1/countries/KEN/", {"region": None})
    assert response.status_code == 400
    response = api_client.patch("/api/v1/countries/KEN/", {"iso3": "XXX"})
    assert response.status_code == 200 and response.json()["iso3"] == "KEN"
    assert api_client.delete("/api/v1/countries/KEN/").status_code == 405
    kenya = Country.objects.get(iso3="KEN")
    assert kenya.is_ldc and kenya.region.code == "I"
