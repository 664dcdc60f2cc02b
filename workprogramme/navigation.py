from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import may_ever
from regions.models import Country


def menu(user):
    """The results pages; the submission list for those who follow the countries' reporting."""
    entries = [
        (_("Results frameworks"), reverse("workprogramme:framework_list")),
        (_("Work programmes"), reverse("workprogramme:biennium_list")),
        (_("Reporting cycles"), reverse("workprogramme:cycle_list")),
        (_("Capacity building"), reverse("workprogramme:capacity_list")),
    ]
    if user.is_authenticated:
        entries.append((_("Results table"), reverse("workprogramme:result_list")))
    if may_ever(user, Country, "follow_reporting"):
        entries.append((_("Submissions"), reverse("workprogramme:submission_list")))
    return _("Results"), entries
