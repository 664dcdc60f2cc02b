"""The table of regional functions after §85 of seed 000 (ICCD/COP(9)/3)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.scoping import ScopedQuerySet

from .frameworks import Outcome

RESPONSIBLE_FIELDS = (
    "parties",
    "secretariat",
    "gm",
    "regional_office",
    "regional_committee",
    "tpn",
)


class RegionalFunctionQuerySet(ScopedQuerySet):
    def for_list(self):
        return self.select_related("outcome__objective")


class RegionalFunction(models.Model):
    """A function of the regional coordination mechanism for one Strategy outcome, with who shares it."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="regional_functions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    parties = models.BooleanField(_("Parties"), default=False)
    secretariat = models.BooleanField(default=False)
    gm = models.BooleanField(_("GM"), default=False)
    regional_office = models.BooleanField(default=False)
    regional_committee = models.BooleanField(default=False)
    tpn = models.BooleanField(_("TPN"), default=False)

    objects = RegionalFunctionQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__objective__order", "outcome__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "order"],
                name="regional_function_order_unique_in_outcome",
                violation_error_message=_("This outcome already has a function in this position."),
            ),
            models.CheckConstraint(
                condition=Q(parties=True)
                | Q(secretariat=True)
                | Q(gm=True)
                | Q(regional_office=True)
                | Q(regional_committee=True)
                | Q(tpn=True),
                name="regional_function_has_responsible_body",
                violation_error_message=_("A regional function needs at least one responsible body."),
            ),
        ]

    def __str__(self):
        return f"{self.outcome.code}.{self.order} {self.text[:60]}"

    @property
    def responsible_bodies(self) -> list[str]:
        return [name for name in RESPONSIBLE_FIELDS if getattr(self, name)]

    @property
    def responsible_flags(self) -> list[bool]:
        return [getattr(self, name) for name in RESPONSIBLE_FIELDS]
