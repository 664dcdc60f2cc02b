"""Fields translated into the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import BudgetHolder, FundingSource, ObjectOfExpenditure


@register(FundingSource)
class FundingSourceTranslation(TranslationOptions):
    fields = ("name",)


@register(ObjectOfExpenditure)
class ObjectOfExpenditureTranslation(TranslationOptions):
    fields = ("name",)


@register(BudgetHolder)
class BudgetHolderTranslation(TranslationOptions):
    fields = ("name",)
