from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("frameworks", views.ResultsFrameworkViewSet, basename="framework")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

urlpatterns = router.urls
