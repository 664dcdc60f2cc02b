"""Writes on capacity-building activities (seed 004): the secretariat and the GM record them."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import ensure_may_change, save_validated

from ..models import CapacityBuildingActivity

DECISION_PATTERN = re.compile(r"^\d{1,3}/(COP|CRIC|CST)\.\d{1,2}$")
MANY_TO_MANY = ("languages", "partners", "countries", "regions")
FIELDS = (
    "kind",
    "title",
    "description",
    "start_date",
    "end_date",
    "format",
    "participants_female",
    "participants_male",
    "participants_other",
    "mandate_decision",
    "mandate_paragraph",
    "objective",
    "outcome",
    "biennium",
    "source",
)


def _ensure_may_record(user: User, activity: CapacityBuildingActivity) -> None:
    ensure_may_change(
        user, activity, _("Only the secretariat and the GM may record capacity-building activities.")
    )


def _check(activity: CapacityBuildingActivity, languages) -> None:
    """Rules that span fields or tables, all reported at once."""
    problems = {}
    if activity.outcome is not None and activity.objective is None:
        activity.objective = activity.outcome.objective
    if activity.outcome is not None and activity.outcome.objective_id != activity.objective_id:
        problems["outcome"] = _(
            "Outcome %(outcome)s belongs to objective %(parent)s, not to %(objective)s."
        ) % {
            "outcome": activity.outcome.code,
            "parent": activity.outcome.objective.code,
            "objective": activity.objective.code,
        }
    decision = activity.mandate_decision.strip()
    activity.mandate_decision = decision
    if decision and not DECISION_PATTERN.match(decision):
        problems["mandate_decision"] = _("Write the decision as number/BODY.session, e.g. 2/COP.14.")
    if activity.mandate_paragraph and not decision:
        problems["mandate_decision"] = _("Name the decision whose paragraph mandated the activity.")
    if languages is not None and not list(languages):
        problems["languages"] = _("Choose at least one language of the activity.")
    biennium = activity.biennium
    if biennium is not None and activity.start_date is not None:
        ends = activity.end_date or activity.start_date
        if activity.start_date > biennium.end_date or ends < biennium.start_date:
            problems["biennium"] = _("The activity's dates do not fall in the biennium %(code)s.") % {
                "code": biennium.code
            }
    for name in ("participants_female", "participants_male", "participants_other"):
        value = getattr(activity, name)
        if value is not None and value < 0:
            problems[name] = _("Participant numbers cannot be negative.")
    if problems:
        raise ValidationError(problems)


def _save(activity: CapacityBuildingActivity, *, user: User, data: dict) -> CapacityBuildingActivity:
    unknown = set(data) - set(FIELDS) - set(MANY_TO_MANY)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("Unknown field.")))
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(activity, name, "" if value is None and name in _TEXT_FIELDS else value)
    # None: the languages stay as they are (an update that does not name them).
    languages = data.get("languages") or [] if "languages" in data or activity.pk is None else None
    _check(activity, languages)
    many_to_many = {name: data[name] or [] for name in MANY_TO_MANY if name in data}
    return save_validated(activity, user=user, data=many_to_many)


_TEXT_FIELDS = frozenset({"description", "mandate_decision", "mandate_paragraph", "source"})


@transaction.atomic
def capacity_activity_create(*, user: User, data: dict) -> CapacityBuildingActivity:
    """Record a capacity-building activity; `data` holds model fields and the many-to-many lists."""
    activity = CapacityBuildingActivity()
    _ensure_may_record(user, activity)
    return _save(activity, user=user, data=data)


@transaction.atomic
def capacity_activity_update(
    *, user: User, activity: CapacityBuildingActivity, data: dict
) -> CapacityBuildingActivity:
    """Change an activity; fields missing from `data` keep their values."""
    _ensure_may_record(user, activity)
    locked = CapacityBuildingActivity.objects.select_for_update().get(pk=activity.pk)
    return _save(locked, user=user, data=data)


@transaction.atomic
def capacity_activity_delete(*, user: User, activity: CapacityBuildingActivity) -> None:
    _ensure_may_record(user, activity)
    activity.delete()
