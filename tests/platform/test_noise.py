"""Issue 14.11: an expected refusal logs one line, e-mails link to the configured address, and
/favicon.ico is served."""

import logging

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.services import user_send_password_link

from .test_settings import run_python

PORTAL_BASE_URL_PROBE = (
    "import django; from django.conf import settings; django.setup(); print(settings.PORTAL_BASE_URL)"
)


@pytest.mark.django_db
def test_an_expected_refusal_logs_one_line_without_a_traceback(client, nfp_kenya, caplog):
    client.force_login(nfp_kenya)
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("reporting:snapshot_list", args=["finance"]))
    assert response.status_code == 403
    records = [record for record in caplog.records if record.name == "django.request"]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].getMessage().startswith("Forbidden (Permission denied)")
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_an_unexpected_error_keeps_its_traceback(caplog):
    logger = logging.getLogger("django.request")
    with caplog.at_level(logging.ERROR, logger="django.request"):
        try:
            raise ValueError("boom")
        except ValueError:
            logger.error("Internal Server Error: /x/", exc_info=True)
    assert caplog.records[-1].exc_info is not None


@pytest.mark.django_db
def test_favicon_is_served_from_static(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")
    assert response["Location"].startswith("/static/")
    assert finders.find("favicon.ico") is not None


def test_portal_address_follows_the_port():
    result = run_python(PORTAL_BASE_URL_PROBE, "unccd_portal.settings.development", PORT="8123")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8123"


@pytest.mark.django_db
def test_password_link_points_to_the_configured_address(settings, kenya):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8123"
    user = User.objects.create(username="new-fp", email="new-fp@example.org", country=kenya)
    user.set_unusable_password()
    user.save()
    assert user_send_password_link(user_id=user.pk)
    assert "http://127.0.0.1:8123/" in mail.outbox[-1].body
    assert "127.0.0.1:8000" not in mail.outbox[-1].body
