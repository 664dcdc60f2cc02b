"""Public pages of the results frameworks, regional functions, biennia and work programmes."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from core.scoping import may_ever
from core.views import ScopedListView
from regions.models import Region

from ..choices import OutputStatus
from ..filtersets import BienniumFilterSet, ResultsFrameworkFilterSet
from ..models import (
    Biennium,
    ExpectedAccomplishment,
    Indicator,
    Objective,
    Outcome,
    Output,
    PerformanceData,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    Target,
    WorkProgramme,
)
from ..selectors import reporting_overview_for_biennium, results_summary_for_biennium


class FrameworkListView(ScopedListView):
    """The results frameworks adopted by the COP, oldest first."""

    public = True
    model = ResultsFramework
    filterset_class = ResultsFrameworkFilterSet
    template_name = "workprogramme/framework_list.html"


def _objectives_with_tree():
    indicators = Indicator.objects.order_by("order")
    outcomes = Outcome.objects.prefetch_related(Prefetch("indicators", queryset=indicators)).order_by("order")
    return Objective.objects.select_related("mirrors").prefetch_related(
        Prefetch("outcomes", queryset=outcomes)
    )


def framework_detail(request, code):
    """A framework's objectives, outcomes and indicators as one nested table."""
    framework = get_object_or_404(
        ResultsFramework.objects.prefetch_related(
            Prefetch("objectives", queryset=_objectives_with_tree().order_by("order"))
        ),
        code=code,
    )
    return render(request, "workprogramme/framework_detail.html", {"framework": framework})


def objective_detail(request, code, objective):
    objective = get_object_or_404(
        _objectives_with_tree().select_related("framework"), framework__code=code, code=objective
    )
    return render(request, "workprogramme/objective_detail.html", {"objective": objective})


def indicator_detail(request, pk):
    indicator = get_object_or_404(Indicator.objects.for_list(), pk=pk)
    targets = Target.objects.visible_to(request.user).for_list().filter(indicator=indicator)
    cycles = ReportingCycle.objects.with_biennium().filter(cycle_indicators__indicator=indicator)
    context = {"indicator": indicator, "targets": targets, "cycles": cycles}
    context["may_set_targets"] = may_ever(request.user, Target)
    if context["may_set_targets"]:
        context["editable_targets"] = set(
            Target.objects.editable_by(request.user).filter(indicator=indicator).values_list("pk", flat=True)
        )
    return render(request, "workprogramme/indicator_detail.html", context)


def regional_function_index(request):
    return render(request, "workprogramme/regional_function_index.html", {"regions": Region.objects.all()})


def regional_functions(request, region):
    """Seed 000's table of regional functions, with the region's own bodies named."""
    region = get_object_or_404(
        Region.objects.prefetch_related("offices", "networks").select_related("committee"), code=region
    )
    functions = RegionalFunction.objects.filter(outcome__objective__framework__code="strategy-2008-2018")
    outcomes = (
        Outcome.objects.filter(objective__framework__code="strategy-2008-2018", objective__kind="operational")
        .select_related("objective")
        .prefetch_related(Prefetch("regional_functions", queryset=functions.order_by("order")))
        .order_by("objective__order", "order")
    )
    committee = getattr(region, "committee", None)
    return render(
        request,
        "workprogramme/regional_functions.html",
        {
            "region": region,
            "outcomes": outcomes,
            "office": region.offices.all()[0] if region.offices.all() else None,
            "committee": committee,
            "networks": region.networks.all(),
        },
    )


class BienniumListView(ScopedListView):
    """The biennia, latest first, with their work programmes and reporting cycles."""

    public = True
    model = Biennium
    filterset_class = BienniumFilterSet
    template_name = "workprogramme/biennium_list.html"

    def get_queryset(self, user):
        return (
            Biennium.objects.visible_to(user)
            .prefetch_related("work_programmes", "reporting_cycles")
            .order_by("-start_date")
        )


def biennium_detail(request, code):
    biennium = get_object_or_404(Biennium, code=code)
    return render(
        request,
        "workprogramme/biennium_detail.html",
        {
            "biennium": biennium,
            "work_programmes": biennium.work_programmes.select_related("regional_office"),
            "cycles": biennium.reporting_cycles.all(),
            "summary": results_summary_for_biennium(biennium),
            "overview": reporting_overview_for_biennium(biennium),
            "may_set_targets": may_ever(request.user, Target),
            "may_manage_cycles": may_ever(request.user, ReportingCycle),
        },
    )


def work_programme_detail(request, pk):
    """Seed 001's table rebuilt: objective -> expected accomplishment -> indicators -> performance data."""
    accomplishments = (
        ExpectedAccomplishment.objects.select_related("objective")
        .prefetch_related(
            Prefetch("performance_indicators", queryset=PerformanceIndicator.objects.order_by("order")),
            Prefetch("performance_data", queryset=PerformanceData.objects.order_by("order")),
            Prefetch("outputs", queryset=Output.objects.for_list().order_by("order")),
        )
        .order_by("order")
    )
    programme = get_object_or_404(
        WorkProgramme.objects.select_related("biennium", "regional_office").prefetch_related(
            Prefetch("expected_accomplishments", queryset=accomplishments)
        ),
        pk=pk,
    )
    sections: list[tuple] = []
    for accomplishment in programme.expected_accomplishments.all():
        if not sections or sections[-1][0] != accomplishment.objective:
            sections.append((accomplishment.objective, []))
        sections[-1][1].append(accomplishment)
    editable_outputs = set(
        Output.objects.editable_by(request.user)
        .filter(expected_accomplishment__work_programme=programme)
        .values_list("pk", flat=True)
    )
    context = {
        "programme": programme,
        "sections": sections,
        "editable_outputs": editable_outputs,
        "output_statuses": OutputStatus.choices,
    }
    return render(request, "workprogramme/work_programme_detail.html", context)
