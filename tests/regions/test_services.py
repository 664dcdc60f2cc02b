"""The services of the regional mechanism: permissions, validation and the nomination workflow."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from core.errors import InvalidTransition
from core.roles import Role, roles_of
from regions import services
from regions.models import CommitteeMembership, FocalPoint, Nomination, RegionalOffice
from tests.factories import (
    CommitteeMembershipFactory,
    FocalPointFactory,
    HostInstitutionFactory,
    NominationFactory,
    UserFactory,
    regions_pdf,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def office_data(region, **extra):
    return {
        "region": region,
        "name": "Regional Coordination Unit",
        "city": "Abidjan",
        "status": "operating",
        **extra,
    }


# Offices, committees, networks: staff everywhere, coordinators in their region
def test_coordinator_creates_and_edits_an_office_of_their_region(coordinator_africa, africa):
    office = services.regional_office_create(user=coordinator_africa, data=office_data(africa))
    services.regional_office_update(user=coordinator_africa, office=office, data={"city": "Tunis"})
    office.refresh_from_db()
    assert office.city == "Tunis"
    assert office.history.count() == 2
    assert office.history.first().history_user == coordinator_africa


def test_coordinator_cannot_touch_another_region(coordinator_asia, africa, africa_office):
    with pytest.raises(PermissionDenied):
        services.regional_office_create(user=coordinator_asia, data=office_data(africa))
    with pytest.raises(PermissionDenied):
        services.regional_office_update(user=coordinator_asia, office=africa_office, data={"city": "Bangkok"})
    africa_office.refresh_from_db()
    assert africa_office.city == "Abidjan"
    assert RegionalOffice.objects.count() == 1


def test_coordinator_cannot_move_an_office_to_another_region(coordinator_africa, africa_office, asia):
    with pytest.raises(PermissionDenied):
        services.regional_office_update(user=coordinator_africa, office=africa_office, data={"region": asia})
    assert RegionalOffice.objects.get().region.code == "I"


def test_office_charter_is_checked_by_content(secretariat_user, africa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("charter.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as error:
        services.regional_office_create(user=secretariat_user, data=office_data(africa, charter=fake))
    assert "charter" in error.value.message_dict
    office = services.regional_office_create(
        user=secretariat_user, data=office_data(africa, charter=regions_pdf("Charter of the office.pdf"))
    )
    assert office.charter.name.startswith("regions/charters/") and "Charter" not in office.charter.name


def test_staff_only_services_refuse_others(coordinator_africa, nfp_kenya, kenya):
    for user in (coordinator_africa, nfp_kenya):
        with pytest.raises(PermissionDenied):
            services.host_institution_create(user=user, data={"name": "X", "kind": "ngo", "country": kenya})
        with pytest.raises(PermissionDenied):
            services.partnership_create(user=user, data={"partner": "X", "kind": "formal", "scope": "media"})


def test_mou_and_partnership_by_staff(secretariat_user, africa_office, africa, kenya):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.mou_create(
            user=secretariat_user,
            data={
                "title": "MoU",
                "office": africa_office,
                "host_institution": africa_office.host_institution,
                "valid_from": D(2024, 1, 1),
                "valid_to": D(2023, 1, 1),
                "status": "draft",
            },
        )
    partnership = services.partnership_create(
        user=secretariat_user,
        data={
            "partner": "CARICOM",
            "kind": "formal",
            "scope": "capacity_building",
            "regions": [africa],
            "countries": [kenya],
        },
    )
    assert list(partnership.regions.all()) == [africa] and list(partnership.countries.all()) == [kenya]
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.partnership_update(
            user=secretariat_user,
            partnership=partnership,
            data={"start_date": D(2024, 1, 1), "end_date": D(2020, 1, 1)},
        )


def test_network_by_coordinator(coordinator_africa, coordinator_asia, africa):
    network = services.network_create(
        user=coordinator_africa, data={"region": africa, "code": "AF-TPN9", "theme": "Drought early warning"}
    )
    with pytest.raises(PermissionDenied):
        services.network_update(user=coordinator_asia, network=network, data={"theme": "Other"})
    host = HostInstitutionFactory()
    services.network_update(user=coordinator_africa, network=network, data={"host_institution": host})
    network.refresh_from_db()
    assert network.host_institution == host and network.theme == "Drought early warning"


# Committee memberships, meetings, reports
def test_memberships_refuse_overlapping_terms(coordinator_africa, africa_committee, kenya):
    data = {"committee": africa_committee, "country": kenya, "role": "member"}
    services.committee_membership_create(
        user=coordinator_africa, data={**data, "start_date": D(2020, 1, 1), "end_date": D(2023, 12, 31)}
    )
    with pytest.raises(ValidationError, match="overlaps this term"):
        services.committee_membership_create(
            user=coordinator_africa, data={**data, "start_date": D(2023, 6, 1)}
        )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.committee_membership_create(
            user=coordinator_africa, data={**data, "start_date": D(2026, 1, 1), "end_date": D(2025, 1, 1)}
        )
    services.committee_membership_create(user=coordinator_africa, data={**data, "start_date": D(2024, 1, 1)})
    assert CommitteeMembership.objects.count() == 2


def test_membership_update_cannot_create_an_overlap(secretariat_user, africa_committee, kenya):
    first = CommitteeMembershipFactory(
        committee=africa_committee, start_date=D(2020, 1, 1), end_date=D(2021, 12, 31)
    )
    CommitteeMembershipFactory(committee=africa_committee, start_date=D(2022, 1, 1))
    with pytest.raises(ValidationError, match="overlaps"):
        services.committee_membership_update(
            user=secretariat_user, membership=first, data={"end_date": D(2022, 6, 1)}
        )
    first.refresh_from_db()
    assert first.end_date == D(2021, 12, 31)


def test_member_must_be_a_party_of_the_region(secretariat_user, africa_committee, china):
    with pytest.raises(ValidationError, match="is not a Party of"):
        services.committee_membership_create(
            user=secretariat_user,
            data={"committee": africa_committee, "country": china, "start_date": D(2024, 1, 1)},
        )


def test_meeting_and_report_services(coordinator_africa, coordinator_asia, africa_committee):
    meeting = services.committee_meeting_create(
        user=coordinator_africa,
        data={"committee": africa_committee, "title": "Session", "date": D(2025, 5, 1), "place": "Nairobi"},
    )
    with pytest.raises(PermissionDenied):
        services.committee_meeting_update(user=coordinator_asia, meeting=meeting, data={"place": "Bangkok"})
    report = services.committee_report_create(
        user=coordinator_africa, data={"committee": africa_committee, "year": 2025, "text": "Done."}
    )
    assert report.status == "draft" and report.published_at is None
    report = services.committee_report_update(
        user=coordinator_africa, report=report, data={"status": "published"}
    )
    assert report.published_at is not None and report.published_by == coordinator_africa
    with pytest.raises(ValidationError, match="already has a report for that year"):
        services.committee_report_create(
            user=coordinator_africa, data={"committee": africa_committee, "year": 2025}
        )


def test_an_empty_report_cannot_be_published(secretariat_user, africa_committee):
    with pytest.raises(ValidationError, match="needs its text or a file"):
        services.committee_report_create(
            user=secretariat_user, data={"committee": africa_committee, "year": 2024, "status": "published"}
        )


# Focal points
def nfp_data(country, **extra):
    return {
        "country": country,
        "role": "nfp",
        "first_name": "A",
        "last_name": "B",
        "email": "a@example.org",
        "start_date": D(2020, 1, 1),
        **extra,
    }


def test_focal_points_refuse_overlapping_nfp_terms(secretariat_user, kenya):
    services.focal_point_create(user=secretariat_user, data=nfp_data(kenya, end_date=D(2022, 12, 31)))
    with pytest.raises(ValidationError, match="overlaps that of"):
        services.focal_point_create(user=secretariat_user, data=nfp_data(kenya, start_date=D(2022, 1, 1)))
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.focal_point_create(
            user=secretariat_user, data=nfp_data(kenya, start_date=D(2024, 1, 1), end_date=D(2023, 1, 1))
        )
    services.focal_point_create(user=secretariat_user, data=nfp_data(kenya, start_date=D(2023, 1, 1)))
    with pytest.raises(ValidationError):
        services.focal_point_create(user=secretariat_user, data=nfp_data(kenya, start_date=D(2030, 1, 1)))
    assert FocalPoint.objects.filter(country=kenya).count() == 2


def test_only_staff_manage_focal_points(nfp_kenya, coordinator_africa, kenya):
    for user in (nfp_kenya, coordinator_africa):
        with pytest.raises(PermissionDenied):
            services.focal_point_create(user=user, data=nfp_data(kenya))
    assert not FocalPoint.objects.exists()


# Nominations
def stc_data(**extra):
    return {
        "role": "stc",
        "first_name": "Wangari",
        "last_name": "Scientist",
        "email": "w.scientist@example.org",
        "nomination_letter": regions_pdf("letter.pdf"),
        "cv": regions_pdf("cv.pdf"),
        **extra,
    }


def test_nfp_nominates_their_stc_and_submits(nfp_kenya, kenya):
    nomination = services.nomination_create(user=nfp_kenya, data=stc_data(), submit=True)
    assert nomination.country == kenya
    assert nomination.status == "submitted"
    assert nomination.created_by == nfp_kenya and nomination.submitted_by == nfp_kenya
    assert nomination.submitted_at is not None
    assert nomination.cv.name.startswith("regions/cvs/")


def test_nfp_cannot_nominate_an_nfp_or_for_another_country(nfp_kenya, china):
    with pytest.raises(PermissionDenied):
        services.nomination_create(user=nfp_kenya, data=stc_data(role="nfp"))
    with pytest.raises(PermissionDenied):
        services.nomination_create(user=nfp_kenya, data=stc_data(country=china))
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("fixture_name", ["stc_kenya", "coordinator_africa", "api_reader"])
def test_others_cannot_nominate(request, fixture_name, kenya):
    with pytest.raises(PermissionDenied):
        services.nomination_create(user=request.getfixturevalue(fixture_name), data=stc_data(country=kenya))


def test_stc_nomination_needs_a_cv_and_nfp_a_letter(nfp_kenya, secretariat_user, kenya):
    with pytest.raises(ValidationError) as error:
        services.nomination_create(user=nfp_kenya, data=stc_data(cv=None))
    assert "cv" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.nomination_create(
            user=secretariat_user, data=stc_data(role="nfp", country=kenya, nomination_letter=None, cv=None)
        )
    assert "nomination_letter" in error.value.message_dict
    assert not Nomination.objects.exists()


def test_cv_type_and_size_are_checked(nfp_kenya):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad_files = [
        SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 an executable renamed"),
        SimpleUploadedFile("cv.txt", b"plain text is not accepted"),
        SimpleUploadedFile("cv.docx", b"%PDF-1.4 a pdf named docx"),
        regions_pdf("cv.pdf", size=10 * 1024 * 1024 + 1),
    ]
    for bad in bad_files:
        with pytest.raises(ValidationError) as error:
            services.nomination_create(user=nfp_kenya, data=stc_data(cv=bad))
        assert "cv" in error.value.message_dict
    assert not Nomination.objects.exists()


def test_accepting_an_nfp_nomination_hands_over_the_role(secretariat_user, nfp_kenya, kenya):
    previous = FocalPointFactory(country=kenya, role="nfp", user=nfp_kenya, start_date=D(2020, 1, 1))
    nomination = services.nomination_create(
        user=secretariat_user,
        data={**stc_data(role="nfp", email="New.NFP@Example.org", cv=None), "country": kenya},
        submit=True,
    )
    nomination = services.nomination_accept(
        user=secretariat_user, nomination=nomination, start_date=D(2025, 7, 1)
    )
    assert nomination.status == "accepted" and nomination.decided_by == secretariat_user
    previous.refresh_from_db()
    assert previous.end_date == D(2025, 6, 30)
    new = nomination.focal_point
    assert new.role == "nfp" and new.end_date is None and new.start_date == D(2025, 7, 1)
    account = User.objects.get(email__iexact="new.nfp@example.org")
    assert account.username == "new.nfp@example.org" and not account.has_usable_password()
    assert new.user == account and account.country == kenya
    assert Role.NATIONAL_FOCAL_POINT in roles_of(account)
    nfp_kenya = User.objects.get(pk=nfp_kenya.pk)
    assert Role.NATIONAL_FOCAL_POINT not in roles_of(nfp_kenya)
    assert previous.history.first().history_user == secretariat_user


def test_accepting_an_stc_nomination_uses_an_existing_account(secretariat_user, kenya_stc_draft, kenya):
    existing = UserFactory(email=kenya_stc_draft.email.upper())
    services.nomination_submit(user=secretariat_user, nomination=kenya_stc_draft)
    nomination = services.nomination_accept(user=secretariat_user, nomination=kenya_stc_draft)
    assert nomination.focal_point.user == existing
    existing = User.objects.get(pk=existing.pk)
    assert Role.STC in roles_of(existing) and existing.country == kenya


def test_nominee_account_of_another_country_is_refused(secretariat_user, kenya_stc_draft, nfp_china):
    kenya_stc_draft.email = nfp_china.email
    kenya_stc_draft.save()
    services.nomination_submit(user=secretariat_user, nomination=kenya_stc_draft)
    with pytest.raises(ValidationError, match="another country"):
        services.nomination_accept(user=secretariat_user, nomination=kenya_stc_draft)
    kenya_stc_draft.refresh_from_db()
    assert kenya_stc_draft.status == "submitted"
    assert not FocalPoint.objects.exists()


def test_illegal_transitions(secretariat_user, nfp_kenya, kenya_stc_draft):
    with pytest.raises(InvalidTransition):
        services.nomination_accept(user=secretariat_user, nomination=kenya_stc_draft)
    services.nomination_submit(user=nfp_kenya, nomination=kenya_stc_draft)
    with pytest.raises(InvalidTransition):
        services.nomination_submit(user=nfp_kenya, nomination=kenya_stc_draft)
    with pytest.raises(InvalidTransition):
        services.nomination_update(user=nfp_kenya, nomination=kenya_stc_draft, data={"first_name": "X"})
    with pytest.raises(ValidationError, match="reason"):
        services.nomination_reject(user=secretariat_user, nomination=kenya_stc_draft, reason="  ")
    services.nomination_reject(user=secretariat_user, nomination=kenya_stc_draft, reason="Incomplete CV.")
    with pytest.raises(InvalidTransition, match="Rejected"):
        services.nomination_accept(user=secretariat_user, nomination=kenya_stc_draft)
    kenya_stc_draft.refresh_from_db()
    assert kenya_stc_draft.status == "rejected" and kenya_stc_draft.rejection_reason == "Incomplete CV."
    assert not FocalPoint.objects.exists()


def test_only_the_secretariat_decides(nfp_kenya, gm_user, coordinator_africa, kenya_stc_draft):
    services.nomination_submit(user=nfp_kenya, nomination=kenya_stc_draft)
    for user in (nfp_kenya, gm_user, coordinator_africa):
        with pytest.raises(PermissionDenied):
            services.nomination_accept(user=user, nomination=kenya_stc_draft)
        with pytest.raises(PermissionDenied):
            services.nomination_reject(user=user, nomination=kenya_stc_draft, reason="No.")
    kenya_stc_draft.refresh_from_db()
    assert kenya_stc_draft.status == "submitted"


def test_another_countrys_nfp_cannot_submit_or_edit(nfp_china, kenya_stc_draft):
    with pytest.raises(PermissionDenied):
        services.nomination_submit(user=nfp_china, nomination=kenya_stc_draft)
    with pytest.raises(PermissionDenied):
        services.nomination_update(user=nfp_china, nomination=kenya_stc_draft, data={"first_name": "X"})
    kenya_stc_draft.refresh_from_db()
    assert kenya_stc_draft.status == "draft" and kenya_stc_draft.first_name == "Nominee"


def test_nfp_edits_their_draft(nfp_kenya, kenya_stc_draft):
    services.nomination_update(user=nfp_kenya, nomination=kenya_stc_draft, data={"organisation": "KEFRI"})
    kenya_stc_draft.refresh_from_db()
    assert kenya_stc_draft.organisation == "KEFRI"
    assert kenya_stc_draft.history.first().history_user == nfp_kenya


def test_new_nfp_cannot_start_before_the_current_one(secretariat_user, kenya):
    FocalPointFactory(country=kenya, role="nfp", start_date=D(2024, 1, 1))
    nomination = NominationFactory(
        role="nfp", cv="", status="submitted", submitted_at="2025-01-01T00:00Z", proposed_start=D(2023, 1, 1)
    )
    with pytest.raises(ValidationError, match="must start after that"):
        services.nomination_accept(user=secretariat_user, nomination=nomination)
    assert FocalPoint.objects.get().end_date is None


def test_office_coordinator_must_be_a_coordinator(secretariat_user, nfp_kenya, coordinator_africa, africa):
    with pytest.raises(ValidationError, match="regional coordinator role"):
        services.regional_office_create(
            user=secretariat_user, data=office_data(africa, coordinator=nfp_kenya)
        )
    office = services.regional_office_create(
        user=secretariat_user, data=office_data(africa, coordinator=coordinator_africa)
    )
    assert office.coordinator_display == str(coordinator_africa)


def test_network_focal_points_come_from_its_region(coordinator_africa, africa, kenya, china):
    kenyan, chinese = FocalPointFactory(country=kenya), FocalPointFactory(country=china)
    with pytest.raises(ValidationError, match="network's region"):
        services.network_create(
            user=coordinator_africa,
            data={"region": africa, "code": "AF-X", "theme": "T", "focal_points": [kenyan, chinese]},
        )
    network = services.network_create(
        user=coordinator_africa,
        data={"region": africa, "code": "AF-X", "theme": "T", "focal_points": [kenyan]},
    )
    assert list(network.focal_points.all()) == [kenyan]


def test_staff_create_and_update_services(secretariat_user, africa_office, kenya):
    host = services.host_institution_create(
        user=secretariat_user, data={"name": "ECLAC", "kind": "un_agency", "country": kenya}
    )
    services.host_institution_update(
        user=secretariat_user, host_institution=host, data={"website": "https://x.org"}
    )
    mou = services.mou_create(
        user=secretariat_user,
        data={"title": "MoU", "host_country": kenya, "valid_from": D(2024, 1, 1), "status": "draft"},
    )
    with pytest.raises(ValidationError, match="needs its signature date"):
        services.mou_update(user=secretariat_user, mou=mou, data={"status": "in_force"})
    services.mou_update(
        user=secretariat_user, mou=mou, data={"status": "in_force", "signed_on": D(2023, 12, 1)}
    )
    focal_point = services.focal_point_create(user=secretariat_user, data=nfp_data(kenya))
    services.focal_point_update(user=secretariat_user, focal_point=focal_point, data={"phone": "+254 20 000"})
    host.refresh_from_db(), mou.refresh_from_db(), focal_point.refresh_from_db()
    assert host.website == "https://x.org" and mou.status == "in_force" and focal_point.phone == "+254 20 000"
    assert [record.history_type for record in focal_point.history.all()] == ["~", "+"]


def test_committee_services(coordinator_africa, coordinator_asia, africa, asia):
    committee = services.regional_committee_create(
        user=coordinator_africa, data={"region": africa, "name": "Regional Committee for Africa"}
    )
    with pytest.raises(ValidationError):
        services.regional_committee_create(user=coordinator_africa, data={"region": africa, "name": "Second"})
    with pytest.raises(PermissionDenied):
        services.regional_committee_create(user=coordinator_africa, data={"region": asia, "name": "Asia"})
    with pytest.raises(PermissionDenied):
        services.regional_committee_update(
            user=coordinator_asia, committee=committee, data={"name": "Renamed"}
        )
    services.regional_committee_update(user=coordinator_africa, committee=committee, data={"name": "ARC"})
    committee.refresh_from_db()
    assert committee.name == "ARC"
