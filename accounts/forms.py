from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .choices import APIClientScope, NotificationKind
from .models import User


class PortalAuthenticationForm(AuthenticationForm):
    """The login form, with autocomplete hints for password managers."""

    username = forms.CharField(
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )


class PortalPasswordResetForm(PasswordResetForm):
    """Password reset that also reaches accounts created without a password.

    Accepting a nomination creates the nominee's account with no usable password; this
    form is how they choose their first one. Django's default skips such accounts.
    An account linked to the staff single sign-on is never reached: it signs in through the
    identity provider only, and a local password would be a second way in around it.
    """

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True, socialaccount__isnull=True)


class APITokenForm(forms.Form):
    """A new personal API token: what it is for and how long it lasts."""

    name = forms.CharField(
        label=_("What is it for?"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("e.g. the data script")}),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class APIClientForm(forms.Form):
    """A new API client: its name, what it reads, and how long its token lasts."""

    name = forms.CharField(
        label=_("Name"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        help_text=_("Who runs it and what for."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    scope = forms.ChoiceField(
        label=_("Reads"), choices=APIClientScope.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    country = forms.ModelChoiceField(
        label=_("Party"),
        # accounts sits below regions: the Party model is reached through the user's scope.
        queryset=User._meta.get_field("country").related_model.objects.order_by("name"),
        to_field_name="iso3",
        required=False,
        help_text=_("For a client reading one Party's data."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    days = forms.IntegerField(
        label=_("Token valid for (days)"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class NotificationPreferencesForm(forms.Form):
    """E-mail on or off for each kind of notification (the inbox keeps every notification)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.BooleanField(label=label, required=False)
