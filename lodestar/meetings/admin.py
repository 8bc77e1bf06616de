"""Staff see when meetings are and whether they happened; never what anyone wrote in them
(notes, private or shared, are deliberately not registered here)."""

from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["organizer", "attendee", "kind", "starts_at", "ends_at", "status", "sequence"]
    list_filter = ["kind", "status"]
    search_fields = ["organizer__display_name", "attendee__display_name", "uid"]
    date_hierarchy = "starts_at"

    # Bookings change only through the booking rules (seats, invitations, reminders).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
