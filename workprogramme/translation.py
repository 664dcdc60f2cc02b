"""Fields translated into the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, Objective, Outcome, ResultsFramework


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
