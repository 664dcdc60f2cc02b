"""Who may view, change or act on which rows: one declaration per model, compiled into a `Q`.

After NetBox's `RestrictedQuerySet.restrict()`. Each app declares, in its `permissions.py`,
a policy per model: for every action (`view`, `change`, or a workflow step such as
`publish`), which principal gets which rows::

    declare(
        "regions.RegionalOffice",
        view={ANYONE: ALL},
        change={**STAFF, Role.REGIONAL_COORDINATOR: own_region("region")},
    )

Principals are the roles of `core.roles` plus two that everyone has: `ANYONE` (anonymous
visitors included) and `SIGNED_IN` (every logged-in user). A user's rows are the union of
the rows of each of their principals.

One convention: a compiled scope is always a `Q`. `EVERY_ROW` (an empty `Q`) means every
row, `NO_ROW` none; `restrict()` turns them into `.all()` and `.none()`.

Everything else only asks: querysets through `visible_to(user)`, `editable_by(user)` and
`restrict(user, action)`; services through `ensure_permitted()`, which raises Django's
`PermissionDenied`; views, API and templates through `user_may()` and `may_ever()`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .roles import API_READER_ROLES, Role, roles_of

ANYONE = "anyone"
SIGNED_IN = "signed_in"

EVERY_ROW = Q()
NO_ROW = Q(pk__in=[])


def _either(left: Q, right: Q) -> Q:
    """The union of two scopes (an empty Q would vanish from a plain `|`)."""
    if left == EVERY_ROW or right == EVERY_ROW:
        return EVERY_ROW
    if left == NO_ROW:
        return right
    if right == NO_ROW:
        return left
    return left | right


def _both(left: Q, right: Q) -> Q:
    """The intersection of two scopes."""
    if left == NO_ROW or right == NO_ROW:
        return NO_ROW
    if left == EVERY_ROW:
        return right
    if right == EVERY_ROW:
        return left
    return left & right


class Rule:
    """The rows one principal gets, as a function of the user; combine with `&` and `|`."""

    def q(self, user) -> Q:
        raise NotImplementedError

    def __and__(self, other: "Rule") -> "Rule":
        return _Combined(self, other, _both)

    def __or__(self, other: "Rule") -> "Rule":
        return _Combined(self, other, _either)


@dataclass(frozen=True)
class _Combined(Rule):
    left: Rule
    right: Rule
    combine: object

    def q(self, user) -> Q:
        return self.combine(self.left.q(user), self.right.q(user))


class _All(Rule):
    def q(self, user) -> Q:
        return EVERY_ROW

    def __repr__(self):
        return "ALL"


ALL = _All()


@dataclass(frozen=True)
class _Where(Rule):
    condition: Q

    def q(self, user) -> Q:
        return self.condition


@dataclass(frozen=True)
class _UserScoped(Rule):
    path: str
    user_attribute: str

    def q(self, user) -> Q:
        value = getattr(user, self.user_attribute)
        if not value:
            return NO_ROW
        return Q(**{f"{self.path}_id" if self.path else "pk": value})


def where(**lookups) -> Rule:
    """Rows matching fixed lookups, whoever asks: `where(published=True)`."""
    return _Where(Q(**lookups))


def own_country(path: str = "country") -> Rule:
    """Rows whose country (at `path`; "" for a Country itself) is the user's own; none without one."""
    return _UserScoped(path, "country_id")


def owned_by(path: str) -> Rule:
    """Rows whose user (at `path`, e.g. "requested_by") is the user asking."""
    return _UserScoped(path, "pk")


def own_region(path: str = "region") -> Rule:
    """Rows whose region (at `path`; "" for a Region itself) is the user's own; none without one."""
    return _UserScoped(path, "region_id")


STAFF = {Role.SECRETARIAT: ALL, Role.GM: ALL}


@dataclass(frozen=True)
class Policy:
    """What each principal may do to one model's rows: `view`, `change` and named actions."""

    view: Mapping[str, Rule]
    change: Mapping[str, Rule]
    actions: Mapping[str, Mapping[str, Rule]] = field(default_factory=dict)

    def rules(self, action: str) -> Mapping[str, Rule]:
        if action == "view":
            return self.view
        if action == "change":
            return self.change
        try:
            return self.actions[action]
        except KeyError:
            raise ImproperlyConfigured(f"No rules for the action '{action}'.") from None

    @property
    def is_public(self) -> bool:
        """Whether anonymous visitors read (some of) the rows."""
        return ANYONE in self.view


_POLICIES: dict[str, Policy] = {}


def declare(
    model_label: str,
    *,
    view: Mapping[str, Rule],
    change: Mapping[str, Rule],
    actions: Mapping[str, Mapping[str, Rule]] | None = None,
) -> Policy:
    """Register the policy of `model_label` ("app.Model"); each app does so in `permissions.py`."""
    if change.keys() & {ANYONE, SIGNED_IN, *API_READER_ROLES}:
        raise ImproperlyConfigured(f"{model_label}: only named, writing roles may change rows.")
    policy = Policy(view=view, change=change, actions=actions or {})
    _POLICIES[model_label.lower()] = policy
    return policy


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _POLICIES[model._meta.label_lower]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no policy: declare one in its app's permissions.py."
        ) from None


def principals_of(user) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset({ANYONE})
    return frozenset({ANYONE, SIGNED_IN}) | roles_of(user)


def scope_q(user, model: type[models.Model], action: str = "view") -> Q:
    """The rows of `model` on which `user` may do `action`, as a Q (see the module's convention)."""
    rules = policy_for(model).rules(action)
    if ANYONE in rules and rules[ANYONE].q(user) == EVERY_ROW:
        return EVERY_ROW  # public rows: no need to read the user's roles
    scope = NO_ROW
    for principal in principals_of(user) & rules.keys():
        scope = _either(scope, rules[principal].q(user))
    return scope


class ScopedQuerySet(models.QuerySet):
    """Base of every queryset whose rows depend on who asks."""

    def restrict(self, user, action: str = "view"):
        scope = scope_q(user, self.model, action)
        if scope == NO_ROW:
            return self.none()
        if scope == EVERY_ROW:
            return self.all()
        return self.filter(scope)

    def visible_to(self, user):
        return self.restrict(user, "view")

    def editable_by(self, user):
        return self.restrict(user, "change")


def may_ever(user, model: type[models.Model], action: str = "change") -> bool:
    """Whether `user` may do `action` to at least some rows of `model` (menus, buttons, API writes)."""
    return scope_q(user, model, action) != NO_ROW


def user_may(user, action: str, obj: models.Model) -> bool:
    """Whether `user` may do `action` to the saved row `obj` (one query unless the answer is static)."""
    scope = scope_q(user, type(obj), action)
    if scope == NO_ROW:
        return False
    if scope == EVERY_ROW:
        return True
    return type(obj)._base_manager.filter(pk=obj.pk).filter(scope).exists()


DEFAULT_REFUSAL = _("You do not have permission to do this.")


def ensure_permitted(user, action: str, obj: models.Model, message=None) -> None:
    """Raise PermissionDenied unless `user` may do `action` to `obj`.

    For a row being created, call it on the new row inside the creating transaction: a
    refusal rolls the creation back (as NetBox does).
    """
    if not user_may(user, action, obj):
        raise PermissionDenied(message or DEFAULT_REFUSAL)


def ensure_may_ever(user, model: type[models.Model], action: str = "change", message=None) -> None:
    """Raise PermissionDenied unless `user` may do `action` to some rows of `model`."""
    if not may_ever(user, model, action):
        raise PermissionDenied(message or DEFAULT_REFUSAL)
