from django.urls import path, re_path

from . import views
from .views import dashboard, series

app_name = "reporting"
KIND = r"(?P<kind>finance|posts)"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="index"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    re_path(
        r"^dashboard/(?P<dataset>reporting-rate|indicators|trends|budget|parties)\.csv$",
        dashboard.dashboard_csv,
        name="dashboard_csv",
    ),
    path("dashboard/land/", series.national_series_page, name="dashboard_series"),
    path("dashboard/parties/<str:iso3>/", dashboard.party, name="dashboard_party"),
    path("request/", views.ReportRequestView.as_view(), name="report_request"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/tables/<int:number>.csv", views.report_table_csv, name="report_table_csv"),
    re_path(
        r"^(?P<pk>[0-9]+)/download\.(?P<extension>xlsx|docx|pdf)$",
        views.report_download,
        name="report_download",
    ),
    path("<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("<int:pk>/unpublish/", views.report_unpublish, name="report_unpublish"),
    path("<int:pk>/retry/", views.report_retry, name="report_retry"),
    re_path(rf"^data/{KIND}/$", views.SnapshotListView.as_view(), name="snapshot_list"),
    re_path(rf"^data/{KIND}/(?P<pk>[0-9]+)/$", views.snapshot_detail, name="snapshot_detail"),
    re_path(rf"^data/{KIND}/items/(?P<pk>[0-9]+)/$", views.item_edit, name="item_edit"),
]
