"""Public pages of the results frameworks."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Indicator, Objective, Outcome, ResultsFramework


def framework_list(request):
    return render(
        request, "workprogramme/framework_list.html", {"frameworks": ResultsFramework.objects.all()}
    )


def framework_detail(request, code):
    """A framework's objectives, outcomes and indicators as one nested table."""
    objectives = Objective.objects.prefetch_related(
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("order"))
            ).order_by("order"),
        )
    ).order_by("order")
    framework = get_object_or_404(
        ResultsFramework.objects.prefetch_related(Prefetch("objectives", queryset=objectives)), code=code
    )
    return render(request, "workprogramme/framework_detail.html", {"framework": framework})
