from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import is_staff_member


def menu(user):
    entries = [
        (_("Results dashboard"), reverse("reporting:dashboard")),
        (_("Reports"), reverse("reporting:index")),
    ]
    if is_staff_member(user):
        entries += [
            (_("Finance data"), reverse("reporting:snapshot_list", args=["finance"])),
            (_("Staffing data"), reverse("reporting:snapshot_list", args=["posts"])),
        ]
    return _("Reports"), entries
