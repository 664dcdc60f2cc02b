"""Capacity-building pages: a public, filtered list and detail; forms for the secretariat and the GM."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from core.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..filtersets import CapacityBuildingActivityFilterSet
from ..forms import CapacityBuildingActivityForm
from ..models import Biennium, CapacityBuildingActivity
from ..selectors import capacity_building_summary


class CapacityActivityListView(ScopedListView):
    model = CapacityBuildingActivity
    filterset_class = CapacityBuildingActivityFilterSet
    template_name = "workprogramme/capacity_list.html"
    public = True


class CapacityActivityDetailView(ScopedDetailView):
    model = CapacityBuildingActivity
    template_name = "workprogramme/capacity_detail.html"
    public = True
    with_history = True


class CapacityActivityFormView(ServiceFormView):
    model = CapacityBuildingActivity
    form_class = CapacityBuildingActivityForm
    template_name = "workprogramme/capacity_form.html"
    create_service = services.capacity_activity_create
    update_service = services.capacity_activity_update
    update_argument = "activity"
    title = gettext_lazy("capacity-building activity")


def capacity_summary(request):
    """Capacity building in figures, for all years or one biennium (`?biennium=2020-2021`):
    by type, gender balance, formats, languages and Parties reached."""
    biennia = list(Biennium.objects.order_by("-start_date"))
    code = request.GET.get("biennium") or ""
    biennium = next((item for item in biennia if item.code == code), None)
    if code and biennium is None:
        raise Http404("No such biennium.")
    context = {
        "summary": capacity_building_summary(biennium=biennium),
        "biennia": biennia,
        "biennium": biennium,
    }
    return render(request, "workprogramme/capacity_summary.html", context)
