from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

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
    """

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)
