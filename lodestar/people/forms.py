from __future__ import annotations

import json
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.zones import LEGACY_NAMES, current_name, selectable_zones

from .models import (
    WEEKDAYS,
    Channel,
    FeedbackStyle,
    Guidance,
    MentorshipType,
    Profile,
    Proficiency,
    WorkKind,
    language_choices,
    normalize_skill_name,
)

UNKNOWN_ZONE = _(
    "“%(value)s” is not a time zone we know. Pick a place from the list, such as Europe/Berlin."
)


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in selectable_zones()]


class TimeZoneChoiceField(forms.ChoiceField):
    """Current geographic zone names; an old name (Asia/Calcutta) is read as its new one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", time_zone_choices)
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("error_messages", {"invalid_choice": UNKNOWN_ZONE})
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("data-zone-aliases", json.dumps(LEGACY_NAMES))

    def to_python(self, value):
        return current_name(super().to_python(value).strip())


class AboutForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "headline", "bio", "photo"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise ValidationError(_("Tell people what to call you."))
        return name

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            if photo.size > settings.PHOTO_MAX_BYTES:
                raise ValidationError(
                    _("That photo is %(size)s MB; the limit is %(limit)s MB.")
                    % {
                        "size": round(photo.size / 1_048_576, 1),
                        "limit": round(settings.PHOTO_MAX_BYTES / 1_048_576, 1),
                    }
                )
            if photo.content_type not in {"image/jpeg", "image/png", "image/webp"}:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
        return photo


class WorkForm(forms.ModelForm):
    manager_email = forms.EmailField(
        label=_("Your manager's email"),
        required=False,
        help_text=_("Optional. Programs use it to avoid pairing you inside your reporting line."),
    )

    class Meta:
        model = Profile
        fields = ["job_title", "organization", "department", "seniority", "years_experience"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.manager_id:
            self.fields["manager_email"].initial = self.instance.manager.user.email

    def clean_manager_email(self) -> Profile | None:
        email = self.cleaned_data.get("manager_email", "").strip().lower()
        if not email:
            return None
        manager = Profile.objects.filter(user__email__iexact=email).first()
        if manager is None:
            raise ValidationError(_("Nobody on Lodestar has the address %(email)s.") % {"email": email})
        if manager.pk == self.instance.pk:
            raise ValidationError(_("You cannot be your own manager."))
        return manager


class PlaceForm(forms.ModelForm):
    time_zone = TimeZoneChoiceField(
        help_text=_("Everything you see in Lodestar is shown in this time zone.")
    )

    class Meta:
        model = Profile
        fields = ["country", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["time_zone"] = str(self.instance.time_zone)


class StyleForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Preferred channels"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    feedback_style = forms.ChoiceField(
        label=_("How you like feedback"),
        choices=[("", _("No preference"))] + FeedbackStyle.choices,
        required=False,
    )

    class Meta:
        model = Profile
        fields = ["channels", "feedback_style"]


class MentorForm(forms.ModelForm):
    mentorship_types = forms.MultipleChoiceField(
        label=_("Mentorship types you are open to"),
        choices=MentorshipType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    guidance_offered = forms.MultipleChoiceField(
        label=_("Guidance you can offer"),
        choices=Guidance.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Profile
        fields = [
            "mentorship_types",
            "guidance_offered",
            "max_mentees",
            "minutes_per_month",
            "accepting_mentees",
        ]
        error_messages = {
            "max_mentees": {"min_value": _("Capacity cannot be below zero.")},
            "minutes_per_month": {"min_value": _("Minutes cannot be below zero.")},
        }

    def clean(self):
        data = super().clean()
        if data.get("accepting_mentees"):
            if not data.get("mentorship_types"):
                self.add_error(
                    "mentorship_types", _("Choose at least one type before accepting mentees.")
                )
            if not data.get("max_mentees"):
                self.add_error("max_mentees", _("Set room for at least one mentee to accept requests."))
        return data


SKILL_LIST_MAX = 30


class SkillListField(forms.CharField):
    """Comma-separated names; duplicates by normalized name are dropped."""

    def clean(self, value):
        value = super().clean(value) or ""
        names, keys = [], set()
        for part in value.split(","):
            display, key = normalize_skill_name(part)
            if not key or key in keys:
                continue
            if len(display) > 60:
                raise ValidationError(
                    _("“%(name)s…” is too long for one skill (60 characters at most).")
                    % {"name": display[:30]}
                )
            keys.add(key)
            names.append(display)
        if len(names) > SKILL_LIST_MAX:
            raise ValidationError(_("List at most %(n)d; keep the ones that matter most.") % {"n": SKILL_LIST_MAX})
        return names


class SkillsForm(forms.Form):
    skills = SkillListField(
        label=_("Your skills"),
        required=False,
        help_text=_("Separate with commas, e.g. Python, public speaking, budgeting."),
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )
    expertise = SkillListField(
        label=_("Areas where you could guide others"),
        required=False,
        help_text=_("Used to match you with mentees as a mentor."),
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=lambda: [("", _("Choose a language…")), *language_choices()]
    )
    proficiency = forms.TypedChoiceField(
        label=_("Proficiency"), choices=Proficiency.choices, coerce=int, initial=Proficiency.WORKING
    )


_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*$")


class ClockField(forms.CharField):
    """A local time of day as minutes after midnight; 24:00 is allowed as the end of a day."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time", "step": 900}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value and not self.required:
            return None
        match = _CLOCK.match(value or "")
        if not match:
            raise ValidationError(_("Enter a time like 09:30."))
        hours, minutes = int(match[1]), int(match[2] or 0)
        if minutes > 59 or hours > 24 or (hours == 24 and minutes):
            raise ValidationError(_("Enter a time between 00:00 and 24:00."))
        return hours * 60 + minutes


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAYS, coerce=int)
    start = ClockField(label=_("From"))
    end = ClockField(label=_("Until"), help_text=_("00:00 here means midnight at the end of the day."))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if end == 0:  # time inputs cannot show 24:00; an end at 00:00 is the day's end
            data["end"] = end = 1440
        if start is not None and end is not None and end <= start:
            self.add_error(
                "end",
                _("This window ends before it starts. For time past midnight, add a second "
                  "window on the next day."),
            )
        return data


class PublicWorkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https", max_length=500)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1950)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.now().year + 1:
            raise ValidationError(_("That year has not come yet."))
        return year
