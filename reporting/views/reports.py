"""Pages of compiled reports: the list (published versions for everyone), a version, its files, publishing.

Views only ask core.scoping (`visible_to`, `may_ever`, `user_may`); the services check again.
"""

from hashlib import sha1

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods, require_POST

from core.errors import InvalidTransition, add_service_errors
from core.scoping import ensure_permitted, user_may
from core.views import ScopedDetailView, ScopedListView

from .. import selectors, services
from ..choices import ReportStatus
from ..filtersets import ReportFilterSet
from ..forms import ReportPublishForm, ReportRequestForm
from ..models import BudgetHolder, FundingSource, ObjectOfExpenditure, Report, StaffGrade
from ..rendering.files import download_response, report_filename, table_csv
from ..rendering.labels import render_report, render_table
from ..rendering.language import requested_language


class ReportListView(ScopedListView):
    """The reports the user may see, filterable; those who may compile find the request form here."""

    public = True
    model = Report
    filterset_class = ReportFilterSet
    template_name = "reporting/index.html"

    def extra_context(self, request) -> dict:
        return {
            "request_form": ReportRequestForm(),
            "budget_holders": BudgetHolder.objects.select_related("unit"),
            "funding_sources": FundingSource.objects.all(),
            "objects_of_expenditure": ObjectOfExpenditure.objects.all(),
            "grades": StaffGrade.objects.all(),
            "status_labels": dict(ReportStatus.choices),
        }


@method_decorator(require_POST, name="dispatch")
class ReportRequestView(ReportListView):
    """Queue the compile of a new report version; the list again, with the form's errors, if it is wrong."""

    public = False
    page_action = "change"

    def extra_context(self, request) -> dict:
        return {}  # the form comes with its errors; the classifications stay on the list page

    def post(self, request):
        form = ReportRequestForm(request.POST)
        if form.is_valid():
            try:
                report = services.report_request(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The report is being compiled."))
                return redirect("reporting:report_detail", pk=report.pk)
        return self.render_list(request, status=400, request_form=form)


def _report_validator(request, pk: int) -> dict | None:
    """What a complete version's page depends on (one small query per request, shared by the ETag
    and Last-Modified; None while it compiles)."""
    if not hasattr(request, "_report_validator"):
        request._report_validator = (
            Report.objects.visible_to(request.user)
            .filter(pk=pk, status=ReportStatus.COMPLETE)
            .values("finished_at", "published_at")
            .first()
        )
    return request._report_validator


def report_page_etag(request, pk: int) -> str | None:
    """A complete version's page changes when it is published or withdrawn, with the language and
    with the reader (the buttons and the history they may see)."""
    state = _report_validator(request, pk)
    if state is None:
        return None
    parts = (pk, state["finished_at"], state["published_at"], get_language(), request.user.pk)
    return sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def report_page_last_modified(request, pk: int):
    state = _report_validator(request, pk)
    if state is None or state["finished_at"] is None:
        return None
    return max(moment for moment in (state["finished_at"], state["published_at"]) if moment)


@method_decorator(
    condition(etag_func=report_page_etag, last_modified_func=report_page_last_modified), name="get"
)
class ReportDetailView(ScopedDetailView):
    """A report version: tables with their charts, checks, progress while it compiles. A complete
    version's tables never change: their rendering is computed once per language, and its page
    answers 304 to a matching If-None-Match."""

    public = True
    model = Report
    template_name = "reporting/report_detail.html"

    def get_queryset(self, user):
        # The compiled content (hundreds of KB of JSON) is read only when the page's cached
        # fragment of the tables is missing.
        return selectors.report_detail(user).defer("tables", "sections", "checks", "timings")

    def extra_context(self, report) -> dict:
        user = self.request.user
        # Read only when the page's cached fragment of the tables is missing (the template's cache).
        rendering = SimpleLazyObject(lambda: selectors.report_rendering(report))
        return {
            "report": report,
            "rendered": SimpleLazyObject(lambda: rendering[0]),
            "tables": SimpleLazyObject(
                lambda: [(table, rendering[1].get(table["number"], "")) for table in rendering[0]["tables"]]
            ),
            "can_publish": report.status == ReportStatus.COMPLETE and user_may(user, "publish", report),
            "can_retry": report.status == ReportStatus.FAILED and user_may(user, "retry", report),
            # The words of the live progress bar (static/js/reporting.js), in the page's language.
            "status_labels": dict(ReportStatus.choices),
            "history": report.history.select_related("history_user")[:20]
            if user_may(user, "change", report)
            else [],
        }


def report_table_csv(request, pk: int, number: int):
    """One table as CSV, in the language of `?lang=` or of the request."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    language = requested_language(request)
    with translation.override(language):
        table = render_table(report, number)
        if table is None:
            return HttpResponse(_("No such table."), status=404, content_type="text/plain")
        content = table_csv(table)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(report, "csv", language)[:-4]}_t{number}.csv"'
    )
    response["Content-Language"] = language
    return response


def report_download(request, pk: int, extension: str):
    """The report as XLSX (one sheet per table), DOCX or PDF (the document in the page's order), in
    the language of `?lang=` or of the request."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk, status=ReportStatus.COMPLETE)
    return download_response(report, extension, requested_language(request))


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request, pk: int):
    """Publishing asks first: what the public will see change, the failed checks, and for a version whose
    checks failed the reason for the override; the service refuses (403) those who may not publish."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    ensure_permitted(request.user, "publish", report)
    rendered = render_report(report)
    data = request.POST if request.method == "POST" else None  # an empty post confirms a passing version
    form = ReportPublishForm(data, failed_checks=len(rendered["failed_checks"]))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_publish(user=request.user, report=report, override_reason=form.reason())
        except InvalidTransition as error:
            messages.error(request, error.message)
            return redirect("reporting:report_detail", pk=report.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("This version is now published."))
            return redirect("reporting:report_detail", pk=report.pk)
    context = {
        "report": report,
        "failed_checks": rendered["failed_checks"],
        "preview": selectors.publish_preview(report),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "reporting/report_publish.html", context, status=status)


@require_POST
@login_required
def report_unpublish(request, pk: int):
    """Withdraw a published version; the service refuses (403) those who may not."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    try:
        services.report_unpublish(user=request.user, report=report)
        messages.success(request, _("This version is no longer public."))
    except InvalidTransition as error:
        messages.error(request, error.message)
    return redirect("reporting:report_detail", pk=report.pk)


@require_POST
@login_required
def report_retry(request, pk: int):
    """Queue a failed compile again; the service refuses (403) those who may not."""
    report = get_object_or_404(selectors.report_detail(request.user), pk=pk)
    try:
        services.report_retry(user=request.user, report=report)
        messages.success(request, _("The compile was queued again."))
    except InvalidTransition as error:
        messages.error(request, error.message)
    return redirect("reporting:report_detail", pk=report.pk)
