"""Reporting-cycle services: planning, changing, opening and closing, and the errors they raise."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.errors import InvalidTransition
from tests.factories import BienniumFactory, ReportingCycleFactory, SubmissionFactory
from workprogramme.models import ReportingCycle, Submission
from workprogramme.services import (
    reporting_cycle_close,
    reporting_cycle_create,
    reporting_cycle_open,
    reporting_cycle_update,
    submission_start,
)

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def plan(user, **changes):
    arguments = {
        "biennium": BienniumFactory(start_year=2026),
        "code": "prais-2026",
        "title": "PRAIS 2026",
        "opens_on": TODAY + datetime.timedelta(days=10),
        "deadline": TODAY + datetime.timedelta(days=120),
        "indicators": [sf_indicator("1.1"), sf_indicator("5.2")],
    }
    return reporting_cycle_create(user=user, data=arguments | changes)


def test_create_plans_a_cycle_with_its_indicators(secretariat_user):
    cycle = plan(secretariat_user)
    assert cycle.state == "planned"
    assert [link.indicator.code for link in cycle.cycle_indicators.all()] == ["1.1", "5.2"]
    assert all(link.is_required for link in cycle.cycle_indicators.all())


def test_the_gm_may_plan_a_cycle(gm_user):
    assert plan(gm_user).state == "planned"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"deadline": TODAY + datetime.timedelta(days=10)}, "deadline", "after the opening date"),
        ({"deadline": TODAY}, "deadline", "after the opening date"),
        ({"deadline": TODAY + datetime.timedelta(days=800)}, "deadline", "within two years"),
        ({"code": "not a slug!"}, "code", "letters, digits"),
        ({"code": "new"}, "code", "reserved"),
        ({"title": "  "}, "title", "title"),
    ],
)
def test_create_refuses_bad_fields_and_saves_nothing(secretariat_user, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        plan(secretariat_user, **changes)
    assert message in " ".join(caught.value.message_dict[field])
    assert not ReportingCycle.objects.exists()


def test_create_refuses_indicators_the_secretariat_reports(secretariat_user):
    with pytest.raises(ValidationError) as caught:
        plan(secretariat_user, indicators=[sf_indicator("1.1"), sf_indicator("1.3")])
    assert "1.3" in caught.value.message_dict["indicators"][0]
    assert not ReportingCycle.objects.exists()


def test_create_lists_every_problem_at_once(secretariat_user):
    with pytest.raises(ValidationError) as caught:
        plan(secretariat_user, code="", title="", deadline=TODAY, indicators=[sf_indicator("1.3")])
    assert set(caught.value.message_dict) == {"code", "title", "deadline", "indicators"}


def test_create_refuses_a_code_in_use(secretariat_user):
    plan(secretariat_user)
    with pytest.raises(ValidationError) as caught:
        plan(secretariat_user, title="Another")
    assert "already has the code" in caught.value.message_dict["code"][0]
    assert ReportingCycle.objects.count() == 1


@pytest.mark.parametrize("who", ["nfp_kenya", "coordinator_africa", "api_reader"])
def test_only_staff_may_plan(request, who):
    with pytest.raises(PermissionDenied):
        plan(request.getfixturevalue(who))
    assert not ReportingCycle.objects.exists()


def test_update_a_planned_cycle_changes_every_field(secretariat_user):
    cycle = plan(secretariat_user)
    reporting_cycle_update(
        user=secretariat_user,
        cycle=cycle,
        data={"code": "prais-2026b", "title": "PRAIS 2026 (b)", "indicators": [sf_indicator("5.2")]},
    )
    cycle.refresh_from_db()
    assert (cycle.code, cycle.title) == ("prais-2026b", "PRAIS 2026 (b)")
    assert [link.indicator.code for link in cycle.cycle_indicators.all()] == ["5.2"]


def test_update_keeps_order_and_required_flag_of_indicators_that_stay(secretariat_user):
    cycle = plan(secretariat_user)
    cycle.cycle_indicators.filter(indicator=sf_indicator("5.2")).update(is_required=False)
    reporting_cycle_update(
        user=secretariat_user,
        cycle=cycle,
        data={"indicators": [sf_indicator("5.2"), sf_indicator("2.2"), sf_indicator("1.1")]},
    )
    links = list(cycle.cycle_indicators.order_by("order").values_list("indicator__code", "is_required"))
    assert links == [("1.1", True), ("5.2", False), ("2.2", True)]


def test_update_of_an_open_cycle_fixes_code_and_opening_but_moves_the_deadline(secretariat_user):
    cycle = ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    new_deadline = cycle.deadline + datetime.timedelta(days=30)
    reporting_cycle_update(user=secretariat_user, cycle=cycle, data={"deadline": new_deadline})
    with pytest.raises(ValidationError) as caught:
        reporting_cycle_update(
            user=secretariat_user, cycle=cycle, data={"code": "renamed", "opens_on": TODAY, "title": "X"}
        )
    assert set(caught.value.message_dict) == {"code", "opens_on"}
    cycle.refresh_from_db()
    assert cycle.deadline == new_deadline and cycle.title != "X"


def test_indicators_of_an_open_cycle_are_fixed_once_a_country_started(secretariat_user):
    cycle = ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    SubmissionFactory(cycle=cycle)
    with pytest.raises(ValidationError) as caught:
        reporting_cycle_update(
            user=secretariat_user,
            cycle=cycle,
            data={"indicators": [sf_indicator("1.1"), sf_indicator("5.2")]},
        )
    assert "already started" in caught.value.message_dict["indicators"][0]
    assert cycle.cycle_indicators.count() == 1


def test_a_closed_cycle_cannot_be_changed(secretariat_user):
    cycle = ReportingCycleFactory(state="closed", indicators=[sf_indicator("1.1")])
    with pytest.raises(InvalidTransition, match="closed"):
        reporting_cycle_update(user=secretariat_user, cycle=cycle, data={"title": "Changed"})
    cycle.refresh_from_db()
    assert cycle.title != "Changed"


@pytest.mark.parametrize("state", ["planned", "closed"])
def test_no_country_starts_a_report_in_a_cycle_that_is_not_open(nfp_kenya, state):
    cycle = ReportingCycleFactory(state=state, indicators=[sf_indicator("1.1")])
    with pytest.raises(InvalidTransition, match="not open"):
        submission_start(user=nfp_kenya, cycle=cycle, country=nfp_kenya.country)
    assert not Submission.objects.filter(cycle=cycle).exists()


def test_update_refuses_fields_it_does_not_own(secretariat_user):
    cycle = plan(secretariat_user)
    with pytest.raises(ValidationError) as caught:
        reporting_cycle_update(user=secretariat_user, cycle=cycle, data={"state": "closed"})
    assert "state" in caught.value.message_dict
    cycle.refresh_from_db()
    assert cycle.state == "planned"


def test_open_records_today_and_close_ends_the_cycle(secretariat_user):
    cycle = plan(secretariat_user)
    reporting_cycle_open(user=secretariat_user, cycle=cycle)
    cycle.refresh_from_db()
    assert (cycle.state, cycle.opens_on) == ("open", TODAY)
    reporting_cycle_close(user=secretariat_user, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.state == "closed"


def test_a_cycle_without_indicators_cannot_open(secretariat_user):
    cycle = ReportingCycleFactory(state="planned")
    with pytest.raises(InvalidTransition, match="indicators"):
        reporting_cycle_open(user=secretariat_user, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.state == "planned"


def test_a_cycle_whose_deadline_passed_cannot_open(secretariat_user):
    cycle = ReportingCycleFactory(
        state="planned",
        opens_on=TODAY - datetime.timedelta(days=60),
        deadline=TODAY - datetime.timedelta(days=1),
        indicators=[sf_indicator("1.1")],
    )
    with pytest.raises(InvalidTransition, match="deadline"):
        reporting_cycle_open(user=secretariat_user, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.state == "planned"


@pytest.mark.parametrize(
    ("state", "service", "message"),
    [
        ("open", reporting_cycle_open, "already open"),
        ("closed", reporting_cycle_open, "cannot be opened again"),
        ("closed", reporting_cycle_close, "already closed"),
        ("planned", reporting_cycle_close, "never opened"),
    ],
)
def test_illegal_transitions_are_refused(secretariat_user, state, service, message):
    cycle = ReportingCycleFactory(state=state, indicators=[sf_indicator("1.1")])
    with pytest.raises(InvalidTransition, match=message):
        service(user=secretariat_user, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.state == state


@pytest.mark.parametrize("who", ["nfp_kenya", "coordinator_africa", "api_reader"])
def test_only_staff_may_open_or_close(request, who):
    planned = ReportingCycleFactory(state="planned", indicators=[sf_indicator("1.1")])
    opened = ReportingCycleFactory(indicators=[sf_indicator("1.1")])
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        reporting_cycle_open(user=user, cycle=planned)
    with pytest.raises(PermissionDenied):
        reporting_cycle_close(user=user, cycle=opened)
    assert list(ReportingCycle.objects.order_by("pk").values_list("state", flat=True)) == ["planned", "open"]
