"""Pages of the reporting app."""

from .data import SnapshotListView, item_edit, snapshot_detail
from .reports import (
    ReportDetailView,
    ReportListView,
    ReportRequestView,
    report_download,
    report_publish,
    report_retry,
    report_table_csv,
    report_unpublish,
)

__all__ = [
    "ReportDetailView",
    "ReportListView",
    "ReportRequestView",
    "SnapshotListView",
    "item_edit",
    "report_download",
    "report_publish",
    "report_retry",
    "report_table_csv",
    "report_unpublish",
    "snapshot_detail",
]
