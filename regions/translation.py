"""Fields translated into the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_translations_in_history

from .models import Country, OrganisationalUnit, Region, RegionalOffice, Subregion


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


@register(RegionalOffice)
class RegionalOfficeTranslation(TranslationOptions):
    fields = ("name",)


keep_translations_in_history(RegionalOffice)


keep_translations_in_history(Country)
