"""Staff see that a mentorship exists and where it stands, never what the two wrote in it:
feedback, reflections, thanks, history notes and drafts are not registered here."""

from django.contrib import admin

from .models import Relationship


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ("id", "mentee", "mentor", "kind", "state", "end_reason", "health", "created_at")
    list_filter = ("kind", "state", "health")
    fields = (
        "mentee", "mentor", "kind", "state", "end_reason", "started_at", "ended_at", "health",
        "health_score", "health_checked_at",
    )
    readonly_fields = fields
    search_fields = ("mentee__display_name", "mentor__display_name")

    def has_add_permission(self, request) -> bool:
        return False  # relationships change through their lifecycle, not by hand
