from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import may_ever

from .models import FinanceSnapshot, PostSnapshot


def menu(user):
    """The dashboard and reports for everyone; finance and staffing data for those who may see them."""
    entries = [
        (_("Results dashboard"), reverse("reporting:dashboard")),
        (_("National series: land and drought"), reverse("reporting:dashboard_series")),
        (_("Reports"), reverse("reporting:index")),
    ]
    if may_ever(user, FinanceSnapshot, "view"):
        entries.append((_("Finance data"), reverse("reporting:snapshot_list", args=["finance"])))
    if may_ever(user, PostSnapshot, "view"):
        entries.append((_("Staffing data"), reverse("reporting:snapshot_list", args=["posts"])))
    return _("Reports"), entries
