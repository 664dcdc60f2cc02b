from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from .models import APIClient, APIToken, Notification, User
from .services import user_deactivate, user_password_changed

# The administration's own login would skip the second factor: send it to the portal's login.
admin.site.login = secure_admin_login(admin.site.login)


class PortalAdminPasswordChangeForm(AdminPasswordChangeForm):
    """Setting a user's password in the administration revokes their API tokens too."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            user_password_changed(user=user)
        return user


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "country", "region", "is_active"]
    list_filter = ["groups", "is_active", "region"]
    list_select_related = ["country", "region"]
    autocomplete_fields = ["country", "region"]
    fieldsets = UserAdmin.fieldsets + (("Scope", {"fields": ("country", "region", "preferred_language")}),)
    change_password_form = PortalAdminPasswordChangeForm
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(user=obj)

    @admin.action(description="Deactivate: end their sessions and revoke their API tokens")
    def deactivate(self, request, queryset):
        for user in queryset:
            user_deactivate(user=user)
        messages.success(request, f"{queryset.count()} account(s) deactivated.")


@admin.register(APIClient)
class APIClientAdmin(admin.ModelAdmin):
    """Read-only: API clients are created, renewed and revoked on the portal's API clients page."""

    list_display = ["name", "scope", "account", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", "revoked_at"]
    list_select_related = ["account"]
    search_fields = ["name", "purpose"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(APIToken)
class APITokenAdmin(admin.ModelAdmin):
    """Tokens are shown by their first characters only; deleting one revokes it."""

    list_display = ["token_key", "user", "name", "client", "created", "expiry", "last_used_at"]
    list_select_related = ["user", "client"]
    search_fields = ["token_key", "user__username", "name"]
    fields = ["token_key", "user", "name", "client", "created", "expiry", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are written by the services of the events they tell."""

    list_display = ["recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
