"""Reporting cycles and the submission pages: fill in, hand in, review, spreadsheets, evidence."""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidTransition, add_service_errors
from core.history import history_rows
from core.numbers import number_symbols
from core.scoping import ensure_may_ever, ensure_permitted, may_ever, user_may
from core.views import SAVED, ScopedListView
from regions.models import Country

from .. import services
from ..choices import ReportingCycleState
from ..filtersets import ReportingCycleFilterSet, ResultFilterSet, SubmissionFilterSet
from ..forms import (
    DefaultDataImportForm,
    EvidenceForm,
    HandInForm,
    ReviewForm,
    SpreadsheetUploadForm,
    SubmissionValuesForm,
)
from ..models import DefaultDataset, Observation, ReportingCycle, Submission
from ..selectors import (
    cycle_country_statuses,
    evidence_for_submission,
    results_for,
    review_rounds,
    submission_tables,
)
from ..spreadsheets import submission_workbook


class CycleListView(ScopedListView):
    """The reporting cycles, latest deadline first; staff plan new ones from here."""

    public = True
    model = ReportingCycle
    filterset_class = ReportingCycleFilterSet
    template_name = "workprogramme/cycle_list.html"


def cycle_detail(request, code):
    """A cycle's indicators; the user's own country's report, or the Parties whose reporting they follow."""
    user = request.user
    cycle = get_object_or_404(ReportingCycle.objects.visible_to(user).with_biennium(), code=code)
    may_manage = user_may(user, "change", cycle)
    context = {
        "cycle": cycle,
        "indicators": cycle.cycle_indicators.select_related("indicator__outcome__objective"),
        "own_submission": Submission.objects.restrict(user, "edit").filter(cycle=cycle).first(),
        "may_start": cycle.state == ReportingCycleState.OPEN and may_ever(user, Submission, "edit"),
        "may_manage": may_manage,
        "may_import": user_may(user, "import_values", cycle),
        "history": history_rows(cycle) if may_manage else None,
    }
    if may_ever(user, Country, "follow_reporting"):
        statuses = cycle_country_statuses(cycle, Country.objects.restrict(user, "follow_reporting"))
        context["statuses"] = statuses
        context["state_counts"] = sorted(Counter(state or "not_started" for _, state, _ in statuses).items())
    return render(request, "workprogramme/cycle_detail.html", context)


@login_required
@require_POST
def submission_start(request, code):
    """Start the report of the user's own country (the API starts any country's, for staff)."""
    cycle = get_object_or_404(ReportingCycle.objects.visible_to(request.user), code=code)
    if request.user.country_id is None:
        raise PermissionDenied
    try:
        submission = services.submission_start(user=request.user, cycle=cycle, country=request.user.country)
    except InvalidTransition as error:
        messages.error(request, error.message)
        return redirect("workprogramme:cycle_detail", code=cycle.code)
    messages.success(
        request,
        _("Your draft is ready: it is pre-filled with your last validated values and the default data."),
    )
    return redirect("workprogramme:submission_edit", pk=submission.pk)


class SubmissionListView(ScopedListView):
    """The review queue for staff; coordinators see their region, countries their own."""

    model = Submission
    filterset_class = SubmissionFilterSet
    template_name = "workprogramme/submission_list.html"

    def get_queryset(self, user):
        return Submission.objects.visible_to(user).with_related()


def _visible_submission(request, pk) -> Submission:
    """The submission with its steps; 404 when the user may not see it."""
    return get_object_or_404(Submission.objects.visible_to(request.user).for_detail(), pk=pk)


def _ensure_may_fill_in(user, submission: Submission) -> None:
    """Only the country's focal points fill in its report (the services refuse a report closed to
    changes: see `_refuse_if_locked`)."""
    if not user_may(user, "edit", submission):
        raise PermissionDenied


def _refuse_if_locked(request, submission: Submission):
    """A redirect to the report with the reason, when its values can no longer change (its cycle is
    closed, or it was handed in or validated); None while they can. The services hold the same rule."""
    refusal = services.submission_values_refusal(submission)
    if refusal is None:
        return None
    messages.info(request, refusal)
    return redirect("workprogramme:submission_detail", pk=submission.pk)


@login_required
def submission_detail(request, pk):
    submission = _visible_submission(request, pk)
    user = request.user
    tables = submission_tables(submission, with_evidence=True)
    problems = (
        services.submission_problems(submission=submission, tables=tables)
        if submission.is_editable_state
        else None
    )
    may_read_review = user_may(user, "read_review", submission)
    context = {
        "submission": submission,
        "tables": tables,
        "may_read_review": may_read_review,
        "transitions": submission.transitions.all() if may_read_review else [],
        "review_rounds": review_rounds(submission) if may_read_review else [],
        "evidence": evidence_for_submission(submission).select_related("indicator", "uploaded_by"),
        "may_edit": submission.accepts_values and user_may(user, "edit", submission),
        "may_hand_in": submission.is_editable_state and user_may(user, "hand_in", submission),
        "may_review": submission.state in ("submitted", "resubmitted")
        and user_may(user, "review", submission),
        "hand_in_form": HandInForm(initial={"version": submission.version}),
        "problems": problems.error_texts if problems else [],
        "warnings": problems.warning_texts if problems else [],
        "value_changes": Observation.history.filter(submission_id=submission.pk)
        .select_related("history_user", "indicator")
        .order_by("-history_date", "-history_id")[:50],
    }
    return render(request, "workprogramme/submission_detail.html", context)


