"""Writes on accounts: users and roles, API tokens, API clients, single sign-on roles, notifications."""

from .api_clients import api_client_create, api_client_revoke, api_client_rotate
from .notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_set,
    notify,
)
from .tokens import (
    token_create,
    token_record_use,
    token_revoke,
    user_end_access,
    user_end_sessions,
    user_revoke_tokens,
)
from .users import (
    roles_ensure_groups,
    user_assign_role,
    user_create,
    user_deactivate,
    user_get_or_create_for_email,
    user_password_changed,
    user_revoke_role,
    user_send_password_link,
    user_set_preferred_language,
    user_sync_sso_roles,
)

__all__ = [
    "api_client_create",
    "api_client_revoke",
    "api_client_rotate",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_preferences_set",
    "notify",
    "roles_ensure_groups",
    "token_create",
    "token_record_use",
    "token_revoke",
    "user_assign_role",
    "user_create",
    "user_deactivate",
    "user_end_access",
    "user_end_sessions",
    "user_get_or_create_for_email",
    "user_password_changed",
    "user_revoke_role",
    "user_revoke_tokens",
    "user_send_password_link",
    "user_set_preferred_language",
    "user_sync_sso_roles",
]
