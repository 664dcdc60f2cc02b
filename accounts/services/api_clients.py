"""API clients: named programs created by the secretariat, each reading through its own account."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.roles import Role
from core.scoping import ensure_may_ever, ensure_permitted

from ..choices import APIClientScope
from ..models import APIClient, APIToken, User
from .tokens import token_create, user_end_sessions
from .users import Scope, user_assign_role

SCOPE_ROLES = {APIClientScope.PUBLISHED: Role.API_READER, APIClientScope.PARTY: Role.API_PARTY_READER}


def _service_username(name: str) -> str:
    base = f"api-{slugify(name)[:120] or 'client'}"
    username, suffix = base, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


def _check_scope(scope: str, country: Scope | None) -> None:
    if scope not in APIClientScope.values:
        raise ValidationError({"scope": f"Unknown scope '{scope}'."})
    if scope == APIClientScope.PARTY and country is None:
        raise ValidationError({"country": "Name the Party whose data the client reads."})
    if scope == APIClientScope.PUBLISHED and country is not None:
        raise ValidationError({"country": "A client of published data reads every Party's: name none."})


@transaction.atomic
def api_client_create(
    *,
    user: User | None,
    name: str,
    scope: str,
    country: Scope | None = None,
    purpose: str = "",
    days: int | None = None,
    account: User | None = None,
) -> tuple[APIClient, str]:
    """Create an API client with its service account and first token; returns the token (shown once).

    `scope` decides what it reads: published and validated data (the API reader role) or one
    Party's data (`country`; its submissions in every state). `account` reuses an existing
    account (the demo's `api-reader`); `user=None` acts for the operator of a command.
    """
    if user is not None:
        ensure_may_ever(user, APIClient, "change")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the client a name."})
    if APIClient.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"An API client named '{name}' exists already."})
    _check_scope(scope, country)
    if account is None:
        account = User(username=_service_username(name), first_name=name[:150], last_name="(API client)")
        account.set_unusable_password()
        account.save()
    user_assign_role(user=account, role=SCOPE_ROLES[scope], country=country)
    client = APIClient(name=name, purpose=purpose.strip(), scope=scope, account=account, created_by=user)
    client.full_clean(exclude=["account"])
    client._history_user = user
    client.save()
    _, token = token_create(user=account, client=client, name=f"{name} (API client)", days=days)
    return client, token


@transaction.atomic
def api_client_rotate(
    *, user: User | None, client: APIClient, days: int | None = None
) -> tuple[APIClient, str]:
    """Replace the client's token by a new one (the old one stops working at once)."""
    client = APIClient.objects.select_for_update().get(pk=client.pk)
    if user is not None:
        ensure_permitted(user, "change", client, "Only the secretariat manages API clients.")
    if client.is_revoked:
        raise ValidationError("This API client is revoked: create a new one.")
    APIToken.objects.filter(client=client).delete()
    _, token = token_create(user=client.account, client=client, name=f"{client.name} (API client)", days=days)
    return client, token


@transaction.atomic
def api_client_revoke(*, user: User, client: APIClient) -> APIClient:
    """Revoke a client for good: its tokens stop working and its account is closed."""
    client = APIClient.objects.select_for_update().select_related("account").get(pk=client.pk)
    ensure_permitted(user, "revoke", client, "Only the secretariat revokes API clients.")
    if client.is_revoked:
        return client
    client.revoked_at, client.revoked_by = timezone.now(), user
    client._history_user = user
    client.save(update_fields=["revoked_at", "revoked_by"])
    APIToken.objects.filter(user=client.account).delete()
    User.objects.filter(pk=client.account_id).update(is_active=False)
    user_end_sessions(user=client.account)
    return client
