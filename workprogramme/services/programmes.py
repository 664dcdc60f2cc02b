"""Writes on the work programmes: targets per indicator and the status of outputs."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from core.scoping import ensure_permitted
from regions.models import Country, Region

from ..choices import IndicatorValueType, OutputStatus, TargetLevel
from ..models import Indicator, Output, Target
from .results import results_data_changed

TARGET_FIELDS = ("indicator", "biennium", "level", "region", "country", "value", "note")


def _check_scope(level: str, region: Region | None, country: Country | None) -> None:
    problems = {}
    if level not in TargetLevel.values:
        problems["level"] = gettext("Unknown level '%(level)s'; use %(levels)s.") % {
            "level": level,
            "levels": ", ".join(TargetLevel.values),
        }
    elif level == TargetLevel.GLOBAL and (region or country):
        problems["level"] = gettext("A global target has no region or country.")
    elif level == TargetLevel.REGIONAL and (region is None or country is not None):
        problems["region"] = gettext("A regional target names a region (and no country).")
    elif level == TargetLevel.COUNTRY and (country is None or region is not None):
        problems["country"] = gettext("A country target names a country (and no region).")
    if problems:
        raise ValidationError(problems)


def _check_value(indicator: Indicator, value: Decimal) -> None:
    if value < 0:
        raise ValidationError({"value": gettext("A target cannot be negative.")})
    if indicator.value_type == IndicatorValueType.PERCENTAGE and value > 100:
        raise ValidationError({"value": gettext("A percentage target must be between 0 and 100.")})


@transaction.atomic
def target_set(*, user: User, data: dict) -> Target:
    """Create or change the target of an indicator for a biennium at one level and scope.

    `data` holds the indicator, biennium, level, region or country (by level), value and note.
    """
    unknown = set(data) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), gettext("Unknown field.")))
    level, region, country = data.get("level"), data.get("region"), data.get("country")
    _check_scope(level, region, country)
    target, _ = Target.objects.update_or_create(
        indicator=data["indicator"],
        biennium=data["biennium"],
        level=level,
        region=region,
        country=country,
        defaults={"value": data["value"], "note": (data.get("note") or "")[:300]},
    )
    # Checked on the row as saved (core.scoping), within the transaction: a refusal, like a
    # bad value, rolls the write back.
    ensure_permitted(user, "change", target, "You may not set targets at this level or for this scope.")
    _check_value(data["indicator"], data["value"])
    results_data_changed()
    return target


@transaction.atomic
def target_delete(*, user: User, target: Target) -> None:
    ensure_permitted(user, "change", target, "You may not remove this target.")
    target.delete()
    results_data_changed()


@transaction.atomic
def output_set_status(*, user: User, output: Output, status: str) -> Output:
    """Record the progress of an output (not started, on track, delayed, done, dropped)."""
    ensure_permitted(user, "change", output, "You may not update this output.")
    if status not in OutputStatus.values:
        raise ValidationError(
            {
                "status": gettext("Unknown status '%(status)s'; use %(statuses)s.")
                % {"status": status, "statuses": ", ".join(OutputStatus.values)}
            }
        )
    output.status = status
    output.save(update_fields=["status"])
    return output
