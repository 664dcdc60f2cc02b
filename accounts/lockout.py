"""Login lockout: a (username, address) pair after a few failures, an address after many.

django-axes counts one failure limit over its lockout parameters; locking the pair alone
lets one address try every username, and locking the username alone (or the address alone)
lets anyone lock the real secretariat out, or everybody behind one proxy. So axes locks the
pair (`AXES_LOCKOUT_PARAMETERS`, `AXES_FAILURE_LIMIT`) and this handler adds a separate,
higher limit per address (`LOGIN_FAILURE_LIMIT_PER_ADDRESS`).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def failures_from_address(ip_address: str | None) -> int:
    if not ip_address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PairAndAddressLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None)
        return failures_from_address(address) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
