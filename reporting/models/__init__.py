"""Models of the reporting app: reference lists, finance and staffing data, compiled reports."""

from .reference import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade
from .reports import WORKER_DIED, Report
from .snapshots import BudgetLine, FinanceSnapshot, Post, PostSnapshot, Snapshot

__all__ = [
    "BudgetHolder",
    "BudgetLine",
    "FinanceSnapshot",
    "FundingSource",
    "ObjectOfExpenditure",
    "Post",
    "PostSnapshot",
    "Report",
    "Snapshot",
    "StaffGrade",
    "WORKER_DIED",
]
