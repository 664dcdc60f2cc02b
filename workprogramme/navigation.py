from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import Role, has_role, is_staff_member


def menu(user):
    entries = [
        (_("Results frameworks"), reverse("workprogramme:framework_list")),
        (_("Work programmes"), reverse("workprogramme:biennium_list")),
        (_("Reporting cycles"), reverse("workprogramme:cycle_list")),
        (_("Capacity building"), reverse("workprogramme:capacity_list")),
    ]
    if user.is_authenticated:
        entries.append((_("Results table"), reverse("workprogramme:result_list")))
    if user.is_authenticated and (is_staff_member(user) or has_role(user, Role.REGIONAL_COORDINATOR)):
        entries.append((_("Submissions"), reverse("workprogramme:submission_list")))
    return _("Results"), entries
