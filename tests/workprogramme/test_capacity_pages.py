"""Capacity-building pages, forms and /api/v1/capacity-building/: who may do what, filters, query counts."""

import datetime

import pytest
from django.urls import reverse

from regions.models import Country, Region
from tests.conftest import count_queries
from tests.factories import CapacityBuildingActivityFactory, PartnershipFactory
from workprogramme.forms import CapacityBuildingActivityForm
from workprogramme.models import CapacityBuildingActivity, Language

pytestmark = pytest.mark.django_db

API = "/api/v1/capacity-building/"
OUTSIDERS = ["nfp_kenya", "coordinator_africa", "api_reader"]


def snapshot(activity: CapacityBuildingActivity) -> tuple:
    activity.refresh_from_db()
    return (
        activity.title,
        activity.participants_female,
        activity.format,
        tuple(activity.languages.values_list("code", flat=True)),
    )


def form_post(**changes) -> dict:
    data = {
        "kind": "webinar",
        "title": "Webinar on drought resilience",
        "start_date": "2026-04-02",
        "end_date": "2026-04-02",
        "format": "online",
        "languages": [
            str(pk) for pk in Language.objects.filter(code__in=["en", "zh"]).values_list("pk", flat=True)
        ],
        "participants_female": "20",
        "participants_male": "15",
        "participants_other": "0",
        "mandate_decision": "2/COP.14",
        "mandate_paragraph": "para 1(a)",
    }
    return {**data, **changes}


def api_payload(**changes) -> dict:
    data = {
        "kind": "media_training",
        "title": "Media training for Arabic-language journalists",
        "start_date": "2026-05-04",
        "end_date": "2026-05-05",
        "format": "hybrid",
        "languages": ["ar"],
        "countries": ["TUN", "MAR"],
        "regions": ["I"],
        "participants_female": 9,
        "participants_male": 11,
        "mandate_decision": "2/COP.14",
        "mandate_paragraph": "para 1(b)",
    }
    return {**data, **changes}


# --- public reading ---------------------------------------------------------------------------


def test_anonymous_visitors_read_the_list_detail_summary_and_api(client, api_client):
    activity = CapacityBuildingActivityFactory(
        title="Drought 101", participants_female=3, participants_male=1
    )
    page = client.get(reverse("workprogramme:capacity_list"))
    assert page.status_code == 200 and "Drought 101" in page.content.decode()
    assert "Record an activity" not in page.content.decode()
    detail = client.get(activity.get_absolute_url())
    assert detail.status_code == 200 and "75.0" in detail.content.decode()
    assert "Edit" not in detail.content.decode().split("<main", 1)[1].split("Change history")[0]
    assert client.get(reverse("workprogramme:capacity_summary")).status_code == 200
    listing = api_client.get(API).json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert (row["participants_total"], row["female_share"], row["languages"]) == (4, 75.0, ["en"])
    assert api_client.get(f"{API}{activity.pk}/").json()["mandate_decision"] == "2/COP.14"


def test_the_list_filters_like_the_api(client, api_client, kenya):
    first = CapacityBuildingActivityFactory(
        title="Arabic media training", kind="media_training", languages=["ar"]
    )
    first.countries.set([kenya])
    first.regions.set([Region.objects.get(code="I")])
    CapacityBuildingActivityFactory(title="Chinese webinar", languages=["zh"])
    for query, expected in [
        ("kind=media_training", ["Arabic media training"]),
        ("language=zh", ["Chinese webinar"]),
        ("country=ken", ["Arabic media training"]),
        ("region=I", ["Arabic media training"]),
        ("search=webinar", ["Chinese webinar"]),
        ("started_after=2027-01-01", []),
    ]:
        titles = [row["title"] for row in api_client.get(f"{API}?{query}").json()["results"]]
        assert titles == expected, query
        page = client.get(f"{reverse('workprogramme:capacity_list')}?{query}").content.decode()
        for title in ("Arabic media training", "Chinese webinar"):
            assert (title in page) == (title in expected), (query, title)


def test_unknown_or_malformed_filters_answer_400(api_client):
    assert api_client.get(f"{API}?colour=green").status_code == 400
    assert api_client.get(f"{API}?kind=picnic").status_code == 400
    assert api_client.get(f"{API}?started_after=yesterday").status_code == 400


# --- writing: the permission matrix ------------------------------------------------------------


def test_anonymous_cannot_open_forms_nor_write(client, api_client):
    activity = CapacityBuildingActivityFactory()
    before = snapshot(activity)
    response = client.get(reverse("workprogramme:capacity_create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("workprogramme:capacity_edit", args=[activity.pk]), form_post())
    assert response.status_code == 302
    assert api_client.post(API, api_payload(), format="json").status_code in (401, 403)
    assert api_client.patch(f"{API}{activity.pk}/", {"title": "X"}, format="json").status_code in (401, 403)
    assert snapshot(activity) == before and CapacityBuildingActivity.objects.count() == 1


@pytest.mark.parametrize("user_fixture", OUTSIDERS)
def test_other_roles_read_but_may_not_write(request, client, api_client, user_fixture):
    user = request.getfixturevalue(user_fixture)
    activity = CapacityBuildingActivityFactory()
    before = snapshot(activity)
    client.force_login(user)
    api_client.force_authenticate(user)
    assert client.get(activity.get_absolute_url()).status_code == 200
    assert client.get(reverse("workprogramme:capacity_create")).status_code == 403
    assert client.post(reverse("workprogramme:capacity_create"), form_post()).status_code == 403
    assert client.get(reverse("workprogramme:capacity_edit", args=[activity.pk])).status_code == 403
    assert (
        client.post(reverse("workprogramme:capacity_edit", args=[activity.pk]), form_post()).status_code
        == 403
    )
    assert api_client.get(API).status_code == 200
    assert api_client.post(API, api_payload(), format="json").status_code == 403
    assert api_client.patch(f"{API}{activity.pk}/", {"title": "X"}, format="json").status_code == 403
    assert api_client.put(f"{API}{activity.pk}/", api_payload(), format="json").status_code == 403
    assert snapshot(activity) == before and CapacityBuildingActivity.objects.count() == 1


def test_a_missing_activity_answers_404(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(reverse("workprogramme:capacity_edit", args=[999999])).status_code == 404
    assert client.get(reverse("workprogramme:capacity_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "gm_user"])
def test_staff_create_and_edit_through_the_forms(request, client, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert "Record an activity" in client.get(reverse("workprogramme:capacity_list")).content.decode()
    response = client.post(reverse("workprogramme:capacity_create"), form_post())
    activity = CapacityBuildingActivity.objects.get()
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.total_participants == 35
    assert sorted(activity.languages.values_list("code", flat=True)) == ["en", "zh"]
    response = client.post(
        reverse("workprogramme:capacity_edit", args=[activity.pk]), form_post(participants_male="25")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.participants_male == 25
    detail = client.get(activity.get_absolute_url()).content.decode()
    assert "Change history" in detail and "Male participants</strong>: 15 → 25" in detail


def test_the_form_shows_service_errors_next_to_fields_and_in_the_summary(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workprogramme:capacity_create"), form_post(mandate_decision="COP fourteen", languages=[])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    assert "This field is required." in page  # languages, from the form
    assert not CapacityBuildingActivity.objects.exists()
    response = client.post(
        reverse("workprogramme:capacity_create"), form_post(mandate_decision="COP fourteen")
    )
    assert "e.g. 2/COP.14" in response.content.decode()
    assert not CapacityBuildingActivity.objects.exists()


def test_form_refuses_an_end_before_the_start():
    form = CapacityBuildingActivityForm(form_post(end_date="2026-03-01"))
    assert not form.is_valid()
    assert "cannot end before it starts" in " ".join(form.errors["end_date"])
    assert CapacityBuildingActivityForm(form_post()).is_valid()


def test_form_fields_have_labels_and_bootstrap_classes():
    form = CapacityBuildingActivityForm()
    assert 'class="form-select"' in str(form["kind"])
    assert 'id="id_languages_0"' in str(form["languages"])
    assert form["languages"].id_for_label == "id_languages_0"  # the label and error link reach a box
    assert all(field.label for field in form)


# --- the API: creation and updates through the service -------------------------------------


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "gm_user"])
def test_staff_create_and_patch_through_the_api(request, api_client, user_fixture):
    api_client.force_authenticate(request.getfixturevalue(user_fixture))
    partner = PartnershipFactory(partner="Bloom")
    response = api_client.post(API, api_payload(partners=[partner.pk]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["participants_total"], body["partner_names"], sorted(body["countries"])) == (
        20,
        ["Bloom"],
        ["MAR", "TUN"],
    )
    activity = CapacityBuildingActivity.objects.get(pk=body["id"])
    assert activity.history.count() == 1
    response = api_client.patch(f"{API}{activity.pk}/", {"participants_other": 2}, format="json")
    assert response.status_code == 200 and response.json()["participants_total"] == 22
    activity.refresh_from_db()
    assert activity.participants_other == 2 and list(activity.languages.values_list("code", flat=True)) == [
        "ar"
    ]


def test_api_validation_errors_are_400_and_write_nothing(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(API, api_payload(end_date="2026-05-01"), format="json")
    assert response.status_code == 400 and "cannot end before it starts" in str(response.json())
    response = api_client.post(API, api_payload(languages=["xx"]), format="json")
    assert response.status_code == 400 and "languages" in response.json()
    response = api_client.post(API, api_payload(mandate_decision="two"), format="json")
    assert response.status_code == 400 and "2/COP.14" in str(response.json()["mandate_decision"])
    assert not CapacityBuildingActivity.objects.exists()


# --- query counts -------------------------------------------------------------------------------


def make_activities(count: int) -> None:
    partner = PartnershipFactory()
    countries = list(Country.objects.order_by("iso3")[:3])
    for index in range(count):
        activity = CapacityBuildingActivityFactory(
            start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
            languages=["en", "fr", "es"],
        )
        activity.partners.set([partner])
        activity.countries.set(countries)
        activity.regions.set(Region.objects.filter(code__in=["I", "II"]))


@pytest.mark.parametrize("target", ["page", "api"])
def test_list_queries_do_not_grow_with_rows(client, api_client, secretariat_user, target):
    client.force_login(secretariat_user)
    api_client.force_authenticate(secretariat_user)

    def fetch():
        if target == "page":
            assert client.get(reverse("workprogramme:capacity_list")).status_code == 200
        else:
            assert api_client.get(API).status_code == 200

    make_activities(2)
    few = count_queries(fetch)
    make_activities(8)
    assert count_queries(fetch) == few


def test_detail_and_summary_queries_are_constant(client):
    make_activities(2)
    first = CapacityBuildingActivity.objects.first()
    detail_few = count_queries(lambda: client.get(first.get_absolute_url()))
    summary_few = count_queries(lambda: client.get(reverse("workprogramme:capacity_summary")))
    make_activities(6)
    assert count_queries(lambda: client.get(first.get_absolute_url())) == detail_few
    assert count_queries(lambda: client.get(reverse("workprogramme:capacity_summary"))) == summary_few


def test_summary_page_for_one_biennium(client):
    from tests.factories import BienniumFactory

    BienniumFactory(start_year=2020)
    CapacityBuildingActivityFactory(title="Old", start_date=datetime.date(2020, 3, 1), participants_female=4)
    CapacityBuildingActivityFactory(title="New", participants_female=7, participants_male=3)
    everything = client.get(reverse("workprogramme:capacity_summary"))
    assert everything.context["summary"]["totals"]["total"] == 14
    one = client.get(reverse("workprogramme:capacity_summary") + "?biennium=2020-2021")
    assert one.context["summary"]["totals"]["total"] == 4
    assert client.get(reverse("workprogramme:capacity_summary") + "?biennium=1990-1991").status_code == 404


def test_partner_filter_takes_a_partnership(api_client, client):
    partner = PartnershipFactory(partner="Bloom")
    CapacityBuildingActivityFactory(title="With Bloom").partners.set([partner])
    CapacityBuildingActivityFactory(title="Without")
    assert [row["title"] for row in api_client.get(f"{API}?partner={partner.pk}").json()["results"]] == [
        "With Bloom"
    ]
    assert api_client.get(f"{API}?partner=999999").status_code == 400
    page = client.get(reverse("workprogramme:capacity_list") + f"?partner={partner.pk}").content.decode()
    assert "With Bloom" in page and "Without" not in page
