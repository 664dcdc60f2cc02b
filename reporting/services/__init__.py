"""Writes of the reporting app (every write goes through one of these services)."""

from .data import (
    budget_line_create,
    budget_line_delete,
    budget_line_update,
    finance_snapshot_get_or_create,
    finance_snapshot_import,
    post_create,
    post_delete,
    post_snapshot_get_or_create,
    post_snapshot_import,
    post_update,
    reporting_load_reference_data,
)
from .reports import (
    InvalidTransition,
    report_claim,
    report_compile,
    report_complete,
    report_fail,
    report_publish,
    report_request,
    report_set_progress,
    report_unpublish,
)

__all__ = [
    "InvalidTransition",
    "budget_line_create",
    "budget_line_delete",
    "budget_line_update",
    "finance_snapshot_get_or_create",
    "finance_snapshot_import",
    "post_create",
    "post_delete",
    "post_snapshot_get_or_create",
    "post_snapshot_import",
    "post_update",
    "report_claim",
    "report_compile",
    "report_complete",
    "report_fail",
    "report_publish",
    "report_request",
    "report_set_progress",
    "report_unpublish",
    "reporting_load_reference_data",
]
