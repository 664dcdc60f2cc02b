from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    FocalPointHandover,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    OrganisationalUnit,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    Subregion,
    ThematicProgrammeNetwork,
)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "order"]
    search_fields = ["code", "name"]


@admin.register(Subregion)
class SubregionAdmin(TranslationAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["name", "iso3", "region", "subregion", "un_group", "is_affected", "is_ldc", "is_sids"]
    list_filter = ["region", "un_group", "is_affected", "is_developed", "is_ldc", "is_sids"]
    list_select_related = ["region", "subregion"]
    search_fields = ["name", "iso3", "iso2"]


@admin.register(OrganisationalUnit)
class OrganisationalUnitAdmin(TranslationAdmin):
    list_display = ["code", "name", "kind"]


@admin.register(HostInstitution)
class HostInstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    list_select_related = ["country"]
    search_fields = ["name"]


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "host_institution", "city", "status"]
    list_filter = ["region", "status"]
    list_select_related = ["region", "host_institution"]
    search_fields = ["name", "city"]


@admin.register(MemorandumOfUnderstanding)
class MoUAdmin(SimpleHistoryAdmin):
    list_display = ["title", "office", "host_institution", "valid_from", "valid_to", "status"]
    list_filter = ["status", "signatory"]
    list_select_related = ["office", "host_institution"]


class MembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(RegionalCommittee)
class RegionalCommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "established_on"]
    list_select_related = ["region"]
    inlines = [MembershipInline]


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["country", "committee", "role", "start_date", "end_date"]
    list_filter = ["committee", "role"]
    list_select_related = ["country", "committee"]


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "date", "place"]
    list_filter = ["committee"]
    list_select_related = ["committee"]


@admin.register(CommitteeAnnualReport)
class CommitteeAnnualReportAdmin(admin.ModelAdmin):
    list_display = ["committee", "year", "status", "published_at"]
    list_filter = ["committee", "status"]
    list_select_related = ["committee"]


@admin.register(ThematicProgrammeNetwork)
class ThematicProgrammeNetworkAdmin(admin.ModelAdmin):
    list_display = ["code", "theme", "region", "host_institution", "status", "last_evaluated_on"]
    list_filter = ["region", "status", "evaluation_outcome"]
    list_select_related = ["region", "host_institution"]
    search_fields = ["code", "theme"]


@admin.register(FocalPoint)
class FocalPointAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "role", "country", "start_date", "end_date"]
    list_filter = ["role", "country__region"]
    list_select_related = ["country"]
    search_fields = ["last_name", "first_name", "email", "country__name"]
    raw_id_fields = ["user"]


@admin.register(FocalPointHandover)
class FocalPointHandoverAdmin(admin.ModelAdmin):
    """Read-only: accepting a nomination of a new NFP writes the handover."""

    list_display = ["country", "role", "previous", "successor", "handed_over_on", "access_ended"]
    list_filter = ["role", "country__region"]
    list_select_related = ["country", "previous", "successor", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    """Read-mostly: the workflow's steps go through the services (web pages and API)."""

    list_display = ["last_name", "first_name", "role", "country", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "role"]
    list_select_related = ["country"]
    search_fields = ["last_name", "first_name", "email"]
    readonly_fields = [
        "status",
        "created_by",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "rejection_reason",
        "focal_point",
    ]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "kind", "scope", "start_date", "end_date"]
    list_filter = ["kind", "scope"]
    search_fields = ["partner"]
    filter_horizontal = ["regions", "countries"]
