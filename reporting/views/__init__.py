"""Pages of the reporting app."""

from .data import item_edit, snapshot_detail, snapshot_list
from .reports import index, report_detail, report_download, report_publish, report_request, report_table_csv

__all__ = [
    "index",
    "item_edit",
    "report_detail",
    "report_download",
    "report_publish",
    "report_request",
    "report_table_csv",
    "snapshot_detail",
    "snapshot_list",
]
