from django.urls import path

from . import views
from .documents import document_download

app_name = "regions"


def crud(prefix: str, name: str, list_view, detail_view, form_view) -> list:
    """List, detail, create and edit pages of one model."""
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/new/", form_view.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", form_view.as_view(), name=f"{name}_edit"),
    ]


urlpatterns = [
    path("", views.region_list, name="region_list"),
    path("parties/", views.country_list, name="country_list"),
    path("parties/<str:iso3>/", views.country_detail, name="country_detail"),
    path("parties/<str:iso3>/edit/", views.CountryFormView.as_view(), name="country_edit"),
    path("mechanism/", views.mechanism, name="mechanism"),
    *crud(
        "host-institutions",
        "host_institution",
        views.HostInstitutionListView,
        views.HostInstitutionDetailView,
        views.HostInstitutionFormView,
    ),
    *crud("offices", "office", views.OfficeListView, views.OfficeDetailView, views.OfficeFormView),
    *crud("mous", "mou", views.MoUListView, views.MoUDetailView, views.MoUFormView),
    *crud(
        "committees", "committee", views.CommitteeListView, views.CommitteeDetailView, views.CommitteeFormView
    ),
    path("memberships/new/", views.MembershipFormView.as_view(), name="membership_create"),
    path("memberships/<int:pk>/", views.MembershipDetailView.as_view(), name="membership_detail"),
    path("memberships/<int:pk>/edit/", views.MembershipFormView.as_view(), name="membership_edit"),
    *crud("meetings", "meeting", views.MeetingListView, views.MeetingDetailView, views.MeetingFormView),
    *crud("committee-reports", "report", views.ReportListView, views.ReportDetailView, views.ReportFormView),
    *crud("networks", "network", views.NetworkListView, views.NetworkDetailView, views.NetworkFormView),
    *crud(
        "focal-points",
        "focal_point",
        views.FocalPointListView,
        views.FocalPointDetailView,
        views.FocalPointFormView,
    ),
    path("nominations/nominate-stc/", views.StcNominationView.as_view(), name="nominate_stc"),
    *crud(
        "nominations",
        "nomination",
        views.NominationListView,
        views.NominationDetailView,
        views.NominationFormView,
    ),
    path("nominations/<int:pk>/submit/", views.nomination_submit, name="nomination_submit"),
    path("nominations/<int:pk>/accept/", views.nomination_accept, name="nomination_accept"),
    path("nominations/<int:pk>/reject/", views.nomination_reject, name="nomination_reject"),
    *crud(
        "partnerships",
        "partnership",
        views.PartnershipListView,
        views.PartnershipDetailView,
        views.PartnershipFormView,
    ),
    path("documents/<slug:kind>/<int:pk>/", document_download, name="document"),
]
