from django.contrib import admin, messages

from . import outbox
from .models import Notification, NotificationPreference, NotificationSettings, OutboxEvent, OutboxMessage


class OutboxEventInline(admin.TabularInline):
    model = OutboxEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "event", "detail"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "state", "attempts", "next_attempt_at", "sent_at", "created_at"]
    list_filter = ["state"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    inlines = [OutboxEventInline]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Queue the selected unsent messages again")
    def retry_now(self, request, queryset):
        for message in queryset.exclude(state=OutboxMessage.State.SENT):
            outbox.email_retry_now(message=message)
        self.message_user(request, "Queued again.", messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    # Titles only: what a notice says can be personal, and staff need the schedule, not the content.
    list_display = ["kind", "recipient", "due_at", "state", "attempts", "dispatched_at", "read_at"]
    list_filter = ["state", "kind"]
    search_fields = ["key", "recipient__email"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["key", "claimed_at", "claim_token", "dispatched_at", "created_at"]


admin.site.register(NotificationPreference)
admin.site.register(NotificationSettings)
