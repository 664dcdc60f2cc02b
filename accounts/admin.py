from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "country", "region", "is_active"]
    list_filter = ["groups", "is_active", "region"]
    list_select_related = ["country", "region"]
    autocomplete_fields = ["country", "region"]
    fieldsets = UserAdmin.fieldsets + (("Scope", {"fields": ("country", "region", "preferred_language")}),)
