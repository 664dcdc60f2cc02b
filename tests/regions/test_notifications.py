"""Notifications of nomination decisions: the nominating NFP and the nominee hear of them."""

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from regions.services import nomination_accept, nomination_reject
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def recipients(message: str) -> set[str]:
    return set(Notification.objects.filter(message=message).values_list("recipient__username", flat=True))


def test_a_decided_stc_nomination_tells_the_nominating_nfp_and_the_nominee(
    nfp_kenya, nfp_china, secretariat_user, eager_celery, django_capture_on_commit_callbacks
):
    submitted = {"status": "submitted", "submitted_at": timezone.now(), "submitted_by": nfp_kenya}
    accepted = NominationFactory(created_by=nfp_kenya, **submitted)
    rejected = NominationFactory(created_by=nfp_kenya, **submitted)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nomination_accept(user=secretariat_user, nomination=accepted)
        nomination_reject(user=secretariat_user, nomination=rejected, reason="No CV of the right person.")
    accepted_to = recipients("nomination_accepted")
    assert nfp_kenya.username in accepted_to and len(accepted_to) == 2  # and the nominee's new account
    nominee = Notification.objects.exclude(recipient=nfp_kenya).get(message="nomination_accepted")
    assert nominee.recipient.email == accepted.email and nominee.link == "/accounts/home/"
    assert recipients("nomination_rejected") == {nfp_kenya.username}
    assert "No CV" in Notification.objects.get(message="nomination_rejected").lead
    assert secretariat_user.username not in accepted_to
    assert not Notification.objects.filter(recipient=nfp_china).exists()
    # Mailed: the NFP twice (accepted, rejected); the nominee too (beside the link to choose a password).
    told = sorted(message.to[0] for message in mail.outbox if "nomination of" in message.subject)
    assert told == sorted([nfp_kenya.email, nfp_kenya.email, accepted.email])
