"""What each role sees on its home page."""

from django.db.models import Count, Q

from regions.models import Country
from workprogramme.selectors import country_obligations

from .roles import Role


def home_context(user, role: str | None) -> dict:
    """Data for the home page of `user` acting in `role`."""
    if role in (Role.NATIONAL_FOCAL_POINT, Role.STC):
        return {
            "country": Country.objects.with_geography().filter(pk=user.country_id).first(),
            "reporting": country_obligations(user.country_id),
        }
    if role == Role.REGIONAL_COORDINATOR:
        countries = Country.objects.filter(region_id=user.region_id).order_by("name")
        return {"region": user.region, "countries": countries}
    if role in (Role.SECRETARIAT, Role.GM):
        return {
            "party_counts": Country.objects.aggregate(
                total=Count("id"), affected=Count("id", filter=Q(is_affected=True))
            )
        }
    return {}
