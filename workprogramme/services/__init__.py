"""Writes of the workprogramme app; every one is an atomic `<entity>_<action>()` service."""

from .capacity import capacity_activity_create, capacity_activity_delete, capacity_activity_update
from .cycles import (
    reporting_cycle_close,
    reporting_cycle_create,
    reporting_cycle_open,
    reporting_cycle_update,
)
from .defaults import default_dataset_import, default_dataset_load
from .imports import cycle_import_values, submission_import_spreadsheet
from .programmes import output_set_status, target_delete, target_set
from .reference import (
    frameworks_load_reference_data,
    languages_load_reference_data,
    national_indicators_load_reference_data,
    regional_functions_load_reference_data,
)
from .reminders import country_send_reminder, reminders_due
from .submissions import (
    submission_add_evidence,
    submission_ensure_accepts_values,
    submission_problems,
    submission_resubmit,
    submission_return_for_correction,
    submission_save_draft,
    submission_start,
    submission_submit,
    submission_validate,
    submission_values_refusal,
)

__all__ = [
    "capacity_activity_create",
    "capacity_activity_delete",
    "capacity_activity_update",
    "cycle_import_values",
    "default_dataset_import",
    "default_dataset_load",
    "frameworks_load_reference_data",
    "languages_load_reference_data",
    "national_indicators_load_reference_data",
    "output_set_status",
    "regional_functions_load_reference_data",
    "reminders_due",
    "country_send_reminder",
    "reporting_cycle_close",
    "reporting_cycle_create",
    "reporting_cycle_open",
    "reporting_cycle_update",
    "submission_add_evidence",
    "submission_ensure_accepts_values",
    "submission_values_refusal",
    "submission_import_spreadsheet",
    "submission_problems",
    "submission_resubmit",
    "submission_return_for_correction",
    "submission_save_draft",
    "submission_start",
    "submission_submit",
    "submission_validate",
    "target_delete",
    "target_set",
]
