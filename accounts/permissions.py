"""Who may view and change accounts (see core.scoping for the convention).

The secretariat and the GM manage accounts and roles, in the administration. API clients:
the secretariat creates and revokes them, the GM sees them. API tokens: everyone sees and
revokes their own.
"""

from dataclasses import dataclass

from django.db.models import Q

from core.roles import Role
from core.scoping import ALL, NO_ROW, SIGNED_IN, STAFF, Rule, declare


@dataclass(frozen=True)
class _OwnRows(Rule):
    """Rows whose user (at `path`) is the one who asks."""

    path: str

    def q(self, user) -> Q:
        if user.pk is None:
            return NO_ROW
        return Q(**{f"{self.path}_id": user.pk})


def own_rows(path: str = "user") -> Rule:
    return _OwnRows(path)


SECRETARIAT = {Role.SECRETARIAT: ALL}

declare("accounts.User", view=STAFF, change=STAFF)
declare("accounts.APIClient", view=STAFF, change=SECRETARIAT, actions={"revoke": SECRETARIAT})
declare(
    "accounts.APIToken",
    view={SIGNED_IN: own_rows()},
    change=SECRETARIAT,
    actions={"revoke": {SIGNED_IN: own_rows(), **SECRETARIAT}},
)
# Nobody edits a notification or another's preferences: each user marks their own read and
# chooses their own e-mail preferences.
declare(
    "accounts.Notification",
    view={SIGNED_IN: own_rows("recipient")},
    change={},
    actions={"mark_read": {SIGNED_IN: own_rows("recipient")}},
)
declare(
    "accounts.NotificationPreference",
    view={SIGNED_IN: own_rows()},
    change={},
    actions={"choose": {SIGNED_IN: own_rows()}},
)
