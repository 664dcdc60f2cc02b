"""Writes on reporting cycles: the secretariat and the GM create, change, open and close them."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from core.errors import InvalidTransition
from core.services import ensure_may_change

from ..choices import IndicatorReporter, ReportingCycleState
from ..models import Indicator, ReportingCycle, ReportingCycleIndicator

MAX_CYCLE_DAYS = 730
RESERVED_CODES = {"new"}
EDITABLE_FIELDS = ("biennium", "code", "title", "opens_on", "deadline", "indicators")
FIXED_ONCE_OPEN = ("biennium", "code", "opens_on")


def _ensure_may_manage(user: User, cycle: ReportingCycle) -> None:
    ensure_may_change(user, cycle, _("Only the secretariat and the GM may manage reporting cycles."))


def _check_dates(opens_on: datetime.date | None, deadline: datetime.date | None) -> dict:
    problems = {}
    if opens_on is None:
        problems["opens_on"] = _("Give the date the cycle opens.")
    if deadline is None:
        problems["deadline"] = _("Give the deadline.")
    if problems:
        return problems
    if deadline <= opens_on:
        problems["deadline"] = _("The deadline must fall after the opening date (%(date)s).") % {
            "date": opens_on.isoformat()
        }
    elif (deadline - opens_on).days > MAX_CYCLE_DAYS:
        problems["deadline"] = _(
            "The deadline must fall within two years of the opening date (%(date)s)."
        ) % {"date": opens_on.isoformat()}
    return problems


def _check_indicators(indicators: list[Indicator]) -> dict:
    secretariat_reported = [item.code for item in indicators if item.reported_by != IndicatorReporter.COUNTRY]
    if secretariat_reported:
        return {
            "indicators": _("Countries do not report these indicators (the secretariat does): %(codes)s.")
            % {"codes": ", ".join(secretariat_reported)}
        }
    if len({item.pk for item in indicators}) != len(indicators):
        return {"indicators": _("Each indicator can be asked for only once.")}
    return {}


def _check_code(code: str, cycle: ReportingCycle | None) -> dict:
    code = (code or "").strip()
    if not code:
        return {"code": _("Give the cycle a short code, e.g. prais-2018.")}
    try:
        validate_slug(code)
    except ValidationError:
        return {"code": _("Use only letters, digits, hyphens and underscores in the code.")}
    if code in RESERVED_CODES:
        return {
            "code": _("'%(code)s' is reserved for the portal's addresses; choose another code.")
            % {"code": code}
        }
    taken = ReportingCycle.objects.filter(code=code)
    if cycle is not None:
        taken = taken.exclude(pk=cycle.pk)
    if taken.exists():
        return {"code": _("Another reporting cycle already has the code '%(code)s'.") % {"code": code}}
    return {}


def _check(cycle: ReportingCycle, indicators: list[Indicator], existing: ReportingCycle | None) -> None:
    """All the rules on a cycle's fields, reported at once."""
    problems = {}
    problems.update(_check_code(cycle.code, existing))
    if not (cycle.title or "").strip():
        problems["title"] = _("Give the cycle a title.")
    if cycle.biennium_id is None:
        problems["biennium"] = _("Choose the biennium the cycle reports on.")
    problems.update(_check_dates(cycle.opens_on, cycle.deadline))
    problems.update(_check_indicators(indicators))
    if problems:
        raise ValidationError(problems)


def _set_indicators(cycle: ReportingCycle, indicators: list[Indicator], *, user: User) -> None:
    """Keep the links that stay (with their order and 'required' flag), drop the others, add the new."""
    wanted = {item.pk for item in indicators}
    cycle.cycle_indicators.exclude(indicator_id__in=wanted).delete()
    kept = set(cycle.cycle_indicators.values_list("indicator_id", flat=True))
    last = max(cycle.cycle_indicators.values_list("order", flat=True), default=0)
    new_links = []
    for item in indicators:
        if item.pk not in kept:
            last += 1
            new_links.append(ReportingCycleIndicator(cycle=cycle, indicator=item, order=last))
    # With their history rows (who added which indicator, when), as the removals above leave theirs.
    bulk_create_with_history(new_links, ReportingCycleIndicator, default_user=user)


def _keep_an_english_title(cycle: ReportingCycle) -> None:
    """The title typed in any language is the English one too while the cycle has none, so that every
    language reads a title (the others fall back to English) until it is translated."""
    if cycle.title and not cycle.title_en:
        cycle.title_en = cycle.title


