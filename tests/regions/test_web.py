"""Web pages of the regional mechanism: lists, details, forms and the nomination workflow end to end."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.roles import Role, roles_of
from regions.models import CommitteeMembership, FocalPoint, Nomination, RegionalOffice
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
    RegionalOfficeFactory,
    regions_pdf,
)

pytestmark = pytest.mark.django_db


def test_navigation_leads_to_the_mechanism_overview(client, africa_office, africa_committee):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("regions:mechanism")}"' in home
    page = client.get(reverse("regions:mechanism")).content.decode()
    assert africa_office.name in page and africa_committee.name in page
    for name in ("office_list", "committee_list", "network_list", "report_list"):
        assert reverse(f"regions:{name}") in page
    assert reverse("regions:focal_point_list") not in page  # only for logged-in users


def test_overview_links_every_list_for_logged_in_users(client, nfp_kenya):
    client.force_login(nfp_kenya)
    page = client.get(reverse("regions:mechanism")).content.decode()
    for name in (
        "focal_point_list",
        "nomination_list",
        "partnership_list",
        "host_institution_list",
        "mou_list",
        "meeting_list",
        "nominate_stc",
    ):
        assert reverse(f"regions:{name}") in page


@pytest.mark.parametrize(
    "make, list_name, text",
    [
        (
            lambda: HostInstitutionFactory(name="African Development Bank"),
            "host_institution_list",
            "African Development Bank",
        ),
        (lambda: RegionalOfficeFactory(name="RCU Africa"), "office_list", "RCU Africa"),
        (lambda: MoUFactory(title="Hosting agreement"), "mou_list", "Hosting agreement"),
        (lambda: CommitteeMeetingFactory(title="Fifth session"), "meeting_list", "Fifth session"),
        (lambda: CommitteeAnnualReportFactory(year=2024), "report_list", "2024"),
        (lambda: NetworkFactory(code="AF-TPN7"), "network_list", "AF-TPN7"),
        (lambda: FocalPointFactory(last_name="Maathai"), "focal_point_list", "Maathai"),
        (lambda: NominationFactory(last_name="Candidate"), "nomination_list", "Candidate"),
        (
            lambda: PartnershipFactory(partner="DesertNet International"),
            "partnership_list",
            "DesertNet International",
        ),
    ],
)
def test_list_and_detail_pages_render_for_the_secretariat(client, secretariat_user, make, list_name, text):
    obj = make()
    client.force_login(secretariat_user)
    response = client.get(reverse(f"regions:{list_name}"))
    assert response.status_code == 200
    assert text in response.content.decode()
    detail = client.get(obj.get_absolute_url())
    assert detail.status_code == 200 and text in detail.content.decode()


def test_list_filters_and_search(client, africa, asia):
    RegionalOfficeFactory(region=africa, name="RCU Africa")
    RegionalOfficeFactory(region=asia, name="RCU Asia", status="proposed")
    page = client.get(reverse("regions:office_list"), {"region": "II"}).content.decode()
    assert "RCU Asia" in page and "RCU Africa" not in page
    page = client.get(reverse("regions:office_list"), {"search": "africa"}).content.decode()
    assert "RCU Africa" in page and "RCU Asia" not in page
    response = client.get(reverse("regions:office_list"), {"opened_after": "not a date"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()


def test_coordinator_creates_an_office_through_the_form(client, coordinator_africa, africa):
    client.force_login(coordinator_africa)
    form_page = client.get(reverse("regions:office_create")).content.decode()
    assert "Annex II" not in form_page  # a coordinator can only choose their own region
    response = client.post(
        reverse("regions:office_create"),
        {
            "region": africa.pk,
            "name": "RCU Africa",
            "reporting_line": "Deputy Executive Secretary",
            "status": "operating",
            "opened_on": "2000-01-01",
            "charter": regions_pdf("charter.pdf"),
        },
    )
    office = RegionalOffice.objects.get()
    assert response.status_code == 302 and response.url == office.get_absolute_url()
    assert office.charter
    detail = client.get(office.get_absolute_url()).content.decode()
    assert "Change history" in detail and coordinator_africa.username in detail


def test_coordinator_choosing_another_region_gets_a_form_error(client, coordinator_africa, asia):
    client.force_login(coordinator_africa)
    response = client.post(
        reverse("regions:office_create"),
        {"region": asia.pk, "name": "RCU Asia", "status": "operating", "reporting_line": "x"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RegionalOffice.objects.exists()


def test_office_edit_history_shows_what_changed(client, secretariat_user, africa):
    client.force_login(secretariat_user)
    client.post(
        reverse("regions:office_create"),
        {
            "region": africa.pk,
            "name": "RCU",
            "status": "proposed",
            "reporting_line": "Deputy Executive Secretary",
        },
    )
    office = RegionalOffice.objects.get()
    client.post(
        reverse("regions:office_edit", args=[office.pk]),
        {
            "region": africa.pk,
            "name": "RCU",
            "status": "operating",
            "city": "Abidjan",
            "reporting_line": "Deputy Executive Secretary",
        },
    )
    page = client.get(office.get_absolute_url()).content.decode()
    assert "Changed" in page and "Proposed → Operating" in page and "Abidjan" in page


def test_office_page_warns_about_the_mou(client, africa_office):
    today = timezone.localdate()
    MoUFactory(office=africa_office, valid_to=today + datetime.timedelta(days=30))
    page = client.get(africa_office.get_absolute_url()).content.decode()
    assert 'data-mou-warning="expiring"' in page and "in 30 days" in page
    MoUFactory(
        office=africa_office,
        valid_from=today - datetime.timedelta(days=10),
        valid_to=today - datetime.timedelta(days=1),
    )
    page = client.get(africa_office.get_absolute_url()).content.decode()
    assert 'data-mou-warning="expired"' in page


def test_office_page_is_quiet_with_a_valid_mou(client, africa_office):
    MoUFactory(office=africa_office)
    page = client.get(africa_office.get_absolute_url()).content.decode()
    assert "data-mou-warning" not in page


def test_membership_overlap_is_a_form_error(client, coordinator_africa, africa_committee, kenya):
    CommitteeMembershipFactory(
        committee=africa_committee, country=kenya, start_date=datetime.date(2024, 1, 1)
    )
    client.force_login(coordinator_africa)
    response = client.post(
        reverse("regions:membership_create"),
        {
            "committee": africa_committee.pk,
            "country": kenya.pk,
            "role": "chair",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
    )
    assert response.status_code == 200
    assert "overlaps this term" in response.content.decode()
    assert CommitteeMembership.objects.count() == 1


def test_committee_page_lists_members_and_membership_history(
    client, coordinator_africa, africa_committee, kenya
):
    client.force_login(coordinator_africa)
    client.post(
        reverse("regions:membership_create"),
        {"committee": africa_committee.pk, "country": kenya.pk, "role": "member", "start_date": "2024-01-01"},
    )
    membership = CommitteeMembership.objects.get()
    page = client.get(africa_committee.get_absolute_url()).content.decode()
    assert "Kenya" in page and membership.get_absolute_url() in page
    assert "Change history" in client.get(membership.get_absolute_url()).content.decode()


def test_country_page_shows_focal_points_office_and_committee(
    client, nfp_kenya, kenya, africa_office, africa_committee
):
    FocalPointFactory(country=kenya, role="nfp", last_name="Kenyan NFP")
    anonymous = client.get(reverse("regions:country_detail", args=["KEN"])).content.decode()
    assert africa_office.name in anonymous and africa_committee.name in anonymous
    assert "Kenyan NFP" not in anonymous
    client.force_login(nfp_kenya)
    page = client.get(reverse("regions:country_detail", args=["KEN"])).content.decode()
    assert "Kenyan NFP" in page


def test_the_stc_nomination_workflow_through_the_web_forms(client, nfp_kenya, secretariat_user, kenya):
    client.force_login(nfp_kenya)
    assert client.get(reverse("regions:nominate_stc")).status_code == 200
    response = client.post(
        reverse("regions:nominate_stc"),
        {
            "first_name": "Wangari",
            "last_name": "Scientist",
            "email": "wangari@example.org",
            "organisation": "KEFRI",
            "nomination_letter": regions_pdf("letter.pdf"),
            "cv": regions_pdf("cv.pdf"),
            "action": "submit",
        },
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response.url == nomination.get_absolute_url()
    assert nomination.status == "submitted" and nomination.country == kenya and nomination.role == "stc"
    assert nomination.submitted_by == nfp_kenya
    cv = client.get(reverse("regions:document", args=["nomination-cv", nomination.pk]))
    assert cv.status_code == 200 and b"".join(cv.streaming_content).startswith(b"%PDF")

    client.force_login(secretariat_user)
    page = client.get(nomination.get_absolute_url()).content.decode()
    assert reverse("regions:nomination_accept", args=[nomination.pk]) in page
    response = client.post(
        reverse("regions:nomination_accept", args=[nomination.pk]), {"start_date": "2025-03-01"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "accepted" and nomination.decided_by == secretariat_user
    account = User.objects.get(email="wangari@example.org")
    assert Role.STC in roles_of(account) and account.country == kenya
    assert FocalPoint.objects.get(user=account).start_date == datetime.date(2025, 3, 1)
    page = client.get(nomination.get_absolute_url()).content.decode()
    assert "Change history" in page and 'data-status="accepted"' in page

    response = client.post(
        reverse("regions:nomination_reject", args=[nomination.pk]), {"reason": "Late."}, follow=True
    )
    assert "Only a submitted nomination can be rejected" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "accepted"


def test_nfp_saves_a_draft_then_submits_it(client, nfp_kenya):
    client.force_login(nfp_kenya)
    client.post(
        reverse("regions:nominate_stc"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "ab@example.org",
            "nomination_letter": regions_pdf(),
            "cv": regions_pdf("cv.pdf"),
            "action": "draft",
        },
    )
    nomination = Nomination.objects.get()
    assert nomination.status == "draft"
    response = client.post(
        reverse("regions:nomination_edit", args=[nomination.pk]),
        {"first_name": "Anna", "last_name": "B", "email": "ab@example.org"},
    )
    assert response.status_code == 302
    client.post(reverse("regions:nomination_submit", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.first_name == "Anna" and nomination.status == "submitted"


def test_secretariat_rejects_with_a_reason(client, secretariat_user):
    nomination = NominationFactory(status="submitted", submitted_at="2025-01-01T00:00Z")
    client.force_login(secretariat_user)
    response = client.post(
        reverse("regions:nomination_reject", args=[nomination.pk]), {"reason": ""}, follow=True
    )
    assert "Give the reason" in response.content.decode()
    client.post(reverse("regions:nomination_reject", args=[nomination.pk]), {"reason": "No letter signed."})
    nomination.refresh_from_db()
    assert nomination.status == "rejected" and nomination.rejection_reason == "No letter signed."


@pytest.mark.parametrize(
    "cv, message",
    [
        (SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 renamed executable"), "not an accepted type"),
        (SimpleUploadedFile("cv.docx", b"%PDF-1.4 a pdf called docx"), "but its content is PDF"),
        (SimpleUploadedFile("cv.png", b"\x89PNG\r\n\x1a\n\x00\x00"), "not an accepted type"),
        (None, "This field is required."),
    ],
)
def test_bad_cv_uploads_are_refused_on_the_form(client, nfp_kenya, cv, message):
    client.force_login(nfp_kenya)
    data = {
        "first_name": "A",
        "last_name": "B",
        "email": "ab@example.org",
        "nomination_letter": regions_pdf(),
        "action": "submit",
    }
    if cv is not None:
        data["cv"] = cv
    response = client.post(reverse("regions:nominate_stc"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Nomination.objects.exists()


def test_too_large_cv_is_refused_on_the_form(client, nfp_kenya, settings):
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("regions:nominate_stc"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "ab@example.org",
            "nomination_letter": regions_pdf(),
            "cv": regions_pdf("cv.pdf", size=10 * 1024 * 1024 + 10),
            "action": "submit",
        },
    )
    assert "the limit is 10 MB" in response.content.decode()
    assert not Nomination.objects.exists()


def test_stored_file_names_are_generated(client, nfp_kenya):
    client.force_login(nfp_kenya)
    client.post(
        reverse("regions:nominate_stc"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "ab@example.org",
            "nomination_letter": regions_pdf("../../etc/letter.pdf"),
            "cv": regions_pdf("my cv.pdf"),
            "action": "submit",
        },
    )
    nomination = Nomination.objects.get()
    assert nomination.cv.name.startswith("regions/cvs/") and "my cv" not in nomination.cv.name
    assert ".." not in nomination.nomination_letter.name


def test_focal_point_form_refuses_a_second_active_nfp(client, secretariat_user, kenya):
    FocalPointFactory(country=kenya, role="nfp")
    client.force_login(secretariat_user)
    response = client.post(
        reverse("regions:focal_point_create"),
        {
            "country": kenya.pk,
            "role": "nfp",
            "first_name": "A",
            "last_name": "B",
            "email": "a@b.org",
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "already has an active national focal point" in response.content.decode()
    assert FocalPoint.objects.count() == 1


def test_history_names_related_records(client, secretariat_user, kenya):
    from regions import services

    focal_point = FocalPointFactory(country=kenya)
    services.focal_point_update(
        user=secretariat_user, focal_point=focal_point, data={"user": secretariat_user}
    )
    client.force_login(secretariat_user)
    page = client.get(focal_point.get_absolute_url()).content.decode()
    assert f"– → {secretariat_user}" in page


def test_edit_forms_do_not_link_stored_files(client, nfp_kenya, kenya_stc_draft):
    client.force_login(nfp_kenya)
    page = client.get(reverse("regions:nomination_edit", args=[kenya_stc_draft.pk])).content.decode()
    assert "A file is attached" in page
    assert "/media/" not in page and kenya_stc_draft.cv.name not in page


def test_the_nfp_nomination_workflow_through_the_web_forms(client, secretariat_user, nfp_kenya, kenya):
    previous = FocalPointFactory(
        country=kenya, role="nfp", user=nfp_kenya, start_date=datetime.date(2020, 1, 1)
    )
    client.force_login(secretariat_user)
    response = client.post(
        reverse("regions:nomination_create"),
        {
            "country": kenya.pk,
            "role": "nfp",
            "first_name": "Achieng",
            "last_name": "Odhiambo",
            "email": "achieng@example.org",
            "nomination_letter": regions_pdf("letter.pdf"),
        },
    )
    nomination = Nomination.objects.get()
    assert (
        response.status_code == 302
        and nomination.status == "draft"
        and nomination.created_by == secretariat_user
    )
    client.post(reverse("regions:nomination_submit", args=[nomination.pk]))
    client.post(reverse("regions:nomination_accept", args=[nomination.pk]), {"start_date": "2026-01-01"})
    nomination.refresh_from_db()
    previous.refresh_from_db()
    assert nomination.status == "accepted"
    assert previous.end_date == datetime.date(2025, 12, 31)
    successor = User.objects.get(email="achieng@example.org")
    assert Role.NATIONAL_FOCAL_POINT in roles_of(successor) and successor.country == kenya
    assert Role.NATIONAL_FOCAL_POINT not in roles_of(User.objects.get(pk=nfp_kenya.pk))
    page = client.get(reverse("regions:country_detail", args=["KEN"])).content.decode()
    assert "Achieng Odhiambo" in page and "2025-12-31" in page
