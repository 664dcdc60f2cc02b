"""Row scoping shared by the mechanism's querysets: who sees and who edits which rows.

Rules (issue 3): the secretariat and GM staff edit everything; a regional coordinator
edits the offices, committee, meetings, annual reports and networks of their own region;
NFPs see their own country's focal points and nominations and may nominate an STC;
everything else is read-only for logged-in users; offices, committees, networks and
published committee reports are public.
"""

from django.db import models
from django.db.models import Q

from accounts.roles import Role, has_role, is_staff_member


def region_editor_q(user, region_path: str) -> Q | None:
    """Q for the rows a user may edit by region; `Q()` means all rows and None means none."""
    if not user.is_authenticated:
        return None
    if is_staff_member(user):
        return Q()
    if has_role(user, Role.REGIONAL_COORDINATOR) and user.region_id:
        return Q(**{f"{region_path}_id": user.region_id})
    return None


def country_reader_q(
    user,
    country_path: str = "country",
    country_roles: tuple[str, ...] = (Role.NATIONAL_FOCAL_POINT, Role.STC),
) -> Q | None:
    """Q for rows about countries (focal points, nominations) that hold personal data.

    Staff see all, a coordinator the countries of their region, `country_roles` their own country.
    """
    if not user.is_authenticated:
        return None
    if is_staff_member(user):
        return Q()
    conditions = Q(pk__in=[])
    if has_role(user, Role.REGIONAL_COORDINATOR) and user.region_id:
        conditions |= Q(**{f"{country_path}__region_id": user.region_id})
    if any(has_role(user, role) for role in country_roles) and user.country_id:
        conditions |= Q(**{f"{country_path}_id": user.country_id})
    return conditions


def apply_q(queryset: models.QuerySet, condition: Q | None) -> models.QuerySet:
    return queryset.none() if condition is None else queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    """Base of the mechanism's querysets: `public` rows for anyone, edits by region."""

    public = False
    # Path from the model to its region, or None when only staff edit the rows.
    region_path: str | None = None

    def visible_to(self, user):
        if self.public or user.is_authenticated:
            return self.all()
        return self.none()

    def editable_by(self, user):
        if self.region_path is None:
            return self.all() if user.is_authenticated and is_staff_member(user) else self.none()
        return apply_q(self, region_editor_q(user, self.region_path))


def can_create_in_region(user, region_id: int | None) -> bool:
    """Whether `user` may add a row for `region_id` (staff anywhere, a coordinator in theirs)."""
    condition = region_editor_q(user, "region")
    if condition is None:
        return False
    return condition == Q() or region_id == user.region_id
