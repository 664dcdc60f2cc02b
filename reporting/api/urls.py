from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("reports", views.ReportViewSet, basename="report")
router.register("finance-snapshots", views.FinanceSnapshotViewSet, basename="finance-snapshot")
router.register("post-snapshots", views.PostSnapshotViewSet, basename="post-snapshot")

urlpatterns = [
    path("dashboard/series/<str:code>/", views.NationalSeriesView.as_view(), name="dashboard-series"),
    *router.urls,
]
