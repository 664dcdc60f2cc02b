"""Pages about people and partners: focal points, nominations and their workflow, partnerships."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import InvalidTransition
from core.scoping import may_ever, user_may
from core.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import filtersets, forms, services
from ..choices import NominationStatus
from ..models import FocalPoint, Nomination, Partnership


# Focal points
class FocalPointListView(ScopedListView):
    model = FocalPoint
    filterset_class = filtersets.FocalPointFilterSet
    template_name = "regions/focal_point_list.html"


class FocalPointDetailView(ScopedDetailView):
    model = FocalPoint
    template_name = "regions/focal_point_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        nomination = Nomination.objects.visible_to(self.request.user).filter(focal_point=obj).first()
        return {"nomination": nomination, "networks": obj.networks.select_related("region")}


class FocalPointFormView(ServiceFormView):
    model = FocalPoint
    form_class = forms.FocalPointForm
    create_service = services.focal_point_create
    update_service = services.focal_point_update
    update_argument = "focal_point"
    title = gettext_lazy("Focal point")


# Nominations
class NominationListView(ScopedListView):
    model = Nomination
    filterset_class = filtersets.NominationFilterSet
    template_name = "regions/nomination_list.html"
    create_action = "record"


class NominationDetailView(ScopedDetailView):
    model = Nomination
    template_name = "regions/nomination_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        user = self.request.user
        deciding = obj.status == NominationStatus.SUBMITTED and user_may(user, "decide", obj)
        return {
            "can_decide": deciding,
            "accept_form": forms.NominationAcceptForm() if deciding else None,
            "reject_form": forms.NominationRejectForm() if deciding else None,
            "is_draft": obj.status == NominationStatus.DRAFT,
        }


class NominationFormView(ServiceFormView):
    """The secretariat records a nomination; editing a draft uses the form that fits the user."""

    model = Nomination
    form_class = forms.NominationForm
    create_service = services.nomination_create
    update_service = services.nomination_update
    update_argument = "nomination"
    title = gettext_lazy("Nomination")
    create_action = "record"

    def get_form(self, request, obj, data=None, files=None):
        records_any = may_ever(request.user, Nomination, "record")
        form_class = forms.NominationForm if records_any else forms.StcNominationForm
        return form_class(data, files, instance=obj, user=request.user)

    def get_object(self, request, pk):
        obj = super().get_object(request, pk)
        if obj is not None and obj.status != NominationStatus.DRAFT:
            raise PermissionDenied(_("Only a draft nomination can be changed."))
        return obj


class StcNominationView(ServiceFormView):
    """'Nominate our STC': the country's NFP uploads the letter and CV and submits (or saves a draft)."""

    model = Nomination
    form_class = forms.StcNominationForm
    template_name = "regions/stc_nomination_form.html"
    title = gettext_lazy("Nominate our science and technology correspondent")
    create_action = "nominate_stc"

    def call_service(self, request, obj, data):
        data = {**data, "country": request.user.country, "role": "stc"}
        submit = request.POST.get("action") != "draft"
        return services.nomination_create(user=request.user, data=data, submit=submit)


def _error_text(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    labels = {field.name: field.verbose_name for field in Nomination._meta.fields}
    return " ".join(
        f"{str(labels.get(name, name)).capitalize()}: {' '.join(texts)}"
        if name != "__all__"
        else " ".join(texts)
        for name, texts in error.message_dict.items()
    )


def _nomination_step(request, pk, step):
    nomination = get_object_or_404(Nomination.objects.visible_to(request.user), pk=pk)
    try:
        step(nomination)
    except InvalidTransition as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(nomination.get_absolute_url())


@login_required
@require_POST
def nomination_submit(request, pk):
    def step(nomination):
        services.nomination_submit(user=request.user, nomination=nomination)
        messages.success(request, _("The nomination was submitted to the secretariat."))

    return _nomination_step(request, pk, step)


@login_required
@require_POST
def nomination_accept(request, pk):
    def step(nomination):
        form = forms.NominationAcceptForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        services.nomination_accept(
            user=request.user, nomination=nomination, start_date=form.cleaned_data["start_date"]
        )
        messages.success(request, _("The nomination was accepted; the nominee now holds the role."))

    return _nomination_step(request, pk, step)


@login_required
@require_POST
def nomination_reject(request, pk):
    def step(nomination):
        services.nomination_reject(
            user=request.user, nomination=nomination, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The nomination was rejected."))

    return _nomination_step(request, pk, step)


# Partnerships
class PartnershipListView(ScopedListView):
    model = Partnership
    filterset_class = filtersets.PartnershipFilterSet
    template_name = "regions/partnership_list.html"


class PartnershipDetailView(ScopedDetailView):
    model = Partnership
    template_name = "regions/partnership_detail.html"
    with_history = True


class PartnershipFormView(ServiceFormView):
    model = Partnership
    form_class = forms.PartnershipForm
    create_service = services.partnership_create
    update_service = services.partnership_update
    update_argument = "partnership"
    title = gettext_lazy("Partnership")
