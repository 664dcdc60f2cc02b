"""Fields translated into the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_translations_in_history

from .models import (
    Dimension,
    DimensionMember,
    ExpectedAccomplishment,
    Indicator,
    Language,
    Objective,
    Outcome,
    PerformanceData,
    PerformanceIndicator,
    RegionalFunction,
    ReportingCycle,
    ResultsFramework,
    WorkProgramme,
)


@register(ResultsFramework)
class ResultsFrameworkTranslation(TranslationOptions):
    fields = ("name",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("text",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("text",)


@register(RegionalFunction)
class RegionalFunctionTranslation(TranslationOptions):
    fields = ("text",)


@register(WorkProgramme)
class WorkProgrammeTranslation(TranslationOptions):
    fields = ("title",)


@register(ExpectedAccomplishment)
class ExpectedAccomplishmentTranslation(TranslationOptions):
    fields = ("text",)


@register(PerformanceIndicator)
class PerformanceIndicatorTranslation(TranslationOptions):
    fields = ("text",)


@register(PerformanceData)
class PerformanceDataTranslation(TranslationOptions):
    fields = ("text",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(DimensionMember)
class DimensionMemberTranslation(TranslationOptions):
    fields = ("name",)


@register(ReportingCycle)
class ReportingCycleTranslation(TranslationOptions):
    fields = ("title",)


keep_translations_in_history(ReportingCycle)
