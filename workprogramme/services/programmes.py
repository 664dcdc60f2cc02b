"""Writes on the work programmes: targets per indicator and the status of outputs."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.roles import Role, has_role, is_staff_member
from regions.models import Country, Region

from ..choices import IndicatorValueType, OutputStatus, TargetLevel
from ..models import Biennium, Indicator, Output, Target


def _check_scope(level: str, region: Region | None, country: Country | None) -> None:
    problems = {}
    if level not in TargetLevel.values:
        problems["level"] = f"Unknown level '{level}'; use {', '.join(TargetLevel.values)}."
    elif level == TargetLevel.GLOBAL and (region or country):
        problems["level"] = "A global target has no region or country."
    elif level == TargetLevel.REGIONAL and (region is None or country is not None):
        problems["region"] = "A regional target names a region (and no country)."
    elif level == TargetLevel.COUNTRY and (country is None or region is not None):
        problems["country"] = "A country target names a country (and no region)."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def target_set(
    *,
    user,
    indicator: Indicator,
    biennium: Biennium,
    level: str,
    value: Decimal,
    region: Region | None = None,
    country: Country | None = None,
    note: str = "",
) -> Target:
    """Create or change the target of an indicator for a biennium at one level and scope."""
    _check_scope(level, region, country)
    if not _may_edit_target(user, Target(level=level, region=region, country=country)):
        raise PermissionDenied("You may not set targets at this level or for this scope.")
    if value < 0:
        raise ValidationError({"value": "A target cannot be negative."})
    if indicator.value_type == IndicatorValueType.PERCENTAGE and value > 100:
        raise ValidationError({"value": "A percentage target must be between 0 and 100."})
    target, _ = Target.objects.update_or_create(
        indicator=indicator,
        biennium=biennium,
        level=level,
        region=region,
        country=country,
        defaults={"value": value, "note": note[:300]},
    )
    return target


def _may_edit_target(user, target: Target) -> bool:
    """The same rule as Target.objects.editable_by(user), for a target not saved yet."""
    if is_staff_member(user):
        return True
    return (
        has_role(user, Role.REGIONAL_COORDINATOR)
        and target.level == TargetLevel.REGIONAL
        and target.region is not None
        and target.region.pk == user.region_id
    )


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    if not _may_edit_target(user, target):
        raise PermissionDenied("You may not remove this target.")
    target.delete()


@transaction.atomic
def output_set_status(*, user, output: Output, status: str) -> Output:
    """Record the progress of an output (not started, on track, delayed, done, dropped)."""
    if not Output.objects.editable_by(user).filter(pk=output.pk).exists():
        raise PermissionDenied("You may not update this output.")
    if status not in OutputStatus.values:
        raise ValidationError({"status": f"Unknown status '{status}'; use {', '.join(OutputStatus.values)}."})
    output.status = status
    output.save(update_fields=["status"])
    return output
