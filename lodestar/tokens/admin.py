"""Staff can see that tokens exist and revoke them; the secret was never stored to show."""

from django.contrib import admin
from django.utils import timezone

from .models import PersonalAccessToken


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = [
        "user", "name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"
    ]
    list_filter = ["scope"]
    search_fields = ["user__email", "name", "prefix"]
    readonly_fields = list_display
    exclude = ["token_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
