"""Migration 0009: every SubmissionValue's value becomes an Observation without loss (its history too),
SubmissionValue becomes SubmissionIndicator, and the reverse gives the values back (also those
entered after the migration)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("workprogramme", "0008_reporting_cycle_title_translations")
AFTER = ("workprogramme", "0009_submission_indicator")
VALUE_FIELDS = ("raw_value", "number_value", "boolean_value", "error", "source", "previous_value")
WHEN = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state([target]).apps


def rows(model, *leading: str) -> list[tuple]:
    """Every row of `model` as a tuple of the `leading` fields and the value fields, sorted."""
    return sorted(
        tuple(getattr(row, name) for name in leading) + tuple(getattr(row, name) for name in VALUE_FIELDS)
        for row in model.objects.all()
    )


def old_values(apps) -> list[tuple]:
    model = apps.get_model("workprogramme", "SubmissionValue")
    return rows(model, "submission_id", "indicator_id", "narrative", "reviewer_comment")


def old_history(apps) -> list[tuple]:
    model = apps.get_model("workprogramme", "HistoricalSubmissionValue")
    return rows(model, "history_id", "id", "history_type", "narrative")


def make_old_data(apps) -> None:
    """A validated submission with a number, a yes/no, an invalid and an empty value, with history."""
    Biennium = apps.get_model("workprogramme", "Biennium")
    Cycle = apps.get_model("workprogramme", "ReportingCycle")
    Submission = apps.get_model("workprogramme", "Submission")
    Indicator = apps.get_model("workprogramme", "Indicator")
    Country = apps.get_model("regions", "Country")
    SubmissionValue = apps.get_model("workprogramme", "SubmissionValue")
    History = apps.get_model("workprogramme", "HistoricalSubmissionValue")
    biennium = Biennium.objects.create(
        code="2090-2091", start_date=datetime.date(2090, 1, 1), end_date=datetime.date(2091, 12, 31)
    )
    cycle = Cycle.objects.create(
        biennium=biennium,
        code="migration",
        title="Migration",
        opens_on=datetime.date(2090, 1, 1),
        deadline=datetime.date(2090, 6, 1),
        state="closed",
    )
    kenya, china = Country.objects.get(iso3="KEN"), Country.objects.get(iso3="CHN")
    validated = Submission.objects.create(cycle=cycle, country=kenya, state="validated", validated_at=WHEN)
    draft = Submission.objects.create(cycle=cycle, country=china, state="draft")
    sf = Indicator.objects.filter(outcome__objective__framework__code="sf-2018-2030")
    projects, adopted, other = sf.get(code="5.2"), sf.get(code="1.1"), sf.get(code="2.2")
    rows = [
        (validated, projects, {"raw_value": "12.5", "number_value": Decimal("12.5"), "source": "estimate",
                               "previous_value": "10", "narrative": "Twelve and a half.",
                               "reviewer_comment": "Round it?"}),
        (validated, adopted, {"raw_value": "yes", "boolean_value": True, "source": "national"}),
        (draft, projects, {"raw_value": "many", "error": "'many' is not a number.", "source": "national"}),
        (draft, other, {}),
    ]  # fmt: skip
    for submission, indicator, fields in rows:
        value = SubmissionValue.objects.create(submission=submission, indicator=indicator, **fields)
        History.objects.create(
            id=value.pk,
            submission_id=submission.pk,
            indicator_id=indicator.pk,
            history_date=WHEN,
            history_type="+",
            **{name: getattr(value, name) for name in (*VALUE_FIELDS, "narrative", "reviewer_comment")},
        )
    first = SubmissionValue.objects.get(submission=validated, indicator=projects)
    History.objects.create(  # an earlier change of the first value
        id=first.pk, submission_id=validated.pk, indicator_id=projects.pk, history_date=WHEN,
        history_type="~", raw_value="10", number_value=Decimal(10), source="national",
    )  # fmt: skip


def test_values_become_observations_and_come_back(reference_data):
    try:
        old = migrate(BEFORE)
        make_old_data(old)
        values_before, history_before = old_values(old), old_history(old)

        new = migrate(AFTER)
        Observation = new.get_model("workprogramme", "Observation")
        reported = new.get_model("workprogramme", "SubmissionIndicator")
        cells = rows(Observation, "submission_id", "indicator_id", "key", "time_period")
        assert cells == sorted(
            (submission, indicator, "", "") + tuple(rest)
            for submission, indicator, _narrative, _comment, *rest in values_before
        )
        assert sorted(
            (entry.submission_id, entry.indicator_id, entry.narrative, entry.reviewer_comment)
            for entry in reported.objects.all()
        ) == sorted(row[:4] for row in values_before)
        history = new.get_model("workprogramme", "HistoricalObservation").objects.order_by("history_id")
        assert [(record.history_type, record.raw_value) for record in history] == [
            ("+", "12.5"),
            ("+", "yes"),
            ("+", "many"),
            ("+", ""),
            ("~", "10"),
        ]
        assert all(record.history_change_reason.startswith("migrated from") for record in history)
        narratives = new.get_model("workprogramme", "HistoricalSubmissionIndicator").objects
        assert narratives.filter(narrative="Twelve and a half.").count() == 1
        # A scalar value entered once the portal runs on observations goes back too.
        submission = new.get_model("workprogramme", "Submission").objects.get(country__iso3="CHN")
        indicator = new.get_model("workprogramme", "Indicator").objects.get(
            code="1.2", outcome__objective__framework__code="sf-2018-2030"
        )
        reported.objects.create(submission=submission, indicator=indicator, narrative="Adopted in 2090.")
        Observation.objects.create(
            submission=submission, indicator=indicator, raw_value="no", boolean_value=False
        )

        back = migrate(BEFORE)
        added = (submission.pk, indicator.pk, "Adopted in 2090.", "", "no", None, False, "", "", "")
        assert old_values(back) == sorted([*values_before, added])
        assert old_history(back) == history_before
        assert not back.get_model("workprogramme", "Observation").objects.exists()
        assert not back.get_model("workprogramme", "HistoricalObservation").objects.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
