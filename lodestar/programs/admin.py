from django.contrib import admin

from .models import Program, ProgramRun


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    """Staff can also name admins here; survey answers and comments are not shown anywhere."""

    list_display = ("name", "kind", "audience", "starts_on", "ends_on", "published_at")
    search_fields = ("name",)
    filter_horizontal = ("admins",)
    readonly_fields = ("created_by", "created_at", "published_at")


@admin.register(ProgramRun)
class ProgramRunAdmin(admin.ModelAdmin):
    list_display = ("program", "mode", "state", "progress", "created_at", "finished_at")
    list_filter = ("state", "mode")
    readonly_fields = ("program", "mode", "state", "progress", "stage", "report", "error",
                       "created_by", "created_at", "finished_at")
