from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def menu(user):
    """Annexes, Parties and one entry for the regional mechanism (its overview links every list)."""
    return _("Regions"), [
        (_("Regions"), reverse("regions:region_list")),
        (_("Parties"), reverse("regions:country_list")),
        (_("Regional mechanism"), reverse("regions:mechanism")),
    ]
