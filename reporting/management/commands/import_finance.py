from reporting.services import finance_snapshot_import

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import budget lines (fund,budget_holder,object_of_expenditure,approved,expenditure,forecast)."
    what = "budget lines"

    def import_file(self, **kwargs):
        return finance_snapshot_import(**kwargs)
