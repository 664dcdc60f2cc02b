from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Biennium, Indicator, Objective, Outcome, ResultsFramework


@admin.register(ResultsFramework)
class ResultsFrameworkAdmin(TranslationAdmin):
    list_display = ["code", "name", "start_year", "end_year"]


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    list_display = ["code", "title", "kind", "framework"]
    list_filter = ["framework", "kind"]
    list_select_related = ["framework"]


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
