from django.contrib import admin
from django.utils import timezone

from .models import AbuseReport, DirectoryTag, ExternalMentor, IntroRequest, Waitlist


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    """Reports mentors make about requests; staff read the request and close the report."""

    list_display = ["created_at", "reporter", "sender", "request_state", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = [
        "reporter__display_name",
        "request__mentee__display_name",
        "request__mentee__user__email",
    ]
    readonly_fields = ["request", "reporter", "reason", "created_at", "sent_message"]
    fields = [
        "request",
        "reporter",
        "created_at",
        "reason",
        "sent_message",
        "staff_note",
        "resolved_at",
    ]
    actions = ["mark_resolved"]

    @admin.display(description="sender")
    def sender(self, report: AbuseReport):
        return report.request.mentee

    @admin.display(description="request")
    def request_state(self, report: AbuseReport) -> str:
        return report.request.get_state_display()

    @admin.display(description="message reported")
    def sent_message(self, report: AbuseReport) -> str:
        return f"{report.request.subject}\n\n{report.request.body}"

    @admin.action(description="Mark as resolved")
    def mark_resolved(self, request, queryset):
        queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter", "request__mentee")


@admin.register(IntroRequest)
class IntroRequestAdmin(admin.ModelAdmin):
    """State and dates only: what people write to each other is theirs (reports show it)."""

    list_display = ["id", "mentee", "mentor", "state", "origin", "created_at", "expires_at"]
    list_filter = ["state", "origin"]
    search_fields = ["mentee__display_name", "mentor__display_name"]
    fields = [
        "mentee",
        "mentor",
        "state",
        "origin",
        "created_at",
        "expires_at",
        "decided_at",
        "redirected_to",
        "meeting",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Waitlist)
class WaitlistAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "created_at", "notified_at"]
    raw_id_fields = ["mentee", "mentor"]


@admin.register(ExternalMentor)
class ExternalMentorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "mentee", "how_met", "invited_at", "joined"]
    fields = [
        "mentee",
        "name",
        "email",
        "how_met",
        "created_at",
        "invited_at",
        "joined",
        "joined_at",
        "request",
    ]
    readonly_fields = fields


@admin.register(DirectoryTag)
class DirectoryTagAdmin(admin.ModelAdmin):
    list_display = ["profile", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "profile__display_name"]
