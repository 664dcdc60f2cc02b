from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Country, OrganisationalUnit, Region, Subregion


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
