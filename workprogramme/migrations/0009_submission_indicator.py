"""One model for values: every SubmissionValue's value becomes an Observation, and SubmissionValue,
keeping only the narrative and the reviewer's comment, becomes SubmissionIndicator.

A scalar indicator's value is the observation with an empty key and an empty time period. The
value columns (raw, number, yes/no, error, source, last validated value) are copied without loss,
and so is their audit history (into the observations' history, each row naming the history row
it came from). The reverse copies them back and removes the scalar observations; table cells,
which a SubmissionValue cannot hold, stay as observations.
"""

import django.db.models.deletion
from django.db import migrations, models

VALUE_FIELDS = ["raw_value", "number_value", "boolean_value", "error", "source", "previous_value"]
MIGRATED_REASON = "migrated from submission value history "
BATCH = 2000


def _scalar_cell_ids(Observation) -> dict[tuple[int, int], int]:
    return {
        (submission_id, indicator_id): pk
        for pk, submission_id, indicator_id in Observation.objects.filter(key="", time_period="").values_list(
            "pk", "submission_id", "indicator_id"
        )
    }


def values_to_observations(apps, schema_editor):
    SubmissionValue = apps.get_model("workprogramme", "SubmissionValue")
    Observation = apps.get_model("workprogramme", "Observation")
    HistoricalSubmissionValue = apps.get_model("workprogramme", "HistoricalSubmissionValue")
    HistoricalObservation = apps.get_model("workprogramme", "HistoricalObservation")
    batch = []
    for value in SubmissionValue.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            Observation(
                submission_id=value.submission_id,
                indicator_id=value.indicator_id,
                key="",
                time_period="",
                members={},
                **{name: getattr(value, name) for name in VALUE_FIELDS},
            )
        )
        if len(batch) >= BATCH:
            _save_cells(Observation, batch)
            batch = []
    _save_cells(Observation, batch)

    cells = _scalar_cell_ids(Observation)
    batch = []
    for record in HistoricalSubmissionValue.objects.order_by("history_id").iterator(chunk_size=BATCH):
        cell = cells.get((record.submission_id, record.indicator_id))
        if cell is None:  # the value's submission is gone: so is the cell its history would belong to
            continue
        batch.append(
            HistoricalObservation(
                id=cell,
                submission_id=record.submission_id,
                indicator_id=record.indicator_id,
                key="",
                time_period="",
                members={},
                justification="",
                history_date=record.history_date,
                history_type=record.history_type,
                history_user_id=record.history_user_id,
                history_change_reason=f"{MIGRATED_REASON}{record.history_id}",
                **{name: getattr(record, name) for name in VALUE_FIELDS},
            )
        )
        if len(batch) >= BATCH:
            HistoricalObservation.objects.bulk_create(batch)
            batch = []
    HistoricalObservation.objects.bulk_create(batch)


def _save_cells(Observation, batch):
    Observation.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["submission", "indicator", "time_period", "key"],
        update_fields=VALUE_FIELDS,
    )


def observations_to_values(apps, schema_editor):
    SubmissionValue = apps.get_model("workprogramme", "SubmissionValue")
    Observation = apps.get_model("workprogramme", "Observation")
    HistoricalSubmissionValue = apps.get_model("workprogramme", "HistoricalSubmissionValue")
    HistoricalObservation = apps.get_model("workprogramme", "HistoricalObservation")
    scalar = Observation.objects.filter(key="", time_period="")
    values = {(v.submission_id, v.indicator_id): v for v in SubmissionValue.objects.all()}
    changed, created = [], []
    for cell in scalar.iterator(chunk_size=BATCH):
        value = values.get((cell.submission_id, cell.indicator_id))
        if value is None:
            value = SubmissionValue(submission_id=cell.submission_id, indicator_id=cell.indicator_id)
            created.append(value)
        else:
            changed.append(value)
        for name in VALUE_FIELDS:
            setattr(value, name, getattr(cell, name))
    SubmissionValue.objects.bulk_update(changed, VALUE_FIELDS, batch_size=BATCH)
    SubmissionValue.objects.bulk_create(created, batch_size=BATCH)

    value_ids = {
        (submission_id, indicator_id): pk
        for pk, submission_id, indicator_id in SubmissionValue.objects.values_list(
            "pk", "submission_id", "indicator_id"
        )
    }
    scalar_history = HistoricalObservation.objects.filter(key="", time_period="")
    migrated = {}
    added = []
    for record in scalar_history.order_by("history_id").iterator(chunk_size=BATCH):
        reason = record.history_change_reason or ""
        if reason.startswith(MIGRATED_REASON):
            migrated[int(reason[len(MIGRATED_REASON) :])] = record
            continue
        value_id = value_ids.get((record.submission_id, record.indicator_id))
        if value_id is None:
            continue
        added.append(
            HistoricalSubmissionValue(
                id=value_id,
                submission_id=record.submission_id,
                indicator_id=record.indicator_id,
                narrative="",
                reviewer_comment="",
                history_date=record.history_date,
                history_type=record.history_type,
                history_user_id=record.history_user_id,
                history_change_reason=record.history_change_reason,
                **{name: getattr(record, name) for name in VALUE_FIELDS},
            )
        )
    restored = list(HistoricalSubmissionValue.objects.filter(history_id__in=list(migrated)))
    for old in restored:
        for name in VALUE_FIELDS:
            setattr(old, name, getattr(migrated[old.history_id], name))
    HistoricalSubmissionValue.objects.bulk_update(restored, VALUE_FIELDS, batch_size=BATCH)
    HistoricalSubmissionValue.objects.bulk_create(added, batch_size=BATCH)
    scalar_history.delete()
    scalar.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workprogramme", "0008_reporting_cycle_title_translations"),
    ]

    operations = [
        migrations.RunPython(values_to_observations, observations_to_values, elidable=False),
        migrations.RemoveConstraint(
            model_name="submissionvalue",
            name="submission_value_invalid_has_no_typed_value",
        ),
        migrations.RemoveConstraint(
            model_name="submissionvalue",
            name="submission_value_one_per_indicator",
        ),
        *(
            migrations.RemoveField(model_name=model, name=name)
            for model in ("submissionvalue", "historicalsubmissionvalue")
            for name in VALUE_FIELDS
        ),
        migrations.RenameModel(old_name="SubmissionValue", new_name="SubmissionIndicator"),
        migrations.RenameModel(old_name="HistoricalSubmissionValue", new_name="HistoricalSubmissionIndicator"),
        migrations.AlterModelOptions(
            name="historicalsubmissionindicator",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical submission indicator",
                "verbose_name_plural": "historical submission indicators",
            },
        ),
        migrations.AlterField(
            model_name="submissionindicator",
            name="submission",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reported_indicators",
                to="workprogramme.submission",
            ),
        ),
        migrations.AlterField(
            model_name="submissionindicator",
            name="indicator",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="submission_links",
                to="workprogramme.indicator",
            ),
        ),
        migrations.AddConstraint(
            model_name="submissionindicator",
            constraint=models.UniqueConstraint(
                fields=("submission", "indicator"),
                name="submission_indicator_unique",
                violation_error_message="The submission already reports this indicator.",
            ),
        ),
    ]
