"""The demo command: accounts with roles, idempotent, refused in production."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from accounts.models import User
from core.roles import Role, roles_of
from regions.models import Country
from unccd_portal.demo import accounts as demo

pytestmark = pytest.mark.django_db


def snapshot():
    """Every demo account with its roles and scope, and the row count of every portal model."""
    from django.apps import apps

    accounts = sorted(
        (user.username, user.country_id, user.region_id, tuple(sorted(roles_of(user))))
        for user in User.objects.prefetch_related("groups")
    )
    counts = {
        model._meta.label: model.objects.count()
        for app in ("regions", "workprogramme", "reporting")
        for model in apps.get_app_config(app).get_models()  # audit history included
    }
    return accounts, counts, Country.objects.count()


def test_demo_command_creates_the_demo_accounts_and_is_idempotent(capsys):
    call_command("load_demo_data")
    first = snapshot()
    call_command("load_demo_data")
    assert snapshot() == first
    output = capsys.readouterr().out
    assert "nfp-kenya" in output and "unccd-demo" in output
    users = {user.username: user for user in User.objects.all()}
    assert set(users) >= {
        "secretariat",
        "gm",
        "coordinator-africa",
        "nfp-kenya",
        "stc-kenya",
        "nfp-china",
        "api-reader",
    }
    assert users["nfp-kenya"].country.iso3 == "KEN"
    assert Role.NATIONAL_FOCAL_POINT in roles_of(users["nfp-kenya"])
    assert users["coordinator-africa"].region.code == "I"
    assert users["stc-kenya"].check_password("unccd-demo")


def test_demo_accounts_refused_when_settings_forbid_them(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        demo.load()
    assert not User.objects.filter(username="secretariat").exists()
