from rest_framework.routers import DefaultRouter

from . import observations, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("frameworks", views.ResultsFrameworkViewSet, basename="framework")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("biennia", views.BienniumViewSet, basename="biennium")
router.register("work-programmes", views.WorkProgrammeViewSet, basename="work-programme")
router.register(
    "expected-accomplishments", views.ExpectedAccomplishmentViewSet, basename="expected-accomplishment"
)
router.register("performance-indicators", views.PerformanceIndicatorViewSet, basename="performance-indicator")
router.register("outputs", views.OutputViewSet, basename="output")
router.register("targets", views.TargetViewSet, basename="target")
router.register("regional-functions", views.RegionalFunctionViewSet, basename="regional-function")
router.register("reporting-cycles", views.ReportingCycleViewSet, basename="reporting-cycle")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("default-datasets", views.DefaultDatasetViewSet, basename="default-dataset")
router.register("results", views.ResultViewSet, basename="result")
router.register("observations/exports", observations.ObservationExportViewSet, basename="observation-export")
router.register("observations", observations.ObservationViewSet, basename="observation")
router.register(
    "capacity-building", views.CapacityBuildingActivityViewSet, basename="capacity-building-activity"
)

urlpatterns = router.urls
