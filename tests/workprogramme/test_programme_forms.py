"""Web forms on targets (indicator and biennium pages) and output status (work programme page)."""

import pytest
from django.urls import reverse

from regions.models import Country, Region
from tests.conftest import count_queries
from tests.factories import (
    BienniumFactory,
    ExpectedAccomplishmentFactory,
    RegionalOfficeFactory,
    TargetFactory,
    WorkProgrammeFactory,
)
from workprogramme.models import Output, Target

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def target_data(**changes):
    data = {
        "indicator": sf_indicator("1.1").pk,
        "biennium": BienniumFactory(start_year=2026).pk,
        "level": "regional",
        "region": Region.objects.get(code="I").pk,
        "country": "",
        "value": "40",
        "note": "LDN targets",
    }
    return data | changes


def targets():
    return list(
        Target.objects.order_by("pk").values_list("level", "region_id", "country_id", "value", "note")
    )


def test_secretariat_sets_a_global_target_from_the_indicator_page(client, secretariat_user):
    client.force_login(secretariat_user)
    indicator = sf_indicator("5.2")
    page = client.get(reverse("workprogramme:indicator_detail", args=[indicator.pk])).content.decode()
    create_url = reverse("workprogramme:target_create")
    assert f"{create_url}?indicator={indicator.pk}" in page
    form_page = client.get(f"{create_url}?indicator={indicator.pk}&biennium=2026-2027")
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["indicator"] == indicator.pk
    response = client.post(
        create_url, target_data(indicator=indicator.pk, level="global", region="", value="24", note="")
    )
    assert response.status_code == 302
    assert response.url == reverse("workprogramme:indicator_detail", args=[indicator.pk])
    assert targets() == [("global", None, None, 24, "")]


def test_country_target_from_the_biennium_page_returns_there(client, gm_user):
    biennium = BienniumFactory(start_year=2026)
    client.force_login(gm_user)
    page = client.get(reverse("workprogramme:biennium_detail", args=[biennium.code])).content.decode()
    assert f"{reverse('workprogramme:target_create')}?biennium={biennium.code}" in page
    back = reverse("workprogramme:biennium_detail", args=[biennium.code])
    kenya = Country.objects.get(iso3="KEN")
    data = target_data(level="country", region="", country=kenya.pk, value="3", next=back)
    response = client.post(reverse("workprogramme:target_create"), data)
    assert response.status_code == 302 and response.url == back
    assert targets() == [("country", None, kenya.pk, 3, "LDN targets")]


