from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def items(user):
    return [(_("Reports"), reverse("reporting:index"))]
