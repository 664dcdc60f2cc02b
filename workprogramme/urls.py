from django.urls import path

from . import views

app_name = "workprogramme"

urlpatterns = [
    path("frameworks/", views.FrameworkListView.as_view(), name="framework_list"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework_detail"),
    path(
        "frameworks/<slug:code>/objectives/<str:objective>/", views.objective_detail, name="objective_detail"
    ),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("regional-functions/", views.regional_function_index, name="regional_function_index"),
    path("regional-functions/<str:region>/", views.regional_functions, name="regional_functions"),
    path("biennia/", views.BienniumListView.as_view(), name="biennium_list"),
    path("biennia/<str:code>/", views.biennium_detail, name="biennium_detail"),
    path("work-programmes/<int:pk>/", views.work_programme_detail, name="work_programme_detail"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("outputs/<int:pk>/status/", views.output_status, name="output_status"),
    path("cycles/", views.CycleListView.as_view(), name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<slug:code>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<slug:code>/edit/", views.cycle_edit, name="cycle_edit"),
    path("cycles/<slug:code>/open/", views.cycle_open, name="cycle_open"),
    path("cycles/<slug:code>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<slug:code>/start/", views.submission_start, name="submission_start"),
    path("cycles/<slug:code>/import/", views.cycle_import, name="cycle_import"),
    path("default-data/import/", views.default_data_import, name="default_data_import"),
    path("submissions/", views.SubmissionListView.as_view(), name="submission_list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/hand-in/", views.submission_hand_in, name="submission_hand_in"),
    path("submissions/<int:pk>/review/", views.submission_review, name="submission_review"),
    path("submissions/<int:pk>/template.xlsx", views.submission_template, name="submission_template"),
    path("submissions/<int:pk>/upload/", views.submission_upload, name="submission_upload"),
    path("submissions/<int:pk>/evidence/", views.submission_evidence, name="submission_evidence"),
    path(
        "submissions/<int:pk>/evidence/<int:evidence_id>/",
        views.submission_evidence_file,
        name="submission_evidence_file",
    ),
    path("table/", views.ResultListView.as_view(), name="result_list"),
    path("countries/<str:iso3>/", views.country_results, name="country_results"),
    path("capacity-building/", views.CapacityActivityListView.as_view(), name="capacity_list"),
    path("capacity-building/summary/", views.capacity_summary, name="capacity_summary"),
    path("capacity-building/new/", views.CapacityActivityFormView.as_view(), name="capacity_create"),
    path("capacity-building/<int:pk>/", views.CapacityActivityDetailView.as_view(), name="capacity_detail"),
    path("capacity-building/<int:pk>/edit/", views.CapacityActivityFormView.as_view(), name="capacity_edit"),
]
