"""Forms of the secretariat and the GM on reporting cycles: plan, change, open and close them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidTransition, add_service_errors
from core.scoping import ensure_may_ever, ensure_permitted

from .. import services
from ..forms import ReportingCycleForm
from ..models import ReportingCycle


def _editable_cycle(request, code) -> ReportingCycle:
    """The cycle by code: 404 when not visible, 403 when the user may not change it."""
    cycle = get_object_or_404(ReportingCycle.objects.visible_to(request.user).with_biennium(), code=code)
    ensure_permitted(request.user, "change", cycle)
    return cycle


def _render_form(request, form, cycle=None):
    return render(request, "workprogramme/cycle_form.html", {"form": form, "cycle": cycle})


@login_required
def cycle_create(request):
    ensure_may_ever(request.user, ReportingCycle)
    form = ReportingCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.reporting_cycle_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Reporting cycle planned: %(title)s. Open it when it is ready.") % {"title": cycle}
            )
            return redirect("workprogramme:cycle_detail", code=cycle.code)
    return _render_form(request, form)


@login_required
def cycle_edit(request, code):
    cycle = _editable_cycle(request, code)
    if request.method != "POST" and not cycle.is_editable_state:
        messages.info(request, _("The cycle is closed: it can no longer be changed."))
        return redirect("workprogramme:cycle_detail", code=cycle.code)
    form = ReportingCycleForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields if not form.fields[name].disabled}
        try:
            cycle = services.reporting_cycle_update(user=request.user, cycle=cycle, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Reporting cycle saved: %(title)s.") % {"title": cycle})
            return redirect("workprogramme:cycle_detail", code=cycle.code)
    return _render_form(request, form, cycle)


def _transition(request, code, service, done_message):
    cycle = _editable_cycle(request, code)
    try:
        service(user=request.user, cycle=cycle)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message % {"title": cycle})
    return redirect("workprogramme:cycle_detail", code=cycle.code)


@login_required
@require_POST
def cycle_open(request, code):
    return _transition(
        request,
        code,
        services.reporting_cycle_open,
        _("%(title)s is open: countries can start their reports."),
    )


@login_required
@require_POST
def cycle_close(request, code):
    return _transition(
        request,
        code,
        services.reporting_cycle_close,
        _("%(title)s is closed: no new reports can be started."),
    )
