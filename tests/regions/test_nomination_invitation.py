"""An accepted nominee without a password gets a link to choose one."""

import re

import pytest
from django.utils import timezone

from accounts.models import User
from regions.services import nomination_accept
from tests.factories import NominationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_celery():
    from unccd_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def password_links(mailoutbox) -> list:
    """The mails with a link to choose a password (the nominee is also told of the decision)."""
    return [message for message in mailoutbox if "/accounts/password/reset/" in message.body]


def submitted_nomination(**fields):
    return NominationFactory(status="submitted", submitted_at=timezone.now(), **fields)


def test_new_account_gets_a_password_link(
    secretariat_user, settings, mailoutbox, django_capture_on_commit_callbacks, eager_celery
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    nomination = submitted_nomination(email="grace.muthoni@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        nomination_accept(user=secretariat_user, nomination=nomination)
    account = User.objects.get(email="grace.muthoni@example.org")
    assert not account.has_usable_password()
    assert [message.to for message in password_links(mailoutbox)] == [["grace.muthoni@example.org"]]
    link = re.search(
        r"https://portal\.example\.org(/accounts/password/reset/\S+/)", password_links(mailoutbox)[0].body
    )
    assert link is not None


def test_existing_account_with_a_password_gets_no_link(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks, eager_celery
):
    UserFactory(email="known@example.org")
    nomination = submitted_nomination(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        nomination_accept(user=secretariat_user, nomination=nomination)
    assert password_links(mailoutbox) == []
