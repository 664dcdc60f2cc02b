"""Writes of the reporting app (every write goes through one of these services).

The compile job's writes live with the compiler (`reporting.compiler.run`, run by the task) and
are listed here too, so that this package remains the one address of the app's writes.
"""

from ..compiler.run import report_claim, report_compile, report_complete, report_fail, report_set_progress
from .reference import reporting_load_reference_data
from .reports import report_publish, report_request, report_retry, report_unpublish
from .snapshots import (
    snapshot_get_or_create,
    snapshot_import,
    snapshot_row_create,
    snapshot_row_delete,
    snapshot_row_update,
)

__all__ = [
    "report_claim",
    "report_compile",
    "report_complete",
    "report_fail",
    "report_publish",
    "report_request",
    "report_retry",
    "report_set_progress",
    "report_unpublish",
    "reporting_load_reference_data",
    "snapshot_get_or_create",
    "snapshot_import",
    "snapshot_row_create",
    "snapshot_row_delete",
    "snapshot_row_update",
]