def _autosave_refused(detail: str, *, status: int) -> JsonResponse:
    """An automatic save the service refused: 409 for a stale version (the page shows the conflict
    and stops saving), 400 otherwise."""
    return JsonResponse({"detail": detail}, status=status)


@login_required
def submission_edit(request, pk):
    submission = _visible_submission(request, pk)
    may_edit = user_may(request.user, "edit", submission)
    if not (may_edit or user_may(request.user, "change", submission)):
        raise PermissionDenied
    refusal = services.submission_values_refusal(submission)
    if refusal is not None:
        if request.method == "POST" and "autosave" in request.POST:
            return _autosave_refused(refusal, status=409)
        return _refuse_if_locked(request, submission)
    if not may_edit:
        raise PermissionDenied  # staff review a report; its country fills it in
    tables = submission_tables(submission, with_evidence=True)
    form = SubmissionValuesForm(
        request.POST or None,
        tables=tables,
        problems=services.submission_problems(submission=submission, tables=tables),
        initial={"version": submission.version},
    )
    stale = False
    autosave = request.method == "POST" and "autosave" in request.POST
    if request.method == "POST" and form.is_valid():
        try:
            problems = services.submission_save_draft(
                user=request.user,
                submission=submission,
                expected_version=form.cleaned_data["version"],
                entries=form.entries(),
                cells=form.cells(),
            ).errors
        except InvalidTransition as error:
            if autosave:
                return _autosave_refused(error.message, status=409)
            form.add_error(None, error.message)
            stale = True
        except ValidationError as error:
            if autosave:
                return _autosave_refused(" ".join(error.messages), status=400)
            form.add_error(None, error)
        else:
            if autosave:
                return JsonResponse(
                    {
                        "version": submission.version,
                        "saved_at": timezone.now().isoformat(),
                        "problems": len(problems),
                    }
                )
            if problems:
                messages.warning(
                    request,
                    _("Draft saved. Some values still need attention before you submit."),
                    extra_tags=SAVED,
                )
            else:
                messages.success(request, _("Draft saved."), extra_tags=SAVED)
            if "submit" in request.POST and not problems:
                return redirect(f"{submission.get_absolute_url()}#hand-in")
            return redirect("workprogramme:submission_edit", pk=pk)
    if autosave:
        return _autosave_refused(" ".join(str(error) for error in form.non_field_errors()), status=400)
    return render(
        request,
        "workprogramme/submission_edit.html",
        {
            "submission": submission,
            "form": form,
            "stale": stale,
            "autosave_seconds": settings.SUBMISSION_AUTOSAVE_SECONDS,
            "number_symbols": number_symbols(),
            "upload_form": SpreadsheetUploadForm(initial={"version": submission.version}),
        },
    )


@login_required
@require_POST
def submission_hand_in(request, pk):
    """Submit a draft or resubmit a returned submission (the service lets only the NFP)."""
    submission = _visible_submission(request, pk)
    form = HandInForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    service = services.submission_resubmit if submission.state == "returned" else services.submission_submit
    try:
        service(
            user=request.user,
            submission=submission,
            expected_version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
        )
    except InvalidTransition as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, _("The report cannot be submitted yet: ") + " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the report was handed in to the secretariat for review."))
    return redirect("workprogramme:submission_detail", pk=pk)


