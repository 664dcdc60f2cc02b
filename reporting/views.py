"""Public pages of the reporting app."""

from django.shortcuts import render

from .models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade


def index(request):
    """The reference lists that finance and staffing data are keyed by."""
    context = {
        "budget_holders": BudgetHolder.objects.select_related("unit"),
        "funding_sources": FundingSource.objects.all(),
        "objects_of_expenditure": ObjectOfExpenditure.objects.all(),
        "grades": StaffGrade.objects.all(),
    }
    return render(request, "reporting/index.html", context)
