from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade


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
