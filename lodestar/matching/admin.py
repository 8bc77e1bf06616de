from django.contrib import admin

from .models import MatchProposal, MatchRun


class ReadOnly:
    """Runs are written by the matching services only; staff may read them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff


class ProposalInline(ReadOnly, admin.TabularInline):
    model = MatchProposal
    fields = ["mentee", "mentor", "score", "reasons"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "mode", "status", "created_at", "created_by"]
    list_filter = ["mode", "status"]
    readonly_fields = ["mode", "status", "created_at", "created_by", "params", "report"]
    inlines = [ProposalInline]


@admin.register(MatchProposal)
class MatchProposalAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["run", "mentee", "mentor", "score"]
    list_filter = ["run__mode"]
    search_fields = ["mentee__display_name", "mentor__display_name"]
    list_select_related = ["mentee", "mentor", "run"]
    readonly_fields = ["run", "mentee", "mentor", "score", "breakdown", "reasons"]
