"""Pages of the reporting app: reports (public when published), finance and staffing data (staff).

Views are thin: they read through `visible_to`/`editable_by` and write through the services.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.paging import paginate
from core.roles import Role, has_role, is_staff_member

from .. import selectors, services
from ..filtersets import ReportFilterSet
from ..forms import ReportRequestForm
from ..models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade
from ..rendering.charts import charts_for
from ..rendering.files import DOCX_MIME, XLSX_MIME, report_docx, report_filename, report_xlsx, table_csv


def add_service_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def staff_only(view):
    """Finance and staffing pages: log in first; secretariat and GM staff only (403 otherwise)."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


def index(request):
    """The reports the user may see, filterable; staff also request a new compile here."""
    base = selectors.report_list(request.user)
    filterset = ReportFilterSet(request.GET, queryset=base)
    rows = filterset.qs if filterset.is_valid() else base.none()
    context = {
        "filterset": filterset,
        "page": paginate(request, rows),
        "request_form": ReportRequestForm() if is_staff_member(request.user) else None,
        "budget_holders": BudgetHolder.objects.select_related("unit"),
        "funding_sources": FundingSource.objects.all(),
        "objects_of_expenditure": ObjectOfExpenditure.objects.all(),
        "grades": StaffGrade.objects.all(),
    }
    return render(request, "reporting/index.html", context)


@require_POST
def report_request(request):
    """Queue the compile of a new report version (secretariat and GM)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_staff_member(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_request(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report is being compiled."))
            return redirect("reporting:report_detail", pk=report.pk)
    base = selectors.report_list(request.user)
    context = {
        "filterset": ReportFilterSet(queryset=base),
        "page": paginate(request, base),
        "request_form": form,
    }
    return render(request, "reporting/index.html", context, status=400)


def report_detail(request, pk: int):
    """A report version: tables with their charts, checks, progress while it compiles."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    charts = charts_for(report.tables) if report.tables else {}
    context = {
        "report": report,
        "tables": [(table, charts.get(table["number"], "")) for table in report.tables],
        "can_edit": is_staff_member(request.user),
        "can_publish": has_role(request.user, Role.SECRETARIAT) and report.status == "complete",
        "history": report.history.select_related("history_user")[:20]
        if is_staff_member(request.user)
        else [],
    }
    return render(request, "reporting/report_detail.html", context)


def report_table_csv(request, pk: int, number: int):
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    table = next((t for t in report.tables if t["number"] == number), None)
    if table is None:
        return HttpResponse(_("No such table."), status=404, content_type="text/plain")
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(report, "csv")[:-4]}_t{number}.csv"'
    )
    return response


def report_download(request, pk: int, extension: str):
    """The report as XLSX (one sheet per table) or DOCX (the document in the seed's order)."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk, status="complete")
    content, mime = (
        (report_xlsx(report), XLSX_MIME) if extension == "xlsx" else (report_docx(report), DOCX_MIME)
    )
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report, extension)}"'
    return response


@require_POST
def report_publish(request, pk: int, publish: bool = True):
    """Publish (or withdraw) a version: secretariat only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    if not has_role(request.user, Role.SECRETARIAT):
        raise PermissionDenied
    try:
        if publish:
            services.report_publish(report=report, user=request.user)
            messages.success(request, _("This version is now published."))
        else:
            services.report_unpublish(report=report, user=request.user)
            messages.success(request, _("This version is no longer public."))
    except services.InvalidTransition as error:
        messages.error(request, str(error))
    return redirect("reporting:report_detail", pk=report.pk)
