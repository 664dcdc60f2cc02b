"""Demo accounts: created only by the demo command, never in production."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts.choices import APIClientScope
from accounts.models import APIClient, User
from accounts.services import api_client_create, api_client_rotate, user_assign_role
from core.roles import Role
from regions.models import Country, Region

DEMO_PASSWORD = "unccd-demo"
DEMO_API_CLIENT = "Demo API reader"

# username, first name, last name, role, country ISO3, region code
DEMO_ACCOUNTS = [
    ("secretariat", "Sara", "Secretariat (demo)", Role.SECRETARIAT, None, None),
    ("gm", "Gustavo", "Global Mechanism (demo)", Role.GM, None, None),
    ("coordinator-africa", "Amina", "Coordinator (demo)", Role.REGIONAL_COORDINATOR, None, "I"),
    ("nfp-kenya", "Wanjiru", "Kenya NFP (demo)", Role.NATIONAL_FOCAL_POINT, "KEN", None),
    ("stc-kenya", "Otieno", "Kenya STC (demo)", Role.STC, "KEN", None),
    ("nfp-china", "Li", "China NFP (demo)", Role.NATIONAL_FOCAL_POINT, "CHN", None),
    ("api-reader", "Api", "Reader (demo)", Role.API_READER, None, None),
]


@transaction.atomic
def load() -> list[tuple[str, str]]:
    """Create or reset the demo accounts; returns (username, role) pairs."""
    if not getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False):
        raise ImproperlyConfigured("Demo accounts are not allowed with these settings (production?).")
    created = []
    for username, first_name, last_name, role, iso3, region_code in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@demo.unccd.invalid"
        user.is_staff = role in (Role.SECRETARIAT, Role.GM)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.clear()
        user.country = user.region = None
        user_assign_role(
            user=user,
            role=role,
            country=Country.objects.get(iso3=iso3) if iso3 else None,
            region=Region.objects.get(code=region_code) if region_code else None,
        )
        created.append((username, role.label))
    return created


@transaction.atomic
def load_api_client() -> str:
    """Make the `api-reader` account the demo's API client (published and validated data) and
    issue it a new token, returned for the demo command to print: only its hash is kept."""
    if not getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False):
        raise ImproperlyConfigured("Demo accounts are not allowed with these settings (production?).")
    account = User.objects.get(username="api-reader")
    client = APIClient.objects.filter(account=account).first()
    if client is None:
        _, token = api_client_create(
            user=None,
            name=DEMO_API_CLIENT,
            scope=APIClientScope.PUBLISHED,
            purpose="The demo's read-only API client.",
            account=account,
        )
    else:
        _, token = api_client_rotate(user=None, client=client)
    return token
