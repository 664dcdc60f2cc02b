"""API authentication: tokens for a username and password (and second factor), the caller's
own tokens, the API clients the secretariat manages, and the caller's notifications."""

from allauth.mfa.base.forms import BaseAuthenticateForm
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api.parsers import PortalJSONParser
from core.api.viewsets import ScopedViewSetMixin
from core.scoping import may_ever

from ..filtersets import APIClientFilterSet, APITokenFilterSet, NotificationFilterSet
from ..models import APIClient, APIToken, Notification
from ..selectors import notification_email_preferences, unread_notification_count
from ..services import (
    api_client_create,
    api_client_revoke,
    api_client_rotate,
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_set,
    token_create,
    token_revoke,
    user_revoke_tokens,
)
from ..two_factor import has_second_factor, two_factor_required
from . import serializers as s


class LockedOut(APIException):
    """The same lockout as the web login (accounts/lockout.py), as JSON."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = (
        "Too many failed attempts: logins of this account from your address are locked for 15 minutes."
    )
    default_code = "locked_out"


CODE_NEEDED = _(
    "This account uses two-factor authentication: send `code`, a code of its authenticator app "
    "or one of its recovery codes."
)
ENROL_FIRST = _(
    "Two-factor authentication is required for secretariat and GM accounts: enrol in the portal "
    "(Two-factor authentication, in your account menu) before asking for a token."
)


class ObtainTokenView(APIView):
    """Exchange a username and password (and, for an account with two-factor authentication, a
    code) for a new personal API token, which expires after the configured number of days."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=s.TokenRequestSerializer,
        responses={
            200: s.TokenResponseSerializer,
            400: OpenApiResponse(description="Wrong username, password or code"),
            403: OpenApiResponse(description="A staff account without the second factor it needs"),
            429: OpenApiResponse(description="Locked out after too many failures, or throttled"),
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = s.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            raise LockedOut()
        if user is None or not user.is_active:
            raise ValidationError({"detail": "Unable to log in with the given username and password."})
        if has_second_factor(user):
            self._check_code(user, data.get("code", ""))
        elif two_factor_required(user):
            raise PermissionDenied(ENROL_FIRST)
        token, key = token_create(user=user, name=data.get("name") or "API token")
        return Response({"token": key, "expiry": token.expiry}, status=status.HTTP_200_OK)

    def _check_code(self, user, code: str) -> None:
        if not code:
            raise ValidationError({"code": [str(CODE_NEEDED)]})
        form = BaseAuthenticateForm(data={"code": code}, user=user)
        if not form.is_valid():
            raise ValidationError({"code": form.errors.get("code", [str(CODE_NEEDED)])})
        form.authenticator.record_usage()


class OwnTokenListView(mixins.ListModelMixin, GenericAPIView):
    """The caller's API tokens (never the tokens themselves); DELETE revokes all of them."""

    queryset = APIToken.objects.all()
    serializer_class = s.APITokenSerializer
    filterset_class = APITokenFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).for_list()

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(operation_id="auth_tokens_destroy_all", responses={204: None})
    def delete(self, request, *args, **kwargs):
        user_revoke_tokens(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OwnTokenDetailView(mixins.RetrieveModelMixin, GenericAPIView):
    """One of the caller's tokens; DELETE revokes it."""

    queryset = APIToken.objects.all()
    serializer_class = s.APITokenSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).for_list()

    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)

    @extend_schema(responses={204: None, 404: OpenApiResponse(description="Not one of your tokens")})
    def delete(self, request, *args, **kwargs):
        token_revoke(user=request.user, token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ManagesAPIClients(BasePermission):
    """Staff read the API clients; the secretariat creates, renews and revokes them."""

    message = "Only the secretariat and the GM see API clients; only the secretariat manages them."

    def has_permission(self, request, view):
        action = "view" if request.method in SAFE_METHODS else "change"
        return request.user.is_authenticated and may_ever(request.user, APIClient, action)


class APIClientViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Named API clients, each reading through its own account: published and validated data, or
    one Party's data. Their token is answered once, at creation and renewal."""

    queryset = APIClient.objects.all()
    serializer_class = s.APIClientSerializer
    filterset_class = APIClientFilterSet
    permission_classes = [ManagesAPIClients]

    @extend_schema(request=s.APIClientCreateSerializer, responses={201: s.APIClientTokenSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.APIClientCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        client, token = api_client_create(user=request.user, **serializer.validated_data)
        return self._with_token(client, token, status.HTTP_201_CREATED)

    @extend_schema(request=s.RotateSerializer, responses={200: s.APIClientTokenSerializer})
    @action(detail=True, methods=["post"])
    def rotate(self, request, *args, **kwargs):
        """Replace the client's token by a new one; the old one stops working at once."""
        serializer = s.RotateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        client, token = api_client_rotate(
            user=request.user, client=self.get_object(), **serializer.validated_data
        )
        return self._with_token(client, token, status.HTTP_200_OK)

    @extend_schema(request=None, responses={200: s.APIClientSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, *args, **kwargs):
        """Revoke the client for good: its token stops working and its account is closed."""
        client = api_client_revoke(user=request.user, client=self.get_object())
        return Response(s.APIClientSerializer(self.get_queryset().get(pk=client.pk)).data)

    def _with_token(self, client: APIClient, token: str, status_code: int) -> Response:
        fresh = self.get_queryset().get(pk=client.pk)
        return Response({**s.APIClientSerializer(fresh).data, "token": token}, status=status_code)


class NotificationViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's notifications, newest first (`unread_count` beside the page); mark one or all read.
    Another user's notification answers 404."""

    queryset = Notification.objects.all()
    serializer_class = s.NotificationSerializer
    metadata_class = None  # OPTIONS answers 405: no form to describe (DRF's metadata fails on the actions)
    filterset_class = NotificationFilterSet
    # Nobody changes a notification: each signed-in user marks their own read (the services check it).
    permission_classes = [IsAuthenticated]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["unread_count"] = unread_notification_count(request.user)
        return response

    @extend_schema(request=None, responses={200: s.NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request, *args, **kwargs):
        """Mark the notification read."""
        notification = notification_mark_read(user=request.user, notification=self.get_object())
        return Response(s.NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: OpenApiResponse(description='`{"marked": n}`')})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request, *args, **kwargs):
        """Mark every unread notification of the caller read."""
        return Response({"marked": notification_mark_all_read(user=request.user)})

    @extend_schema(methods=["get"], request=None, responses={200: s.NotificationPreferencesSerializer})
    @extend_schema(
        methods=["put", "patch"],
        request=s.NotificationPreferencesSerializer,
        responses={200: s.NotificationPreferencesSerializer},
    )
    @action(detail=False, methods=["get", "put", "patch"], parser_classes=[PortalJSONParser])
    def preferences(self, request, *args, **kwargs):
        """Whether each kind of notification also comes by e-mail; PUT or PATCH `{"email": {kind: bool}}`."""
        if request.method != "GET":
            serializer = s.NotificationPreferencesSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            notification_preferences_set(user=request.user, email=serializer.validated_data["email"])
        return Response({"email": notification_email_preferences(request.user)})