@login_required
def submission_review(request, pk):
    submission = _visible_submission(request, pk)
    ensure_permitted(request.user, "review", submission)
    tables = submission_tables(submission, with_evidence=True)
    form = ReviewForm(request.POST or None, tables=tables, initial={"version": submission.version})
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "validate":
                services.submission_validate(
                    user=request.user,
                    submission=submission,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Validated: the values are locked and published in the results."))
            else:
                services.submission_return_for_correction(
                    user=request.user,
                    submission=submission,
                    comment=form.cleaned_data["comment"],
                    indicator_comments=form.indicator_comments(),
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Returned to the country with your comments."))
            return redirect("workprogramme:submission_detail", pk=pk)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "workprogramme/submission_review.html",
        {"submission": submission, "form": form, "tables": tables},
    )


@login_required
def submission_template(request, pk):
    submission = _visible_submission(request, pk)
    response = HttpResponse(
        submission_workbook(submission),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"unccd-{submission.cycle.code}-{submission.country.iso3}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _upload_refusal(form, error: ValidationError) -> list[str]:
    """Say a refused upload's problem once: a problem of the file itself (its type, size, layout) on
    the file field; problems of its rows as the list of rows (answered), above the form."""
    if hasattr(error, "message"):
        form.add_error("file", error)
        return []
    return error.messages


@login_required
def submission_upload(request, pk):
    submission = _visible_submission(request, pk)
    _ensure_may_fill_in(request.user, submission)
    refused = _refuse_if_locked(request, submission)
    if refused:
        return refused
    form = SpreadsheetUploadForm(
        request.POST or None, request.FILES or None, initial={"version": submission.version}
    )
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.submission_import_spreadsheet(
                user=request.user,
                submission=submission,
                file=form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"] or submission.version,
            )
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            row_errors = _upload_refusal(form, error)
        else:
            messages.success(request, _("%(count)s rows applied from the spreadsheet.") % {"count": count})
            return redirect("workprogramme:submission_edit", pk=pk)
    return render(
        request,
        "workprogramme/submission_upload.html",
        {"submission": submission, "form": form, "row_errors": row_errors},
    )


@login_required
def submission_evidence(request, pk):
    """Attach a file to the report, to one of its indicators or to one cell of a table."""
    submission = _visible_submission(request, pk)
    _ensure_may_fill_in(request.user, submission)
    refused = _refuse_if_locked(request, submission)
    if refused:
        return refused
    tables = submission_tables(submission, with_data_sources=False)
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        tables=tables,
        initial={"target": request.GET.get("target", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_add_evidence(
                user=request.user,
                submission=submission,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                **form.attachment(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("workprogramme:submission_detail", pk=pk)
    return render(request, "workprogramme/submission_evidence.html", {"submission": submission, "form": form})


@login_required
def submission_evidence_file(request, pk, evidence_id):
    """Serve an evidence file to those who may see the submission (files are not public)."""
    submission = _visible_submission(request, pk)
    evidence = get_object_or_404(submission.evidence, pk=evidence_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )


@login_required
def cycle_import(request, code):
    ensure_may_ever(request.user, ReportingCycle, "import_values")
    cycle = get_object_or_404(ReportingCycle.objects.visible_to(request.user), code=code)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.cycle_import_values(
                user=request.user, cycle=cycle, file=form.cleaned_data["file"]
            )
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            row_errors = _upload_refusal(form, error)
        else:
            messages.success(request, _("Imported %(values)s values for %(countries)s countries.") % counts)
            return redirect("workprogramme:cycle_detail", code=code)
    return render(
        request, "workprogramme/cycle_import.html", {"cycle": cycle, "form": form, "row_errors": row_errors}
    )


@login_required
def default_data_import(request):
    """The secretariat checks a file of default values (the preview lists every problem by row, or
    what would be saved) and imports it: all rows or none. Below: the datasets imported so far."""
    ensure_may_ever(request.user, DefaultDataset, "change")
    form = DefaultDataImportForm(request.POST or None, request.FILES or None)
    row_errors, preview = [], None
    if request.method == "POST" and form.is_valid():
        dry_run = "preview" in request.POST
        try:
            result = services.default_dataset_import(user=request.user, dry_run=dry_run, **form.cleaned_data)
        except ValidationError as error:
            row_errors = error.messages
            form.add_error(
                "file", _("Nothing was imported: fix the problems listed and upload the file again.")
            )
        else:
            if result.saved:
                messages.success(
                    request,
                    _(
                        "Imported %(values)s default values for %(countries)s countries "
                        "(%(name)s, %(version)s)."
                    )
                    % {
                        "values": result.values,
                        "countries": result.countries,
                        "name": result.name,
                        "version": result.version,
                    },
                )
                return redirect("workprogramme:default_data_import")
            preview = result
    datasets = DefaultDataset.objects.visible_to(request.user).for_list()[:50]
    return render(
        request,
        "workprogramme/default_data_import.html",
        {"form": form, "row_errors": row_errors, "preview": preview, "datasets": datasets},
    )


class ResultListView(ScopedListView):
    """The flat results table (validated values) with the same filters as /api/v1/results/."""

    model = Observation
    filterset_class = ResultFilterSet
    template_name = "workprogramme/result_list.html"
    per_page = 100

    def get_queryset(self, user):
        return results_for(user)

    def extra_context(self, request) -> dict:
        query = request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        return {"csv_query": query.urlencode()}


@login_required
def country_results(request, iso3):
    """A country's validated values across cycles, for those who read that country's results."""
    countries = Country.objects.restrict(request.user, "read_results").with_geography()
    country = get_object_or_404(countries, iso3=iso3.upper())
    rows = results_for(request.user).filter(submission__country=country)
    return render(request, "workprogramme/country_results.html", {"country": country, "rows": rows})
