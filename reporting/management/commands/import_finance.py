from reporting.models import FinanceSnapshot

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import budget lines (fund,budget_holder,object_of_expenditure,approved,expenditure,forecast)."
    what = "budget lines"
    snapshot_model = FinanceSnapshot