def _check_known_fields(data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in sorted(unknown)})


@transaction.atomic
def reporting_cycle_create(*, user: User, data: dict) -> ReportingCycle:
    """Plan a reporting cycle of a biennium: its deadline and the country-reported indicators it asks for.

    `data` holds the biennium, code, title, opening date, deadline and indicators (EDITABLE_FIELDS).
    """
    cycle = ReportingCycle(state=ReportingCycleState.PLANNED)
    _ensure_may_manage(user, cycle)
    _check_known_fields(data)
    indicators = list(data.get("indicators") or [])
    cycle.biennium = data.get("biennium")
    cycle.code = (data.get("code") or "").strip()
    cycle.title = (data.get("title") or "").strip()
    _keep_an_english_title(cycle)
    cycle.opens_on, cycle.deadline = data.get("opens_on"), data.get("deadline")
    _check(cycle, indicators, existing=None)
    cycle.save()
    _set_indicators(cycle, indicators, user=user)
    return cycle


def _check_open_cycle_change(cycle: ReportingCycle, data: dict, indicators: list[Indicator] | None) -> None:
    """An open cycle keeps its biennium, code and opening date; its indicators once a country started."""
    problems = {}
    for field in FIXED_ONCE_OPEN:
        if field in data and data[field] != getattr(cycle, field):
            problems[field] = _("The cycle is open: its %(field)s can no longer change.") % {
                "field": ReportingCycle._meta.get_field(field).verbose_name
            }
    if indicators is not None and cycle.submissions.exists():
        current = set(cycle.cycle_indicators.values_list("indicator_id", flat=True))
        if {item.pk for item in indicators} != current:
            problems["indicators"] = _(
                "Countries have already started their reports: the indicators of this cycle can no longer "
                "change."
            )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def reporting_cycle_update(*, user: User, cycle: ReportingCycle, data: dict) -> ReportingCycle:
    """Change a planned or open cycle; `data` holds only the fields to change (see EDITABLE_FIELDS)."""
    _ensure_may_manage(user, cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state == ReportingCycleState.CLOSED:
        raise InvalidTransition(_("The cycle is closed: it can no longer be changed."))
    _check_known_fields(data)
    indicators = list(data["indicators"]) if "indicators" in data else None
    if cycle.state == ReportingCycleState.OPEN:
        _check_open_cycle_change(cycle, data, indicators)
    for field in ("biennium", "code", "title", "opens_on", "deadline"):
        if field in data:
            value = data[field]
            setattr(cycle, field, value.strip() if isinstance(value, str) else value)
    _keep_an_english_title(cycle)
    current = indicators if indicators is not None else list(cycle.indicators.all())
    _check(cycle, current, existing=cycle)
    cycle.save()
    if indicators is not None:
        _set_indicators(cycle, indicators, user=user)
    return cycle


@transaction.atomic
def reporting_cycle_open(*, user: User, cycle: ReportingCycle) -> ReportingCycle:
    """Open a planned cycle to the countries today; it needs indicators and a deadline still ahead."""
    _ensure_may_manage(user, cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state == ReportingCycleState.OPEN:
        raise InvalidTransition(_("The cycle is already open."))
    if cycle.state == ReportingCycleState.CLOSED:
        raise InvalidTransition(_("The cycle is closed: it cannot be opened again."))
    if not cycle.cycle_indicators.exists():
        raise InvalidTransition(_("Choose the indicators the countries report before opening the cycle."))
    today = timezone.localdate()
    if cycle.deadline <= today:
        raise InvalidTransition(
            _("The deadline (%(date)s) has passed or is today: move it later before opening the cycle.")
            % {"date": cycle.deadline.isoformat()}
        )
    cycle.state = ReportingCycleState.OPEN
    cycle.opens_on = today
    cycle.save(update_fields=["state", "opens_on"])
    return cycle


@transaction.atomic
def reporting_cycle_close(*, user: User, cycle: ReportingCycle) -> ReportingCycle:
    """Close an open cycle: countries can no longer start reports in it."""
    _ensure_may_manage(user, cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state == ReportingCycleState.CLOSED:
        raise InvalidTransition(_("The cycle is already closed."))
    if cycle.state == ReportingCycleState.PLANNED:
        raise InvalidTransition(_("The cycle was never opened: open it before closing it."))
    cycle.state = ReportingCycleState.CLOSED
    cycle.save(update_fields=["state"])
    return cycle
