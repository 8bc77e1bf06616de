from django.contrib import admin

from .models import Goal, GoalCheckIn, Milestone, PersonaCriterion, Reflection, SkillGap


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class CheckInInline(admin.TabularInline):
    model = GoalCheckIn
    extra = 0
    readonly_fields = ["created_at"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    # Goals are personal; staff see them here only to help the person who asked for support.
    list_display = [
        "text",
        "owner",
        "horizon",
        "status",
        "progress_percent",
        "target_date",
        "visibility",
        "updated_at",
    ]
    list_filter = ["horizon", "status", "visibility"]
    search_fields = ["owner__display_name", "owner__user__email"]
    raw_id_fields = ["owner"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MilestoneInline, CheckInInline]


@admin.register(SkillGap)
class SkillGapAdmin(admin.ModelAdmin):
    list_display = ["skill", "owner", "created_at"]
    search_fields = ["skill__name", "owner__display_name", "owner__user__email"]
    raw_id_fields = ["owner", "skill"]


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = [
        "profile",
        "last_step",
        "technical",
        "career",
        "navigation",
        "emotional",
        "ready_at",
        "updated_at",
    ]
    list_filter = ["last_step"]
    search_fields = ["profile__display_name", "profile__user__email"]
    raw_id_fields = ["profile"]


@admin.register(PersonaCriterion)
class PersonaCriterionAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "value", "importance", "weight"]
    list_filter = ["kind", "importance"]
    search_fields = ["owner__display_name", "owner__user__email", "value"]
    raw_id_fields = ["owner", "skill"]
