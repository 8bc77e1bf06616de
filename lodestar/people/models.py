"""People: one profile per person, for the mentee and the mentor role at once."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from multiselectfield import MultiSelectField
from timezone_field import TimeZoneField


class Seniority(models.IntegerChoices):
    STUDENT = 0, _("Student")
    ENTRY = 1, _("Entry level")
    JUNIOR = 2, _("Junior")
    MID = 3, _("Mid-level")
    SENIOR = 4, _("Senior")
    LEAD = 5, _("Lead or staff")
    DIRECTOR = 6, _("Director")
    EXECUTIVE = 7, _("Executive")


class Guidance(models.TextChoices):
    TECHNICAL = "technical", _("Technical advice")
    CAREER = "career", _("Career strategy")
    NAVIGATION = "navigation", _("Organizational navigation")
    EMOTIONAL = "emotional", _("Emotional support")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Chat")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")


class FeedbackStyle(models.TextChoices):
    DIRECT = "direct", _("Direct and to the point")
    GENTLE = "gentle", _("Gentle and encouraging")
    WRITTEN = "written", _("Written first, then discussed")


class MentorshipType(models.TextChoices):
    FORMAL = "formal", _("Formal (through a program)")
    INFORMAL = "informal", _("Informal")
    PEER = "peer", _("Peer")
    REVERSE = "reverse", _("Reverse")
    VIRTUAL = "virtual", _("Virtual")


class Proficiency(models.IntegerChoices):
    BASIC = 1, _("Basic")
    CONVERSATIONAL = 2, _("Conversational")
    WORKING = 3, _("Working proficiency")
    FLUENT = 4, _("Fluent")
    NATIVE = 5, _("Native")


class WorkKind(models.TextChoices):
    TALK = "talk", _("Talk")
    ARTICLE = "article", _("Article")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


@cache
def language_choices() -> list[tuple[str, str]]:
    """Living languages with a two-letter ISO 639-1 code, by English name."""
    langs = [
        (lang.alpha_2, lang.name.removesuffix(" (macrolanguage)"))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    ]
    return sorted(langs, key=lambda pair: pair[1])


def language_name(code: str) -> str:
    return dict(language_choices()).get(code, code)


_SPACES = re.compile(r"\s+")


def normalize_skill_name(name: str) -> tuple[str, str]:
    """Return (display name, key): one key however the name was typed."""
    display = _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    return display, display.casefold()


class SkillQuerySet(models.QuerySet["Skill"]):
    def popular(self) -> SkillQuerySet:
        return self.annotate(
            n=models.Count("holders", distinct=True) + models.Count("experts", distinct=True)
        ).order_by("-n", "name")


class Skill(models.Model):
    """One entry of the shared skills taxonomy; `key` makes "Python" and " python" the same."""

    name = models.CharField(_("name"), max_length=60)
    key = models.CharField(max_length=60, unique=True, editable=False)
    category = models.CharField(_("category"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.key = normalize_skill_name(self.name)
        super().save(*args, **kwargs)


class ProfileQuerySet(models.QuerySet["Profile"]):
    def mentors(self) -> ProfileQuerySet:
        return self.exclude(mentorship_types="")

    def accepting(self) -> ProfileQuerySet:
        return self.mentors().filter(accepting_mentees=True, max_mentees__gt=0)

    def active_users(self) -> ProfileQuerySet:
        return self.filter(user__is_active=True)


def photo_path(instance: Profile, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{instance.user_id}.{ext}"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=80)
    headline = models.CharField(
        _("headline"), max_length=140, blank=True, help_text=_("One line about you.")
    )
    bio = models.TextField(_("bio"), max_length=4000, blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)

    organization = models.CharField(_("organization"), max_length=120, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    seniority = models.PositiveSmallIntegerField(
        _("seniority"), choices=Seniority.choices, null=True, blank=True
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True, validators=[MaxValueValidator(70)]
    )

    country = CountryField(_("country"), blank=True)
    time_zone = TimeZoneField(_("time zone"), default="UTC", use_pytz=False)

    skills = models.ManyToManyField(Skill, verbose_name=_("skills"), related_name="holders", blank=True)
    expertise = models.ManyToManyField(
        Skill, verbose_name=_("expertise areas"), related_name="experts", blank=True
    )

    channels = MultiSelectField(
        _("preferred channels"), choices=Channel.choices, max_length=40, blank=True
    )
    feedback_style = models.CharField(
        _("feedback style"), max_length=12, choices=FeedbackStyle.choices, blank=True
    )

    # As a mentor.
    guidance_offered = MultiSelectField(
        _("guidance you can offer"), choices=Guidance.choices, max_length=60, blank=True
    )
    mentorship_types = MultiSelectField(
        _("mentorship types you are open to"),
        choices=MentorshipType.choices,
        max_length=60,
        blank=True,
    )
    max_mentees = models.PositiveSmallIntegerField(
        _("maximum active mentees"), default=0, validators=[MaxValueValidator(50)]
    )
    minutes_per_month = models.PositiveIntegerField(
        _("minutes per month for mentoring"), default=0, validators=[MaxValueValidator(6000)]
    )
    accepting_mentees = models.BooleanField(_("accepting new mentees"), default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(condition=~Q(manager=models.F("id")), name="profile_not_own_manager"),
            models.CheckConstraint(condition=Q(max_mentees__gte=0), name="profile_capacity_not_negative"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:profile", args=[self.pk])

    @property
    def is_mentor(self) -> bool:
        return bool(self.mentorship_types)

    @property
    def initials(self) -> str:
        parts = [p for p in self.display_name.split() if p[:1].isalpha()]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3, choices=language_choices)
    proficiency = models.PositiveSmallIntegerField(
        _("proficiency"), choices=Proficiency.choices, default=Proficiency.WORKING
    )

    class Meta:
        ordering = ["-proficiency", "language"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="one_entry_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_proficiency_display()})"


class PublicWork(models.Model):
    """A talk, article or project of a person's that a mentee could cite in outreach."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="public_work")
    kind = models.CharField(_("kind"), max_length=10, choices=WorkKind.choices, default=WorkKind.TALK)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1950)]
    )

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class AvailabilityWindow(models.Model):
    """A weekly window in the person's own local time, as minutes from midnight (end may be 24:00)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    start_minute = models.PositiveSmallIntegerField(validators=[MaxValueValidator(1439)])
    end_minute = models.PositiveSmallIntegerField(validators=[MaxValueValidator(1440)])

    class Meta:
        ordering = ["weekday", "start_minute"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_minute__gt=models.F("start_minute")), name="window_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="window_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_label}-{self.end_label}"

    @staticmethod
    def label(minute: int) -> str:
        return f"{minute // 60:02d}:{minute % 60:02d}"

    @property
    def start_label(self) -> str:
        return self.label(self.start_minute)

    @property
    def end_label(self) -> str:
        return self.label(self.end_minute)

    @property
    def hours(self) -> float:
        return (self.end_minute - self.start_minute) / 60
