from django.contrib import admin

from .models import AvailabilityWindow, Profile, ProfileLanguage, PublicWork, Skill


class LanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


class AvailabilityInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


class PublicWorkInline(admin.TabularInline):
    model = PublicWork
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "job_title", "organization", "country", "time_zone",
                    "seniority", "accepting_mentees"]
    list_filter = ["seniority", "accepting_mentees", "country"]
    search_fields = ["display_name", "user__email", "organization", "job_title"]
    raw_id_fields = ["user", "manager"]
    filter_horizontal = ["skills", "expertise"]
    inlines = [LanguageInline, AvailabilityInline, PublicWorkInline]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "category", "created_at"]
    search_fields = ["name", "key"]
    list_filter = ["category"]
