from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Biennium,
    CapacityBuildingActivity,
    ExpectedAccomplishment,
    Indicator,
    Language,
    Objective,
    Observation,
    Outcome,
    Output,
    PerformanceData,
    PerformanceIndicator,
    RegionalFunction,
    ReminderSent,
    ReportingCycle,
    ReportingCycleIndicator,
    ResultsFramework,
    Submission,
    SubmissionEvidence,
    SubmissionIndicator,
    SubmissionTransition,
    Target,
    WorkProgramme,
)


class ReadOnlyAdminMixin:
    """Rows that change only through the portal's pages and API, whose services keep the rules."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ResultsFramework)
class ResultsFrameworkAdmin(TranslationAdmin):
    list_display = ["code", "name", "start_year", "end_year"]


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    list_display = ["code", "title", "kind", "framework", "mirrors"]
    list_filter = ["framework", "kind"]
    list_select_related = ["framework", "mirrors"]


@admin.register(Outcome)
class OutcomeAdmin(TranslationAdmin):
    list_display = ["code", "text", "objective"]
    list_filter = ["objective__framework", "objective"]
    list_select_related = ["objective"]


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["code", "text", "outcome", "value_type", "aggregation", "reported_by"]
    list_filter = ["outcome__objective__framework", "value_type", "reported_by"]
    list_select_related = ["outcome"]


@admin.register(Biennium)
class BienniumAdmin(admin.ModelAdmin):
    list_display = ["code", "start_date", "end_date", "state"]


@admin.register(RegionalFunction)
class RegionalFunctionAdmin(TranslationAdmin):
    list_display = ["outcome", "order", "text", "regional_office", "gm", "secretariat", "tpn"]
    list_filter = ["outcome__objective"]
    list_select_related = ["outcome"]


class ExpectedAccomplishmentInline(TranslationTabularInline):
    model = ExpectedAccomplishment
    extra = 0
    fields = ["objective", "code", "text", "order"]


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(TranslationAdmin):
    list_display = ["title", "biennium", "kind", "regional_office"]
    list_filter = ["biennium", "kind"]
    list_select_related = ["biennium", "regional_office"]
    inlines = [ExpectedAccomplishmentInline]


class PerformanceIndicatorInline(TranslationTabularInline):
    model = PerformanceIndicator
    extra = 0


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


class PerformanceDataInline(TranslationTabularInline):
    model = PerformanceData
    extra = 0


@admin.register(ExpectedAccomplishment)
class ExpectedAccomplishmentAdmin(TranslationAdmin):
    list_display = ["code", "text", "work_programme", "objective"]
    list_filter = ["work_programme__biennium", "objective"]
    list_select_related = ["work_programme", "objective"]
    inlines = [PerformanceIndicatorInline, OutputInline, PerformanceDataInline]


@admin.register(PerformanceIndicator)
class PerformanceIndicatorAdmin(TranslationAdmin):
    list_display = ["code", "text", "baseline", "target", "unit"]


@admin.register(Output)
class OutputAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner_kind", "milestone_date", "status"]
    list_filter = ["status", "owner_kind"]


@admin.register(PerformanceData)
class PerformanceDataAdmin(TranslationAdmin):
    list_display = ["expected_accomplishment", "order", "text", "figure", "indicator"]
    list_select_related = ["expected_accomplishment", "indicator"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "biennium", "level", "region", "country", "value"]
    list_filter = ["biennium", "level"]
    list_select_related = ["indicator", "biennium", "region", "country"]


class ReportingCycleIndicatorInline(admin.TabularInline):
    model = ReportingCycleIndicator
    extra = 0
    readonly_fields = ["indicator", "is_required", "order"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingCycle)
class ReportingCycleAdmin(SimpleHistoryAdmin):
    """Read-only: the portal's cycle pages and API plan, change, open and close cycles through services."""

    list_display = ["code", "title", "biennium", "opens_on", "deadline", "state"]
    list_filter = ["state", "biennium"]
    list_select_related = ["biennium"]
    inlines = [ReportingCycleIndicatorInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubmissionIndicatorInline(admin.TabularInline):
    model = SubmissionIndicator
    extra = 0
    fields = ["indicator", "narrative", "reviewer_comment"]


class SubmissionTransitionInline(admin.TabularInline):
    model = SubmissionTransition
    extra = 0
    readonly_fields = ["from_state", "to_state", "actor", "at", "comment"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: changes go through the portal's pages and API, which call the workflow services."""

    list_display = ["country", "cycle", "state", "version", "submitted_at", "validated_at"]
    list_filter = ["cycle", "state"]
    list_select_related = ["country", "cycle"]
    inlines = [SubmissionIndicatorInline, SubmissionTransitionInline]


@admin.register(SubmissionEvidence)
class SubmissionEvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "submission", "indicator", "uploaded_by", "uploaded_at"]
    list_select_related = ["submission__country", "submission__cycle", "indicator", "uploaded_by"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["cycle", "country", "kind", "sent_at"]
    list_filter = ["kind", "cycle"]


@admin.register(ReportingCycleIndicator)
class ReportingCycleIndicatorAdmin(admin.ModelAdmin):
    list_display = ["cycle", "indicator", "is_required", "order"]
    list_filter = ["cycle"]
    list_select_related = ["cycle", "indicator"]


@admin.register(SubmissionIndicator)
class SubmissionIndicatorAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: narratives and comments change through the submission pages and the API."""

    list_display = ["submission", "indicator", "reviewer_comment"]
    list_filter = ["submission__cycle", "indicator"]
    list_select_related = ["submission__country", "submission__cycle", "indicator"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: values change through the submission pages and the API, which keep the workflow."""

    list_display = ["submission", "indicator", "time_period", "key", "raw_value", "source", "error"]
    list_filter = ["submission__cycle", "indicator", "source"]
    list_select_related = ["submission__country", "submission__cycle", "indicator"]
    raw_id_fields = ["submission", "data_source"]


@admin.register(SubmissionTransition)
class SubmissionTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["submission", "from_state", "to_state", "actor", "at"]
    list_filter = ["to_state"]
    list_select_related = ["submission__country", "submission__cycle", "actor"]


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ["code", "name", "order"]


@admin.register(CapacityBuildingActivity)
class CapacityBuildingActivityAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: activities are recorded on the capacity-building pages and the API, whose service
    checks the rules that span fields (outcome of the objective, languages, biennium dates)."""

    list_display = ["title", "kind", "format", "start_date", "end_date", "mandate_decision", "biennium"]
    list_filter = ["kind", "format", "biennium", "languages"]
    list_select_related = ["biennium"]
    search_fields = ["title", "description"]
    date_hierarchy = "start_date"
