"""Fields translated into the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Country, OrganisationalUnit, Region, Subregion


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Subregion)
class SubregionTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(OrganisationalUnit)
class OrganisationalUnitTranslation(TranslationOptions):
    fields = ("name",)


@register(Country.history.model)
class HistoricalCountryTranslation(TranslationOptions):
    """The audit history keeps every language's name, as the Party row does."""

    fields = ("name",)
