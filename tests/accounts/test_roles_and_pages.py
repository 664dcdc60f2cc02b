"""Login, role home pages, throttling and what anonymous visitors may open."""

import pytest
from django.urls import reverse

from accounts.models import User
from core.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fixture_name, marker, expected_text",
    [
        ("secretariat_user", 'data-role-home="staff"', "Secretariat"),
        ("gm_user", 'data-role-home="staff"', "Global Mechanism"),
        ("coordinator_africa", 'data-role-home="coordinator"', "Africa"),
        ("nfp_kenya", 'data-role-home="country"', "Kenya"),
        ("stc_kenya", 'data-role-home="country"', "science and technology correspondent"),
        ("api_reader", 'data-role-home="api_reader"', "api/v1/auth/token/"),
    ],
)
def test_each_role_gets_its_home_page(client, request, fixture_name, marker, expected_text):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert marker in content
    assert expected_text in content


def test_login_redirects_to_home(client, nfp_kenya):
    response = client.post(
        reverse("accounts:login"), {"username": nfp_kenya.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_five_failed_logins_lock_the_account(client, nfp_kenya):
    for _ in range(5):
        response = client.post(
            reverse("accounts:login"), {"username": nfp_kenya.username, "password": "wrong"}
        )
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(
        reverse("accounts:login"), {"username": nfp_kenya.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_change(client, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Desertification-2030!",
            "new_password2": "Desertification-2030!",
        },
    )
    assert response.status_code == 302
    nfp_kenya.refresh_from_db()
    assert nfp_kenya.check_password("Desertification-2030!")


def test_password_change_refuses_wrong_old_password(client, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "Desertification-2030!",
            "new_password2": "Desertification-2030!",
        },
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    nfp_kenya.refresh_from_db()
    assert nfp_kenya.check_password(TEST_PASSWORD)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/regions/",
        "/regions/parties/",
        "/regions/parties/KEN/",
        "/results/frameworks/",
        "/results/frameworks/sf-2018-2030/",
        "/reports/",
        "/api/v1/docs/",
    ],
)
def test_public_pages_open_to_anonymous_visitors(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/accounts/home/", "/accounts/password/", "/admin/"])
def test_private_pages_send_anonymous_visitors_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response.url


def test_role_scope_rules_are_enforced_by_the_service():
    from django.core.exceptions import ValidationError

    from accounts.services import user_assign_role

    user = UserFactory()
    with pytest.raises(ValidationError, match="need a country"):
        user_assign_role(user=user, role=Role.NATIONAL_FOCAL_POINT)
    with pytest.raises(ValidationError, match="needs a region"):
        user_assign_role(user=user, role=Role.REGIONAL_COORDINATOR)
    user.refresh_from_db()
    assert not user.groups.exists()
    assert User.objects.get(pk=user.pk).country is None


def test_page_title_separates_the_page_from_the_portal(client, settings):
    body = client.get(reverse("accounts:login")).content.decode()
    assert f"<title>Log in · {settings.PORTAL_NAME}</title>" in body


def test_form_errors_are_announced_and_tied_to_their_fields(client, nfp_kenya):
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
    )
    content = response.content.decode()
    assert 'role="alert"' in content and 'href="#id_old_password"' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_old_password-error"' in content
    assert 'id="id_old_password-error"' in content


def test_staff_home_counts_what_waits_on_the_secretariat(client, secretariat_user):
    from datetime import date, timedelta

    from django.utils import timezone

    from tests.conftest import count_queries
    from tests.factories import MoUFactory, NominationFactory, ReportFactory, SubmissionFactory
    from unccd_portal.home import staff_work_queue

    before = staff_work_queue(secretariat_user)
    SubmissionFactory(state="submitted")
    NominationFactory(status="submitted", submitted_at=timezone.now())
    ReportFactory()  # complete, not published
    MoUFactory(valid_to=date.today() + timedelta(days=30))
    MoUFactory(valid_to=date.today() + timedelta(days=400))  # not yet a worry
    after = staff_work_queue(secretariat_user)
    for queue in ("awaiting_review", "nominations_to_decide", "unpublished", "mous_expiring"):
        assert after[queue] == before[queue] + 1, queue
    assert after["failed"] == before["failed"]
    assert count_queries(lambda: staff_work_queue(secretariat_user)) == 5

    client.force_login(secretariat_user)
    content = client.get(reverse("accounts:home")).content.decode()
    assert "Waiting for you" in content and "?awaiting_review=true" in content


def test_staff_work_queue_is_not_on_country_home_pages(client, nfp_kenya):
    client.force_login(nfp_kenya)
    assert "Waiting for you" not in client.get(reverse("accounts:home")).content.decode()


def test_coordinator_home_shows_the_region_mechanism_and_reports(client, coordinator_africa):
    from tests.factories import (
        RegionalCommitteeFactory,
        RegionalOfficeFactory,
        ReportingCycleFactory,
        SubmissionFactory,
    )

    office = RegionalOfficeFactory(region=coordinator_africa.region, name="Africa coordination unit")
    RegionalCommitteeFactory(region=coordinator_africa.region, name="Africa committee")
    cycle = ReportingCycleFactory(state="open")
    SubmissionFactory(cycle=cycle, state="submitted")  # Kenya, Annex I
    client.force_login(coordinator_africa)
    response = client.get(reverse("accounts:home"))
    content = response.content.decode()
    assert office.name in content and "Africa committee" in content
    rows = dict(response.context["reports_by_state"])
    assert rows["Submitted"] == 1 and rows["Validated"] == 0
    assert rows["Not started"] == 54 - 1


def test_nfp_home_offers_the_stc_nomination_and_stc_home_does_not(client, nfp_kenya, stc_kenya):
    client.force_login(nfp_kenya)
    assert reverse("regions:nominate_stc") in client.get(reverse("accounts:home")).content.decode()
    client.force_login(stc_kenya)
    assert reverse("regions:nominate_stc") not in client.get(reverse("accounts:home")).content.decode()


def test_password_reset_sets_the_first_password_of_an_account_without_one(client, mailoutbox):
    import re

    user = UserFactory(email="grace@example.org")
    user.set_unusable_password()
    user.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "grace@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["grace@example.org"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Land-degradation-neutral-2030", "new_password2": "Land-degradation-neutral-2030"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Land-degradation-neutral-2030")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []
