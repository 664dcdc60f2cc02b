from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from core.api.viewsets import ScopedViewSetMixin, ServiceModelViewSet
from regions import services
from regions.filtersets import (
    CommitteeAnnualReportFilterSet,
    CommitteeMeetingFilterSet,
    CountryFilterSet,
    FocalPointFilterSet,
    FocalPointHandoverFilterSet,
    HostInstitutionFilterSet,
    MoUFilterSet,
    NetworkFilterSet,
    NominationFilterSet,
    PartnershipFilterSet,
    RegionalCommitteeFilterSet,
    RegionalOfficeFilterSet,
)
from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    FocalPointHandover,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)

from . import serializers


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The five regional implementation annexes with their subregions (public)."""

    queryset = Region.objects.prefetch_related("subregions")
    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    filterset_fields = ["code"]


class CountryViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The Parties to the Convention (public); staff correct annex, subregion, UN group and flags."""

    queryset = Country.objects.with_geography()
    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilterSet
    lookup_field = "iso3"
    ordering_fields = ["name", "iso3"]
    http_method_names = ["get", "put", "patch", "head", "options"]

    def perform_update(self, serializer):
        serializer.instance = services.country_update(
            user=self.request.user, country=serializer.instance, data=serializer.validated_data
        )


class HostInstitutionViewSet(ServiceModelViewSet):
    """Institutions hosting regional offices and networks (logged-in users; staff edit)."""

    queryset = HostInstitution.objects.all()
    serializer_class = serializers.HostInstitutionSerializer
    filterset_class = HostInstitutionFilterSet
    create_service = services.host_institution_create
    update_service = services.host_institution_update
    update_argument = "host_institution"


class RegionalOfficeViewSet(ServiceModelViewSet):
    """Regional offices (public; staff and the region's coordinator edit)."""

    queryset = RegionalOffice.objects.all()
    serializer_class = serializers.RegionalOfficeSerializer
    filterset_class = RegionalOfficeFilterSet
    create_service = services.regional_office_create
    update_service = services.regional_office_update
    update_argument = "office"


class MoUViewSet(ServiceModelViewSet):
    """Memoranda of understanding with host institutions or countries (logged-in users; staff edit)."""

    queryset = MemorandumOfUnderstanding.objects.all()
    serializer_class = serializers.MoUSerializer
    filterset_class = MoUFilterSet
    create_service = services.mou_create
    update_service = services.mou_update
    update_argument = "mou"


class RegionalCommitteeViewSet(ServiceModelViewSet):
    """Regional committees with their members (public; staff and the region's coordinator edit)."""

    queryset = RegionalCommittee.objects.all()
    serializer_class = serializers.RegionalCommitteeSerializer
    filterset_class = RegionalCommitteeFilterSet
    create_service = services.regional_committee_create
    update_service = services.regional_committee_update
    update_argument = "committee"

    def get_queryset(self):
        return super().get_queryset().with_members()

    @extend_schema(
        request=serializers.MembershipSerializer, responses={201: serializers.MembershipSerializer}
    )
    @action(detail=True, methods=["post"], url_path="members")
    def add_member(self, request, *args, **kwargs):
        """Add a Party's membership for a term; overlapping terms of one Party are refused (400)."""
        committee = self.get_object()
        serializer = serializers.MembershipSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.committee_membership_create(
            user=request.user, data={**serializer.validated_data, "committee": committee}
        )
        return Response(serializers.MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.MembershipSerializer, responses={200: serializers.MembershipSerializer}
    )
    @action(detail=True, methods=["patch"], url_path=r"members/(?P<membership_id>\d+)")
    def update_member(self, request, membership_id=None, *args, **kwargs):
        """Change a membership (e.g. end its term); overlapping terms are refused (400)."""
        committee = self.get_object()
        membership = get_object_or_404(
            CommitteeMembership.objects.filter(committee=committee), pk=membership_id
        )
        serializer = serializers.MembershipSerializer(membership, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        membership = services.committee_membership_update(
            user=request.user, membership=membership, data=serializer.validated_data
        )
        return Response(serializers.MembershipSerializer(membership).data)


class CommitteeMeetingViewSet(ServiceModelViewSet):
    """Meetings of the regional committees (logged-in users; staff and the region's coordinator edit)."""

    queryset = CommitteeMeeting.objects.all()
    serializer_class = serializers.CommitteeMeetingSerializer
    filterset_class = CommitteeMeetingFilterSet
    create_service = services.committee_meeting_create
    update_service = services.committee_meeting_update
    update_argument = "meeting"


class CommitteeReportViewSet(ServiceModelViewSet):
    """Committees' annual reports: published ones public, drafts to their editors."""

    queryset = CommitteeAnnualReport.objects.all()
    serializer_class = serializers.CommitteeReportSerializer
    filterset_class = CommitteeAnnualReportFilterSet
    create_service = services.committee_report_create
    update_service = services.committee_report_update
    update_argument = "report"


class NetworkViewSet(ServiceModelViewSet):
    """Thematic programme networks (public; staff and the region's coordinator edit)."""

    queryset = ThematicProgrammeNetwork.objects.all()
    serializer_class = serializers.NetworkSerializer
    filterset_class = NetworkFilterSet
    create_service = services.network_create
    update_service = services.network_update
    update_argument = "network"


class FocalPointViewSet(ServiceModelViewSet):
    """NFPs and STCs: staff see all, coordinators their region, NFPs and STCs their country."""

    queryset = FocalPoint.objects.all()
    serializer_class = serializers.FocalPointSerializer
    filterset_class = FocalPointFilterSet
    create_service = services.focal_point_create
    update_service = services.focal_point_update
    update_argument = "focal_point"


class FocalPointHandoverViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The log of focal points' handovers (read-only; accepting an NFP nomination writes it):
    staff see all, coordinators their region, NFPs and STCs their country."""

    queryset = FocalPointHandover.objects.all()
    serializer_class = serializers.FocalPointHandoverSerializer
    filterset_class = FocalPointHandoverFilterSet


class NominationViewSet(ServiceModelViewSet):
    """Nominations of NFPs (by the secretariat) and STCs (by the country's NFP), with their workflow."""

    queryset = Nomination.objects.all()
    serializer_class = serializers.NominationSerializer
    filterset_class = NominationFilterSet
    create_service = services.nomination_create
    update_service = services.nomination_update
    update_argument = "nomination"

    @extend_schema(request=None, responses={200: serializers.NominationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit a draft to the secretariat (409 unless it is a draft)."""
        nomination = services.nomination_submit(user=request.user, nomination=self.get_object())
        return Response(self.get_serializer(nomination).data)

    @extend_schema(
        request=serializers.NominationAcceptSerializer, responses={200: serializers.NominationSerializer}
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        """Accept a submitted nomination (secretariat only; 409 unless submitted)."""
        nomination = self.get_object()
        serializer = serializers.NominationAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomination = services.nomination_accept(
            user=request.user, nomination=nomination, start_date=serializer.validated_data.get("start_date")
        )
        return Response(self.get_serializer(nomination).data)

    @extend_schema(
        request=serializers.NominationRejectSerializer, responses={200: serializers.NominationSerializer}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        """Reject a submitted nomination with a reason (secretariat only; 409 unless submitted)."""
        nomination = self.get_object()
        serializer = serializers.NominationRejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomination = services.nomination_reject(
            user=request.user, nomination=nomination, reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(nomination).data)


class PartnershipViewSet(ServiceModelViewSet):
    """Capacity-development partnerships of seed 004 (logged-in users; staff edit)."""

    queryset = Partnership.objects.all()
    serializer_class = serializers.PartnershipSerializer
    filterset_class = PartnershipFilterSet
    create_service = services.partnership_create
    update_service = services.partnership_update
    update_argument = "partnership"
