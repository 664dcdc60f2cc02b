"""The API's default permission, read from the model's policy (`core.scoping`).

Reads: endpoints of models that anonymous visitors may read are public, the others need a
login. Writes: only users whose roles may change some rows of the model (never `api_reader`).
Which rows, and which workflow step, the services decide with the same policy.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.scoping import may_ever, policy_for


def scoped_model(view):
    """The model whose policy governs `view`: its `queryset`'s, or `get_queryset()`'s."""
    queryset = getattr(view, "queryset", None)
    if queryset is None:
        queryset = view.get_queryset()
    return queryset.model


class PortalPermission(BasePermission):
    message = "You do not have permission to perform this action."

    def has_permission(self, request, view):
        model = scoped_model(view)
        if request.method in SAFE_METHODS:
            return policy_for(model).is_public or request.user.is_authenticated
        return request.user.is_authenticated and may_ever(request.user, model, "change")


class ReadOnly(BasePermission):
    """For reference-data endpoints: GET, HEAD and OPTIONS only."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
