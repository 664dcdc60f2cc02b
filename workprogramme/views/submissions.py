"""Reporting cycles and the submission pages: fill in, hand in, review, spreadsheets, evidence."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidTransition
from core.history import history_rows
from core.paging import paginate
from core.roles import COUNTRY_ROLES, Role, has_role, is_staff_member, roles_of
from core.scoping import user_may
from regions.models import Country

from .. import services
from ..choices import ReportingCycleState
from ..filtersets import ResultFilterSet, SubmissionFilterSet
from ..forms import EvidenceForm, HandInForm, ReviewForm, SpreadsheetUploadForm, SubmissionValuesForm
from ..models import ReportingCycle, Submission, SubmissionValue
from ..selectors import cycle_country_statuses, results_for, submissions_for_list
from ..spreadsheets import submission_workbook


def cycle_list(request):
    cycles = ReportingCycle.objects.with_biennium().prefetch_related("cycle_indicators__indicator")
    may_manage = request.user.is_authenticated and is_staff_member(request.user)
    return render(request, "workprogramme/cycle_list.html", {"cycles": cycles, "may_manage": may_manage})


def cycle_detail(request, code):
    cycle = get_object_or_404(ReportingCycle.objects.with_biennium(), code=code)
    context = {
        "cycle": cycle,
        "indicators": cycle.cycle_indicators.select_related("indicator__outcome__objective"),
    }
    if request.user.is_authenticated and (
        is_staff_member(request.user) or has_role(request.user, Role.REGIONAL_COORDINATOR)
    ):
        statuses = cycle_country_statuses(cycle)
        if not is_staff_member(request.user):
            statuses = [row for row in statuses if row[0].region_id == request.user.region_id]
        context["statuses"] = statuses
        context["state_counts"] = sorted(Counter(state or "not_started" for _, state, _ in statuses).items())
    if request.user.is_authenticated and roles_of(request.user) & COUNTRY_ROLES:
        context["own_submission"] = Submission.objects.filter(
            cycle=cycle, country_id=request.user.country_id
        ).first()
        context["may_start"] = bool(request.user.country_id) and cycle.state == ReportingCycleState.OPEN
    context["may_import"] = request.user.is_authenticated and is_staff_member(request.user)
    context["may_manage"] = context["may_import"]
    if context["may_manage"]:
        context["history"] = history_rows(cycle)
    return render(request, "workprogramme/cycle_detail.html", context)


@login_required
@require_POST
def submission_start(request, code):
    cycle = get_object_or_404(ReportingCycle, code=code)
    country = get_object_or_404(Country, pk=request.user.country_id) if request.user.country_id else None
    if country is None:
        raise PermissionDenied
    try:
        submission = services.submission_start(cycle=cycle, country=country, user=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
        return redirect("workprogramme:cycle_detail", code=cycle.code)
    messages.success(request, _("Your draft is ready: it is pre-filled with your last validated values."))
    return redirect("workprogramme:submission_edit", pk=submission.pk)


@login_required
def submission_list(request):
    """The review queue for staff; coordinators see their region, countries their own."""
    base = (
        Submission.objects.visible_to(request.user)
        .with_related()
        .order_by("-cycle__deadline", "country__name")
    )
    filterset = SubmissionFilterSet(request.GET, queryset=base)
    submissions = filterset.qs if filterset.is_valid() else base.none()
    page = paginate(request, submissions, per_page=50)
    return render(request, "workprogramme/submission_list.html", {"filterset": filterset, "page": page})


def _visible_submission(request, pk) -> Submission:
    return get_object_or_404(submissions_for_list(request.user), pk=pk)


def _editable_submission(request, pk) -> Submission:
    submission = _visible_submission(request, pk)
    if not Submission.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    return submission


@login_required
def submission_detail(request, pk):
    submission = _visible_submission(request, pk)
    user = request.user
    context = {
        "submission": submission,
        "values": submission.values.all(),
        "transitions": submission.transitions.all(),
        "evidence": submission.evidence.select_related("indicator", "uploaded_by"),
        "may_edit": submission.is_editable_state and user_may(user, "edit", submission),
        "may_hand_in": submission.is_editable_state and user_may(user, "hand_in", submission),
        "may_review": submission.state in ("submitted", "resubmitted")
        and user_may(user, "review", submission),
        "hand_in_form": HandInForm(initial={"version": submission.version}),
        "problems": services.submission_problems(submission=submission)
        if submission.is_editable_state
        else [],
        "value_changes": SubmissionValue.history.filter(submission_id=submission.pk)
        .select_related("history_user", "indicator")
        .order_by("-history_date")[:50],
    }
    return render(request, "workprogramme/submission_detail.html", context)


@login_required
def submission_edit(request, pk):
    submission = _editable_submission(request, pk)
    if not (submission.is_editable_state and user_may(request.user, "edit", submission)):
        if submission.is_editable_state:
            raise PermissionDenied
        messages.info(
            request,
            _("This submission is %(state)s and can no longer be edited.")
            % {"state": submission.get_state_display().lower()},
        )
        return redirect("workprogramme:submission_detail", pk=pk)
    values = list(submission.values.all())
    form = SubmissionValuesForm(
        request.POST or None, submission_values=values, initial={"version": submission.version}
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            problems = services.submission_save_draft(
                submission=submission,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                entries=form.entries(),
            )
        except InvalidTransition as error:
            form.add_error(None, error.message)
            stale = True
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if problems:
                messages.warning(
                    request, _("Draft saved. Some values still need attention before you submit.")
                )
            else:
                messages.success(request, _("Draft saved."))
            if "submit" in request.POST and not problems:
                return redirect(f"{submission.get_absolute_url()}#hand-in")
            return redirect("workprogramme:submission_edit", pk=pk)
    return render(
        request,
        "workprogramme/submission_edit.html",
        {
            "submission": submission,
            "form": form,
            "stale": stale,
            "upload_form": SpreadsheetUploadForm(initial={"version": submission.version}),
        },
    )


@login_required
@require_POST
def submission_hand_in(request, pk):
    """Submit a draft or resubmit a returned submission (NFP only)."""
    submission = _editable_submission(request, pk)
    form = HandInForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    service = services.submission_resubmit if submission.state == "returned" else services.submission_submit
    try:
        service(
            submission=submission,
            user=request.user,
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
    submission = _editable_submission(request, pk)
    if not is_staff_member(request.user):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        submission_values=submission.values.all(),
        initial={"version": submission.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "validate":
                services.submission_validate(
                    submission=submission,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Validated: the values are locked and published in the results."))
            else:
                services.submission_return_for_correction(
                    submission=submission,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    indicator_comments=form.indicator_comments(),
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Returned to the country with your comments."))
            return redirect("workprogramme:submission_detail", pk=pk)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "workprogramme/submission_review.html", {"submission": submission, "form": form})


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


@login_required
def submission_upload(request, pk):
    submission = _editable_submission(request, pk)
    if not (submission.is_editable_state and user_may(request.user, "edit", submission)):
        raise PermissionDenied
    form = SpreadsheetUploadForm(
        request.POST or None, request.FILES or None, initial={"version": submission.version}
    )
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.submission_import_spreadsheet(
                submission=submission,
                user=request.user,
                file=form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"] or submission.version,
            )
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            row_errors = error.messages
            form.add_error(
                "file", _("Nothing was changed: fix the problems listed and upload the file again.")
            )
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
    submission = _editable_submission(request, pk)
    if not (submission.is_editable_state and user_may(request.user, "edit", submission)):
        raise PermissionDenied
    values = list(submission.values.all())
    form = EvidenceForm(request.POST or None, request.FILES or None, submission_values=values)
    if request.method == "POST" and form.is_valid():
        indicator_id = form.cleaned_data["indicator"]
        indicator = next((v.indicator for v in values if v.indicator_id == indicator_id), None)
        try:
            services.submission_add_evidence(
                submission=submission,
                user=request.user,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                indicator=indicator,
            )
        except (ValidationError, InvalidTransition) as error:
            form.add_error(
                "file" if isinstance(error, ValidationError) else None,
                getattr(error, "message", None) or error,
            )
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
    if not is_staff_member(request.user):
        raise PermissionDenied
    cycle = get_object_or_404(ReportingCycle, code=code)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.cycle_import_values(
                cycle=cycle, user=request.user, file=form.cleaned_data["file"]
            )
        except (ValidationError, InvalidTransition) as error:
            row_errors = getattr(error, "messages", None) or [error.message]
            form.add_error(
                "file", _("Nothing was imported: fix the problems listed and upload the file again.")
            )
        else:
            messages.success(request, _("Imported %(values)s values for %(countries)s countries.") % counts)
            return redirect("workprogramme:cycle_detail", code=code)
    return render(
        request, "workprogramme/cycle_import.html", {"cycle": cycle, "form": form, "row_errors": row_errors}
    )


@login_required
def result_list(request):
    """The flat results table (validated values) with the same filters as /api/v1/results/."""
    base = results_for(request.user)
    filterset = ResultFilterSet(request.GET, queryset=base)
    rows = filterset.qs if filterset.is_valid() else base.none()
    page = paginate(request, rows, per_page=100)
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return render(
        request,
        "workprogramme/result_list.html",
        {"filterset": filterset, "page": page, "csv_query": query.urlencode()},
    )


@login_required
def country_results(request, iso3):
    """A country's validated values across cycles (scoped like the results API)."""
    country = get_object_or_404(Country.objects.with_geography(), iso3=iso3.upper())
    if roles_of(request.user) & COUNTRY_ROLES and request.user.country_id != country.pk:
        raise Http404
    if (
        has_role(request.user, Role.REGIONAL_COORDINATOR)
        and not is_staff_member(request.user)
        and (country.region_id != request.user.region_id)
    ):
        raise Http404
    rows = results_for(request.user).filter(submission__country=country)
    return render(request, "workprogramme/country_results.html", {"country": country, "rows": rows})
