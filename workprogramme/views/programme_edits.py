"""Forms on the results structure: targets per indicator and biennium, and the status of outputs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_service_errors
from core.scoping import ensure_may_ever, ensure_permitted

from .. import services
from ..choices import TargetLevel
from ..forms import OutputStatusForm, TargetForm
from ..models import Biennium, Indicator, Output, Target


def _back_url(request, fallback: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return fallback


def _initial(request) -> dict:
    """Pre-fill from the page the form was opened on: ?indicator=<id>&biennium=<code>."""
    initial = {}
    indicator = request.GET.get("indicator", "")
    if indicator.isdigit():
        initial["indicator"] = Indicator.objects.filter(pk=indicator).values_list("pk", flat=True).first()
    biennium = request.GET.get("biennium")
    if biennium:
        initial["biennium"] = Biennium.objects.filter(code=biennium).values_list("pk", flat=True).first()
    if request.user.region_id:  # a user scoped to a region (its coordinator) sets that region's targets
        initial.update(level=TargetLevel.REGIONAL, region=request.user.region_id)
    return initial


def _save_target(request, form, target=None):
    """Call the service; on success redirect to the indicator page, else show the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.target_set(user=request.user, data=form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not set this target."))
        else:
            messages.success(request, _("Target saved: %(target)s.") % {"target": saved})
            fallback = reverse("workprogramme:indicator_detail", args=[saved.indicator_id])
            return redirect(_back_url(request, fallback))
    context = {"form": form, "target": target, "next": _back_url(request, "")}
    return render(request, "workprogramme/target_form.html", context)


@login_required
def target_create(request):
    ensure_may_ever(request.user, Target)
    form = TargetForm(request.POST or None, initial=_initial(request))
    return _save_target(request, form)


@login_required
def target_edit(request, pk):
    target = get_object_or_404(Target.objects.visible_to(request.user).for_list(), pk=pk)
    ensure_permitted(request.user, "change", target)
    return _save_target(request, TargetForm(request.POST or None, target=target), target)


@login_required
@require_POST
def output_status(request, pk):
    """Record an output's progress from the work programme page."""
    output = get_object_or_404(
        Output.objects.visible_to(request.user).select_related("expected_accomplishment"), pk=pk
    )
    ensure_permitted(request.user, "change", output)
    programme_url = reverse(
        "workprogramme:work_programme_detail", args=[output.expected_accomplishment.work_programme_id]
    )
    form = OutputStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed statuses."))
        return redirect(f"{programme_url}#output-{output.pk}")
    try:
        services.output_set_status(user=request.user, output=output, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Status of “%(output)s” set to %(status)s.")
            % {"output": output.title[:80], "status": output.get_status_display().lower()},
        )
    return redirect(f"{programme_url}#output-{output.pk}")
