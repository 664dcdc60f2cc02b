"""The API's default permission: who may read and who may write.

Row scoping (which countries or regions a user sees or edits) is the job of the
querysets' `visible_to(user)` / `editable_by(user)`; this class only decides on the
kind of request.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import Role, has_role


class PortalPermission(BasePermission):
    """Reads: public endpoints to anyone, others to logged-in users. Writes: never `api_reader`."""

    message = "You do not have permission to perform this action."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return getattr(view, "public_read", False) or request.user.is_authenticated
        if not request.user.is_authenticated or has_role(request.user, Role.API_READER):
            return False
        allowed = getattr(view, "write_roles", None)
        return allowed is None or any(has_role(request.user, role) for role in allowed)


class ReadOnly(BasePermission):
    """For reference-data endpoints: GET, HEAD and OPTIONS only."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
