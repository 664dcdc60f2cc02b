from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BudgetHolder,
    BudgetLine,
    FinanceSnapshot,
    FundingSource,
    ObjectOfExpenditure,
    Post,
    PostSnapshot,
    Report,
    StaffGrade,
)


@admin.register(StaffGrade)
class StaffGradeAdmin(admin.ModelAdmin):
    list_display = ["code", "category", "order"]


@admin.register(FundingSource)
class FundingSourceAdmin(TranslationAdmin):
    list_display = ["code", "name", "order"]


@admin.register(ObjectOfExpenditure)
class ObjectOfExpenditureAdmin(TranslationAdmin):
    list_display = ["code", "name", "order"]


@admin.register(BudgetHolder)
class BudgetHolderAdmin(TranslationAdmin):
    list_display = ["code", "name", "kind", "letter", "group", "counts_in_core_total"]
    list_select_related = ["unit"]


@admin.register(FinanceSnapshot)
class FinanceSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["biennium", "cutoff_date", "source_name", "updated_at"]
    list_select_related = ["biennium"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["snapshot", "fund", "budget_holder", "object_of_expenditure", "approved", "expenditure"]
    list_select_related = ["snapshot__biennium", "fund", "budget_holder", "object_of_expenditure"]
    list_filter = ["fund", "budget_holder"]


@admin.register(PostSnapshot)
class PostSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["biennium", "cutoff_date", "source_name", "updated_at"]
    list_select_related = ["biennium"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["post_number", "snapshot", "grade", "unit", "funding_source", "approved", "filled"]
    list_select_related = ["snapshot__biennium", "grade", "unit", "funding_source"]
    list_filter = ["grade", "unit", "funding_source", "filled"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "biennium", "cutoff_date", "version", "status", "published"]
    list_select_related = ["biennium"]
    list_filter = ["kind", "status", "published"]
    readonly_fields = ["tables", "checks", "sections", "inputs", "timings"]
