from rest_framework import serializers

from ..choices import APIClientScope, NotificationKind
from ..models import APIClient, APIToken, Notification, User

# accounts sits below regions: the Party model is reached through the user's scope.
Country = User._meta.get_field("country").related_model


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="For an account with two-factor authentication: a code of its authenticator app, "
        "or one of its recovery codes.",
    )
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="What the token is for."
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown once only.")
    expiry = serializers.DateTimeField()


class APITokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it: never the token itself, only its first characters."""

    key = serializers.CharField(source="token_key", read_only=True, help_text="The token's first characters.")
    expired = serializers.BooleanField(source="is_expired", read_only=True)
    client = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = APIToken
        fields = ["id", "name", "key", "created", "expiry", "expired", "last_used_at", "client"]


class APIClientSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        source="account.country", slug_field="iso3", read_only=True, allow_null=True
    )
    account = serializers.CharField(source="account.username", read_only=True)
    created_by = serializers.StringRelatedField(allow_null=True)
    revoked_by = serializers.StringRelatedField(allow_null=True)
    token_expires_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = APIClient
        fields = [
            "id",
            "name",
            "purpose",
            "scope",
            "country",
            "account",
            "created_at",
            "created_by",
            "last_used_at",
            "token_expires_at",
            "revoked_at",
            "revoked_by",
        ]


class APIClientCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    scope = serializers.ChoiceField(choices=APIClientScope.choices)
    country = serializers.SlugRelatedField(
        slug_field="iso3",
        queryset=Country.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="ISO3 code of the Party, for a client reading one Party's data.",
    )
    days = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=365,
        help_text="How long the token lasts; the portal's default when omitted.",
    )


class APIClientTokenSerializer(APIClientSerializer):
    """A client with its new token, answered once: at creation or renewal."""

    token = serializers.CharField(
        read_only=True, help_text="Send as `Authorization: Token <token>`. Shown once only."
    )

    class Meta(APIClientSerializer.Meta):
        fields = [*APIClientSerializer.Meta.fields, "token"]


class RotateSerializer(serializers.Serializer):
    days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=365)


class NotificationSerializer(serializers.ModelSerializer):
    """One notification, its text in the reader's language."""

    subject = serializers.CharField(read_only=True)
    lead = serializers.CharField(read_only=True)
    read = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "lead", "link", "params", "created_at", "read", "read_at"]


class NotificationPreferencesSerializer(serializers.Serializer):
    """Whether each kind of notification also comes by e-mail."""

    email = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Kind of notification -> e-mail on (true) or off (false); kinds left out keep theirs. "
        f"Kinds: {', '.join(NotificationKind.values)}.",
    )
