"""Notifications of the submission workflow: who hears of each step, in which language, by e-mail
or only in the inbox (accounts.services.notify, called by workprogramme's services)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import Notification, NotificationPreference
from core.roles import Role
from tests.factories import UserFactory
from workprogramme.services import (
    submission_resubmit,
    submission_return_for_correction,
    submission_save_draft,
    submission_submit,
    submission_validate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks, eager_celery):
    """Run `step()` and the e-mails it enqueues on commit (eager Celery); answer the messages sent."""

    def run(step):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            step()
        return list(mail.outbox)

    return run


@pytest.fixture
def submitted(kenya_draft, nfp_kenya, complete_entries, mails):
    submission_save_draft(
        submission=kenya_draft, user=nfp_kenya, expected_version=kenya_draft.version, entries=complete_entries
    )
    mails(lambda: submission_submit(submission=kenya_draft, user=nfp_kenya))
    return kenya_draft


@pytest.fixture(autouse=True)
def _bystanders(nfp_china, coordinator_asia):
    """People who must never hear of Kenya's report: another Party's NFP, another region's coordinator."""


def recipients(message: str) -> set[str]:
    return set(Notification.objects.filter(message=message).values_list("recipient__username", flat=True))


def test_a_submitted_report_tells_the_reviewers_and_the_regional_coordinator_only(
    secretariat_user, gm_user, coordinator_africa, nfp_kenya, stc_kenya, submitted
):
    # (`submitted` leaves the e-mails of the step in mail.outbox.)
    assert recipients("submission_submitted") == {
        secretariat_user.username,
        gm_user.username,
        coordinator_africa.username,
    }
    assert Notification.objects.count() == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [secretariat_user.email, gm_user.email, coordinator_africa.email]
    )
    notification = Notification.objects.get(recipient=secretariat_user)
    assert notification.subject == f"Kenya submitted its report for {submitted.cycle.title}"
    assert notification.link == f"/results/submissions/{submitted.pk}/"


def test_returned_and_validated_reports_tell_the_countrys_nfp_and_stc(
    secretariat_user, nfp_kenya, stc_kenya, nfp_china, submitted, mails
):
    Notification.objects.all().delete()
    sent = mails(
        lambda: submission_return_for_correction(
            submission=submitted, user=secretariat_user, comment="Check 1.1."
        )
    )
    assert recipients("submission_returned") == {nfp_kenya.username, stc_kenya.username}
    assert sorted(message.to[0] for message in sent) == sorted([nfp_kenya.email, stc_kenya.email])
    assert "Check 1.1." in Notification.objects.filter(message="submission_returned").first().lead
    mails(lambda: submission_resubmit(submission=submitted, user=nfp_kenya))
    assert recipients("submission_resubmitted") == {secretariat_user.username}  # not the NFP who did it
    sent = mails(lambda: submission_validate(submission=submitted, user=secretariat_user))
    assert recipients("submission_validated") == {nfp_kenya.username, stc_kenya.username}
    assert len(sent) == 2
    assert not Notification.objects.filter(recipient=nfp_china).exists()


def test_the_email_is_written_in_the_recipients_language(
    secretariat_user, nfp_kenya, stc_kenya, submitted, mails
):
    stc_kenya.preferred_language = "fr"
    stc_kenya.save()
    sent = mails(lambda: submission_validate(submission=submitted, user=secretariat_user))
    by_recipient = {message.to[0]: message for message in sent}
    french, english = by_recipient[stc_kenya.email], by_recipient[nfp_kenya.email]
    assert english.subject == f"Kenya's report for {submitted.cycle.title} was validated"
    assert french.subject == f"Le rapport de Kenya pour {submitted.cycle.title} a été validé"
    assert "validé" in french.body and "/accounts/notifications/" in french.body
    # The inbox writes it in the reader's language too, whatever it was mailed in.
    with translation.override("fr"):
        assert Notification.objects.get(recipient=nfp_kenya).subject == french.subject


def test_an_email_preference_off_keeps_the_inbox_entry(
    secretariat_user, kenya_draft, nfp_kenya, complete_entries, client, mails
):
    reviewer = UserFactory(role=Role.SECRETARIAT)
    client.force_login(reviewer)
    response = client.post(
        "/accounts/notifications/",
        {
            "preferences": "1",
            "submission_returned": "on",
            "submission_validated": "on",
            "nomination_decided": "on",
        },
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=reviewer, kind="submission_submitted").email is False
    submission_save_draft(
        submission=kenya_draft, user=nfp_kenya, expected_version=kenya_draft.version, entries=complete_entries
    )
    sent = mails(lambda: submission_submit(submission=kenya_draft, user=nfp_kenya))
    sent = [message.to[0] for message in sent]
    assert Notification.objects.filter(recipient=reviewer, message="submission_submitted").exists()
    assert reviewer.email not in sent and secretariat_user.email in sent


def test_nothing_is_told_of_a_step_that_fails(kenya_draft, nfp_kenya):
    with pytest.raises(ValidationError):  # incomplete: the step refuses
        submission_submit(submission=kenya_draft, user=nfp_kenya)
    assert not Notification.objects.exists()