def test_next_pointing_elsewhere_is_ignored(client, secretariat_user):
    client.force_login(secretariat_user)
    data = target_data(level="global", region="", next="https://evil.example/")
    response = client.post(reverse("workprogramme:target_create"), data)
    assert response.url == reverse("workprogramme:indicator_detail", args=[sf_indicator("1.1").pk])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"level": "global"}, "A global target has no region or country"),
        ({"level": "country"}, "A country target names a country"),
        ({"value": "-1"}, "cannot be negative"),
        ({"value": "abc"}, "Enter a number"),
        ({"indicator": "999999"}, "Select a valid choice"),
    ],
)
def test_invalid_target_form_shows_errors_and_saves_nothing(client, secretariat_user, changes, message):
    client.force_login(secretariat_user)
    response = client.post(reverse("workprogramme:target_create"), target_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert targets() == []


def test_percentage_target_over_100_is_refused(client, secretariat_user):
    share = sf_indicator("1.1")
    share.value_type = "percentage"
    share.save(update_fields=["value_type"])
    client.force_login(secretariat_user)
    response = client.post(reverse("workprogramme:target_create"), target_data(value="120"))
    assert response.status_code == 200
    assert "between 0 and 100" in response.content.decode()
    assert targets() == []


def test_edit_changes_value_but_not_scope(client, coordinator_africa):
    target = TargetFactory(level="regional", region=Region.objects.get(code="I"), value=10)
    client.force_login(coordinator_africa)
    url = reverse("workprogramme:target_edit", args=[target.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, target_data(level="global", region="", value="12", note="raised"))
    assert response.status_code == 302
    assert targets() == [("regional", target.region_id, None, 12, "raised")]


def test_indicator_page_shows_change_links_only_for_editable_targets(client, coordinator_africa):
    africa = TargetFactory(level="regional", region=Region.objects.get(code="I"))
    world = TargetFactory(level="global", biennium=africa.biennium)
    client.force_login(coordinator_africa)
    page = client.get(reverse("workprogramme:indicator_detail", args=[africa.indicator_id])).content.decode()
    assert reverse("workprogramme:target_edit", args=[africa.pk]) in page
    assert reverse("workprogramme:target_edit", args=[world.pk]) not in page


@pytest.mark.parametrize(
    ("who", "create", "edit"),
    [
        (None, 302, 302),
        ("nfp_kenya", 403, 403),
        ("stc_kenya", 403, 403),
        ("api_reader", 403, 403),
        ("coordinator_asia", 200, 403),
    ],
)
def test_target_permission_matrix_nothing_changes(request, client, who, create, edit):
    target = TargetFactory(level="regional", region=Region.objects.get(code="I"), value=10)
    before = targets()
    if who:
        client.force_login(request.getfixturevalue(who))
    create_url = reverse("workprogramme:target_create")
    edit_url = reverse("workprogramme:target_edit", args=[target.pk])
    assert client.get(create_url).status_code == create
    assert client.post(create_url, target_data(value="99")).status_code == create
    assert client.get(edit_url).status_code == edit
    assert client.post(edit_url, target_data(value="99")).status_code == edit
    assert targets() == before


def test_coordinator_of_another_region_sees_the_refusal_on_the_form(client, coordinator_asia):
    client.force_login(coordinator_asia)
    response = client.post(reverse("workprogramme:target_create"), target_data())
    assert "You may not set targets" in response.content.decode()
    assert targets() == []


def test_target_pages_hide_the_forms_from_non_editors(client, nfp_kenya):
    biennium = BienniumFactory(start_year=2026)
    client.force_login(nfp_kenya)
    indicator_page = client.get(reverse("workprogramme:indicator_detail", args=[sf_indicator("1.1").pk]))
    biennium_page = client.get(reverse("workprogramme:biennium_detail", args=[biennium.code]))
    assert reverse("workprogramme:target_create") not in indicator_page.content.decode()
    assert reverse("workprogramme:target_create") not in biennium_page.content.decode()


# --- output status -------------------------------------------------------------------------------


def africa_office_output():
    accomplishment = ExpectedAccomplishmentFactory()
    office = RegionalOfficeFactory(region=Region.objects.get(code="I"))
    return accomplishment.outputs.create(
        title="Sub-regional workshop", owner_kind="regional_office", owner_office=office
    )


def test_gm_updates_an_output_from_the_work_programme_page(client, gm_user):
    output = ExpectedAccomplishmentFactory().outputs.create(title="Fact sheet", owner_kind="gm")
    page_url = reverse(
        "workprogramme:work_programme_detail", args=[output.expected_accomplishment.work_programme_id]
    )
    client.force_login(gm_user)
    status_url = reverse("workprogramme:output_status", args=[output.pk])
    assert status_url in client.get(page_url).content.decode()
    response = client.post(status_url, {"status": "delayed"})
    assert response.status_code == 302 and response.url == f"{page_url}#output-{output.pk}"
    assert Output.objects.get(pk=output.pk).status == "delayed"
    assert "set to delayed" in client.get(page_url).content.decode()


def test_coordinator_updates_outputs_of_their_regions_bodies_only(client, coordinator_africa):
    own = africa_office_output()
    other = own.expected_accomplishment.outputs.create(title="GM brief", owner_kind="gm")
    client.force_login(coordinator_africa)
    page = client.get(
        reverse("workprogramme:work_programme_detail", args=[own.expected_accomplishment.work_programme_id])
    ).content.decode()
    assert reverse("workprogramme:output_status", args=[own.pk]) in page
    assert reverse("workprogramme:output_status", args=[other.pk]) not in page
    assert (
        client.post(reverse("workprogramme:output_status", args=[own.pk]), {"status": "done"}).status_code
        == 302
    )
    assert (
        client.post(reverse("workprogramme:output_status", args=[other.pk]), {"status": "done"}).status_code
        == 403
    )
    assert dict(Output.objects.values_list("title", "status")) == {
        "Sub-regional workshop": "done",
        "GM brief": "not_started",
    }


def test_unknown_output_status_changes_nothing(client, secretariat_user):
    output = ExpectedAccomplishmentFactory().outputs.create(title="Fact sheet", owner_kind="gm")
    client.force_login(secretariat_user)
    response = client.post(
        reverse("workprogramme:output_status", args=[output.pk]), {"status": "finished"}, follow=True
    )
    assert "Choose one of the listed statuses" in response.content.decode()
    assert Output.objects.get(pk=output.pk).status == "not_started"


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("nfp_kenya", 403), ("api_reader", 403), ("coordinator_asia", 403)],
)
def test_output_status_permission_matrix_nothing_changes(request, client, who, expected):
    output = africa_office_output()
    if who:
        client.force_login(request.getfixturevalue(who))
    url = reverse("workprogramme:output_status", args=[output.pk])
    assert client.post(url, {"status": "done"}).status_code == expected
    assert client.get(url).status_code in (302, 405)
    assert Output.objects.get(pk=output.pk).status == "not_started"
    page = client.get(
        reverse(
            "workprogramme:work_programme_detail", args=[output.expected_accomplishment.work_programme_id]
        )
    )
    assert url not in page.content.decode()


def test_unknown_output_answers_404(client, secretariat_user):
    client.force_login(secretariat_user)
    assert (
        client.post(reverse("workprogramme:output_status", args=[999999]), {"status": "done"}).status_code
        == 404
    )


def test_work_programme_page_for_an_editor_has_constant_query_count(client, secretariat_user):
    programme = WorkProgrammeFactory(biennium=BienniumFactory(start_year=2026))
    client.force_login(secretariat_user)
    url = reverse("workprogramme:work_programme_detail", args=[programme.pk])

    def add_output():
        accomplishment = ExpectedAccomplishmentFactory(work_programme=programme)
        accomplishment.outputs.create(title="Fact sheet", owner_kind="gm")

    add_output()
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(8):
        add_output()
    assert count_queries(lambda: client.get(url)) == few


def test_indicator_page_lists_the_cycles_asking_for_it(client, cycle):
    response = client.get(reverse("workprogramme:indicator_detail", args=[sf_indicator("5.2").pk]))
    assert response.status_code == 200
    assert reverse("workprogramme:cycle_detail", args=[cycle.code]) in response.content.decode()
