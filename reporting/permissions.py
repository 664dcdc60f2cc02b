"""Who may view and change the reporting app's rows (see core.scoping for the convention).

Finance and staffing data are internal to the secretariat and the GM, who compile
reports; everyone reads published report versions; only the secretariat publishes.
"""

from core.roles import Role
from core.scoping import ALL, ANYONE, STAFF, declare, where

for label in (
    "reporting.FinanceSnapshot",
    "reporting.BudgetLine",
    "reporting.PostSnapshot",
    "reporting.Post",
):
    declare(label, view=STAFF, change=STAFF)

for label in (
    "reporting.StaffGrade",
    "reporting.FundingSource",
    "reporting.ObjectOfExpenditure",
    "reporting.BudgetHolder",
):
    declare(label, view={ANYONE: ALL}, change=STAFF)

declare(
    "reporting.Report",
    view={ANYONE: where(published=True), **STAFF},
    change=STAFF,
    # Staff queue a failed compile again (the same version).
    actions={"publish": {Role.SECRETARIAT: ALL}, "retry": STAFF},
)
