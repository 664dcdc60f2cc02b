"""The submission workflow through its services: states, who may move them, locking, problems."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.errors import InvalidTransition, StaleVersion
from tests.factories import ObservationFactory, SubmissionFactory
from workprogramme.models import Submission
from workprogramme.services import (
    submission_resubmit,
    submission_return_for_correction,
    submission_save_draft,
    submission_start,
    submission_submit,
    submission_validate,
)

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def fill(submission, user, entries):
    """Save a draft; the errors still to fix before submitting, as the submit step lists them."""
    submission.refresh_from_db()
    return submission_save_draft(
        submission=submission, user=user, expected_version=submission.version, entries=entries
    ).error_texts


def test_full_journey_records_every_transition(kenya_draft, nfp_kenya, secretariat_user, complete_entries):
    assert fill(kenya_draft, nfp_kenya, complete_entries) == []
    submission_submit(submission=kenya_draft, user=nfp_kenya, comment="Ready.")
    ldn = sf_indicator("1.1").pk
    submission_return_for_correction(
        submission=kenya_draft,
        user=secretariat_user,
        comment="Please check 1.1.",
        indicator_comments={ldn: "Which targets?"},
    )
    kenya_draft.refresh_from_db()
    assert kenya_draft.state == "returned"
    assert kenya_draft.reported_indicators.get(indicator_id=ldn).reviewer_comment == "Which targets?"
    fill(kenya_draft, nfp_kenya, {ldn: {"narrative": "Targets adopted by cabinet in 2019."}})
    submission_resubmit(submission=kenya_draft, user=nfp_kenya)
    submission_validate(submission=kenya_draft, user=secretariat_user, comment="Thank you.")

    kenya_draft.refresh_from_db()
    assert kenya_draft.state == "validated" and kenya_draft.validated_at is not None
    steps = list(kenya_draft.transitions.values_list("from_state", "to_state", "actor__username", "comment"))
    assert [step[:2] for step in steps] == [
        ("draft", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "resubmitted"),
        ("resubmitted", "validated"),
    ]
    assert steps[2][2:] == (secretariat_user.username, "Please check 1.1.")
    assert kenya_draft.history.count() >= 5


def test_validated_data_is_locked(kenya_draft, nfp_kenya, secretariat_user, complete_entries):
    fill(kenya_draft, nfp_kenya, complete_entries)
    submission_submit(submission=kenya_draft, user=nfp_kenya)
    submission_validate(submission=kenya_draft, user=secretariat_user)
    with pytest.raises(InvalidTransition, match="can no longer be edited"):
        fill(kenya_draft, nfp_kenya, {sf_indicator("5.2").pk: {"value": "9"}})
    with pytest.raises(InvalidTransition):
        submission_submit(submission=kenya_draft, user=nfp_kenya)
    assert kenya_draft.observations.get(indicator=sf_indicator("5.2")).raw_value == "3"


def test_returning_a_draft_is_refused(kenya_draft, secretariat_user):
    with pytest.raises(InvalidTransition, match="draft submission cannot be returned"):
        submission_return_for_correction(submission=kenya_draft, user=secretariat_user, comment="No")
    assert Submission.objects.get(pk=kenya_draft.pk).state == "draft"


@pytest.mark.parametrize("actor", ["stc_kenya", "nfp_china", "secretariat_user", "coordinator_africa"])
def test_only_the_countrys_nfp_submits(request, actor, kenya_draft, nfp_kenya, complete_entries):
    fill(kenya_draft, nfp_kenya, complete_entries)
    with pytest.raises(PermissionDenied):
        submission_submit(submission=kenya_draft, user=request.getfixturevalue(actor))
    assert Submission.objects.get(pk=kenya_draft.pk).state == "draft"


@pytest.mark.parametrize("actor", ["nfp_kenya", "coordinator_africa", "api_reader"])
def test_only_staff_validate_or_return(request, actor, kenya_draft, nfp_kenya, complete_entries):
    fill(kenya_draft, nfp_kenya, complete_entries)
    submission_submit(submission=kenya_draft, user=nfp_kenya)
    user = request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        submission_validate(submission=kenya_draft, user=user)
    with pytest.raises(PermissionDenied):
        submission_return_for_correction(submission=kenya_draft, user=user, comment="x")
    assert Submission.objects.get(pk=kenya_draft.pk).state == "submitted"


def test_stc_edits_drafts_but_other_countries_cannot(kenya_draft, stc_kenya, nfp_china):
    fill(kenya_draft, stc_kenya, {sf_indicator("5.2").pk: {"value": "4", "source": "national"}})
    with pytest.raises(PermissionDenied):
        fill(kenya_draft, nfp_china, {sf_indicator("5.2").pk: {"value": "99"}})
    assert kenya_draft.observations.get(indicator=sf_indicator("5.2")).raw_value == "4"


def test_stale_save_is_refused_and_nothing_overwritten(kenya_draft, nfp_kenya, stc_kenya):
    opened_version = kenya_draft.version
    projects = sf_indicator("5.2").pk
    submission_save_draft(
        submission=kenya_draft,
        user=stc_kenya,
        expected_version=opened_version,
        entries={projects: {"value": "5"}},
    )
    with pytest.raises(StaleVersion, match="Someone else saved"):
        submission_save_draft(
            submission=kenya_draft,
            user=nfp_kenya,
            expected_version=opened_version,
            entries={projects: {"value": "7"}},
        )
    assert kenya_draft.observations.get(indicator_id=projects).raw_value == "5"


def test_draft_keeps_invalid_values_and_submit_lists_every_problem(kenya_draft, nfp_kenya):
    problems = fill(
        kenya_draft,
        nfp_kenya,
        {
            sf_indicator("5.2").pk: {"value": "lots", "source": "national"},
            sf_indicator("1.1").pk: {"value": "maybe", "source": "national"},
            sf_indicator("2.2").pk: {"value": "yes"},
        },
    )
    every_problem = [
        "Indicator 1.1: Answer yes or no, not 'maybe'.",
        "Indicator 1.2: a value is required.",
        "Indicator 2.2: say where the value comes from (national data, default data or estimate).",
        "Indicator 5.2: 'lots' is not a number.",
    ]
    assert problems == every_problem
    kept = kenya_draft.observations.get(indicator=sf_indicator("5.2"))
    assert (kept.raw_value, kept.number_value, kept.error) == ("lots", None, "'lots' is not a number.")

    with pytest.raises(ValidationError) as error:
        submission_submit(submission=kenya_draft, user=nfp_kenya)
    assert error.value.messages == every_problem
    assert Submission.objects.get(pk=kenya_draft.pk).state == "draft"


def test_ranges_negative_and_counted_maximum(kenya_draft, nfp_kenya):
    projects = sf_indicator("5.2")
    projects.maximum_value = 50
    projects.save()

    def range_problems(value):
        problems = fill(kenya_draft, nfp_kenya, {projects.pk: {"value": value, "source": "national"}})
        return [problem for problem in problems if problem.startswith("Indicator 5.2")]

    assert range_problems("-1") == ["Indicator 5.2: The value cannot be negative."]
    assert range_problems("51") == ["Indicator 5.2: The value cannot exceed 50."]
    assert range_problems("50") == []


def test_new_cycle_is_prefilled_with_last_validated_values(cycle, kenya, nfp_kenya):
    from tests.factories import BienniumFactory, ReportingCycleFactory

    earlier = SubmissionFactory(
        cycle=ReportingCycleFactory(
            biennium=BienniumFactory(start_year=2022), indicators=[sf_indicator("5.2")]
        ),
        country=kenya,
        state="validated",
    )
    ObservationFactory(
        submission=earlier, indicator=sf_indicator("5.2"), raw_value="4", number_value=4, boolean_value=None
    )
    draft = submission_start(cycle=cycle, country=kenya, user=nfp_kenya)
    value = draft.observations.get(indicator=sf_indicator("5.2"))
    assert (value.raw_value, value.previous_value, value.source, value.changed_since_last) == (
        "4",
        "4",
        "national",
        False,
    )
    fill(draft, nfp_kenya, {sf_indicator("5.2").pk: {"value": "6"}})
    assert draft.observations.get(indicator=sf_indicator("5.2")).changed_since_last


def test_a_country_gets_one_submission_per_cycle(kenya_draft, cycle, nfp_kenya):
    with pytest.raises(InvalidTransition, match="already has a submission"):
        submission_start(cycle=cycle, country=nfp_kenya.country, user=nfp_kenya)
