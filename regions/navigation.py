from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def items(user):
    return [(_("Regions"), reverse("regions:region_list")), (_("Parties"), reverse("regions:country_list"))]
