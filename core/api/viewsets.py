"""The base of the apps' viewsets: rows scoped by the user, writes through services."""

from rest_framework import viewsets

from core.scoping import ensure_permitted


class ScopedViewSetMixin:
    """Reads `model.objects.visible_to(user).for_list()`; `editable_object()` for writes.

    A row the user may not see answers 404; a row they see but may not change answers 403;
    an illegal workflow step answers 409 (core.api.exceptions).
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).for_list()

    def editable_object(self, action: str = "change"):
        obj = self.get_object()
        ensure_permitted(self.request.user, action, obj)
        return obj


class ServiceModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """List, read, create and update; creation and updates call the app's services.

    Declare `create_service` and `update_service` (keyword-only, `user=` and `data=`) and
    the keyword `update_argument` under which the update service takes the row.
    """

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = None
    update_service = None
    update_argument = ""

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(
            user=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = type(self).update_service(
            user=self.request.user,
            data=serializer.validated_data,
            **{self.update_argument: serializer.instance},
        )
