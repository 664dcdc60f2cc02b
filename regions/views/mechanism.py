"""Pages of the regional mechanism: hosts, offices, MoUs, committees, meetings, reports, networks."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import filtersets, forms, services
from ..models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    HostInstitution,
    MemorandumOfUnderstanding,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)
from ..selectors import committee_detail_context, office_detail_context


# Parties
class CountryFormView(ServiceFormView):
    """Staff correct a Party's annex, subregion, UN group and flags (the Party page links here)."""

    model = Country
    form_class = forms.CountryForm
    update_service = services.country_update
    update_argument = "country"
    title = _("Party")

    def get(self, request, iso3):
        return super().get(request, pk=get_object_or_404(Country, iso3=iso3.upper()).pk)

    def post(self, request, iso3):
        return super().post(request, pk=get_object_or_404(Country, iso3=iso3.upper()).pk)


# Host institutions
class HostInstitutionListView(ScopedListView):
    model = HostInstitution
    filterset_class = filtersets.HostInstitutionFilterSet
    template_name = "regions/host_institution_list.html"


class HostInstitutionDetailView(ScopedDetailView):
    model = HostInstitution
    template_name = "regions/host_institution_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        return {
            "offices": obj.offices.select_related("region"),
            "networks": obj.networks.select_related("region"),
        }


class HostInstitutionFormView(ServiceFormView):
    model = HostInstitution
    form_class = forms.HostInstitutionForm
    create_service = services.host_institution_create
    update_service = services.host_institution_update
    update_argument = "host_institution"
    title = _("Host institution")


# Regional offices
class OfficeListView(ScopedListView):
    public = True
    model = RegionalOffice
    filterset_class = filtersets.RegionalOfficeFilterSet
    template_name = "regions/office_list.html"


class OfficeDetailView(ScopedDetailView):
    public = True
    model = RegionalOffice
    template_name = "regions/office_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        return office_detail_context(obj, self.request.user)


class OfficeFormView(ServiceFormView):
    model = RegionalOffice
    form_class = forms.RegionalOfficeForm
    create_service = services.regional_office_create
    update_service = services.regional_office_update
    update_argument = "office"
    title = _("Regional office")


# Memoranda of understanding
class MoUListView(ScopedListView):
    model = MemorandumOfUnderstanding
    filterset_class = filtersets.MoUFilterSet
    template_name = "regions/mou_list.html"


class MoUDetailView(ScopedDetailView):
    model = MemorandumOfUnderstanding
    template_name = "regions/mou_detail.html"
    with_history = True


class MoUFormView(ServiceFormView):
    model = MemorandumOfUnderstanding
    form_class = forms.MoUForm
    create_service = services.mou_create
    update_service = services.mou_update
    update_argument = "mou"
    title = _("Memorandum of understanding")

    def initial(self, request) -> dict:
        return {"office": request.GET.get("office")} if request.GET.get("office", "").isdigit() else {}


# Regional committees and their memberships
class CommitteeListView(ScopedListView):
    public = True
    model = RegionalCommittee
    filterset_class = filtersets.RegionalCommitteeFilterSet
    template_name = "regions/committee_list.html"


class CommitteeDetailView(ScopedDetailView):
    public = True
    model = RegionalCommittee
    template_name = "regions/committee_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        return committee_detail_context(obj, self.request.user)


class CommitteeFormView(ServiceFormView):
    model = RegionalCommittee
    form_class = forms.RegionalCommitteeForm
    create_service = services.regional_committee_create
    update_service = services.regional_committee_update
    update_argument = "committee"
    title = _("Regional committee")


class MembershipDetailView(ScopedDetailView):
    public = True
    model = CommitteeMembership
    template_name = "regions/membership_detail.html"
    with_history = True


class MembershipFormView(ServiceFormView):
    model = CommitteeMembership
    form_class = forms.CommitteeMembershipForm
    create_service = services.committee_membership_create
    update_service = services.committee_membership_update
    update_argument = "membership"
    title = _("Committee membership")

    def initial(self, request) -> dict:
        return (
            {"committee": request.GET.get("committee")} if request.GET.get("committee", "").isdigit() else {}
        )


# Committee meetings
class MeetingListView(ScopedListView):
    model = CommitteeMeeting
    filterset_class = filtersets.CommitteeMeetingFilterSet
    template_name = "regions/meeting_list.html"


class MeetingDetailView(ScopedDetailView):
    model = CommitteeMeeting
    template_name = "regions/meeting_detail.html"
    with_history = True


class MeetingFormView(ServiceFormView):
    model = CommitteeMeeting
    form_class = forms.CommitteeMeetingForm
    create_service = services.committee_meeting_create
    update_service = services.committee_meeting_update
    update_argument = "meeting"
    title = _("Committee meeting")


# Committee annual reports
class ReportListView(ScopedListView):
    public = True
    model = CommitteeAnnualReport
    filterset_class = filtersets.CommitteeAnnualReportFilterSet
    template_name = "regions/report_list.html"


class ReportDetailView(ScopedDetailView):
    public = True
    model = CommitteeAnnualReport
    template_name = "regions/report_detail.html"
    with_history = True


class ReportFormView(ServiceFormView):
    model = CommitteeAnnualReport
    form_class = forms.CommitteeReportForm
    create_service = services.committee_report_create
    update_service = services.committee_report_update
    update_argument = "report"
    title = _("Committee annual report")


# Thematic programme networks
class NetworkListView(ScopedListView):
    public = True
    model = ThematicProgrammeNetwork
    filterset_class = filtersets.NetworkFilterSet
    template_name = "regions/network_list.html"


class NetworkDetailView(ScopedDetailView):
    public = True
    model = ThematicProgrammeNetwork
    template_name = "regions/network_detail.html"
    with_history = True

    def extra_context(self, obj) -> dict:
        return {
            "focal_points": FocalPoint.objects.visible_to(self.request.user).filter(networks=obj).for_list()
        }


class NetworkFormView(ServiceFormView):
    model = ThematicProgrammeNetwork
    form_class = forms.NetworkForm
    create_service = services.network_create
    update_service = services.network_update
    update_argument = "network"
    title = _("Thematic programme network")
