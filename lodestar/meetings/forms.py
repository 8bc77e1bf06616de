"""Forms check the shape of what was sent; the services enforce the rules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lodestar.people.forms import TimeZoneChoiceField

from .booking import DEFAULT_MINUTES, LENGTHS
from .models import MeetingKind, Recurrence

LINES_HELP = _("One per line.")
# What the booking page sends when asking for fresh slots: not the whole form (no CSRF in URLs).
SLOT_INPUTS = "#booking-form [name=kind], #booking-form [name=minutes], #booking-form [name=slot]"


def local_instant(day: dt.date, clock: dt.time, zone: str) -> dt.datetime:
    """The instant a wall-clock time names in `zone`; a time the clocks skip is refused, a
    time they repeat means its first occurrence."""
    tz = ZoneInfo(zone)
    local = dt.datetime.combine(day, clock.replace(second=0, microsecond=0), tz)
    back = local.astimezone(dt.UTC).astimezone(tz)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValidationError(
            _(
                "%(time)s does not exist on %(day)s in %(zone)s: the clocks jump forward then. "
                "Pick another time."
            )
            % {"time": clock.strftime("%H:%M"), "day": day.isoformat(), "zone": zone}
        )
    return local.astimezone(dt.UTC)


class LocalTimeForm(forms.Form):
    """A date and time on a chosen clock (the person's own by default)."""

    day = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    zone = TimeZoneChoiceField(label=_("Time zone"), required=False)

    def __init__(self, *args, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].initial = zone
        self.own_zone = zone

    def local_start(self, data: dict, *, required: bool = True) -> dt.datetime | None:
        day, clock = data.get("day"), data.get("time")
        if day is None or clock is None:
            if required and not self.has_error("day") and not self.has_error("time"):
                self.add_error("time", _("Give both a date and a time."))
            return None
        try:
            return local_instant(day, clock, data.get("zone") or self.own_zone)
        except ValidationError as exc:
            self.add_error("time", exc)
            return None


class BookingForm(LocalTimeForm):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=MeetingKind.choices, widget=forms.RadioSelect
    )
    minutes = forms.IntegerField(
        label=_("Length in minutes"), required=False, min_value=1, max_value=600
    )
    slot = forms.CharField(required=False)
    recurrence = forms.ChoiceField(
        label=_("Repeat"), required=False, choices=[("", _("Just this once")), *Recurrence.choices]
    )
    count = forms.IntegerField(
        label=_("How many meetings"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("For a series: 2 to 12, all booked now."),
    )
    beyond_agreement = forms.BooleanField(
        label=_("Book it anyway: we have agreed to go past our usual minutes this month"),
        required=False,
    )
    field_order = [
        "kind", "minutes", "slot", "day", "time", "zone", "recurrence", "count", "beyond_agreement"
    ]

    def __init__(self, *args, kind: str | None = None, refresh_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if kind in LENGTHS:
            low, high = LENGTHS[kind]
            minutes = self.fields["minutes"]
            minutes.widget.attrs.update({"min": low, "max": high})
            minutes.help_text = (
                _("A check-in is %(n)d minutes.") % {"n": low}
                if low == high
                else _("From %(low)d to %(high)d minutes.") % {"low": low, "high": high}
            )
        if refresh_url:  # a new length means other free times: ask for them again
            self.fields["minutes"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-target": "#slots",
                    "hx-swap": "outerHTML",
                    "hx-include": SLOT_INPUTS,
                }
            )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and data.get("minutes") is None and not self.has_error("minutes"):
            data["minutes"] = DEFAULT_MINUTES[kind]
        data["starts_at"] = None
        if data.get("slot"):
            try:
                start = dt.datetime.fromisoformat(data["slot"])
            except ValueError:
                start = None
            if start is None or start.utcoffset() is None:
                self.add_error("slot", _("Pick one of the times offered, or enter your own below."))
            data["starts_at"] = start
        else:
            data["starts_at"] = self.local_start(data)
        if data.get("recurrence") and data.get("count") is None:
            self.add_error("count", _("Say how many meetings the series has."))
        return data


class RescheduleForm(LocalTimeForm):
    reason = forms.CharField(
        label=_("Why the change"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["day", "time", "zone", "reason"]

    def clean(self):
        data = super().clean()
        data["starts_at"] = self.local_start(data)
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you are cancelling"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    following = forms.BooleanField(
        label=_("Also cancel the later meetings of this series"), required=False
    )


class AgendaForm(forms.Form):
    progress = forms.CharField(
        label=_("Progress since last time"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    topics = forms.CharField(
        label=_("What you would like to discuss"),
        required=False,
        help_text=LINES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    questions = forms.CharField(
        label=_("Your questions"),
        required=False,
        help_text=LINES_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, intro: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if intro:
            self.fields["questions"].help_text = _("Three to five open questions, one per line.")
            self.order_fields(["questions", "topics", "progress"])

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line.strip(" -•*\t") for line in (value or "").splitlines() if line.strip(" -•*\t")]


class NoteForm(forms.Form):
    prefix = "note"  # several forms share one page: keep their ids apart
    body = forms.CharField(
        label=_("Note"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared = forms.BooleanField(
        label=_("Share with the other person"),
        required=False,
        help_text=_("Unshared notes are yours alone."),
    )


class TakeawayForm(forms.Form):
    prefix = "takeaway"
    text = forms.CharField(label=_("Takeaway"), max_length=500)


class ActionItemForm(forms.Form):
    prefix = "action"
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(
        label=_("Who"), choices=[("me", _("Me")), ("them", _("The other person"))]
    )
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, other_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if other_name:
            self.fields["owner"].choices = [("me", _("Me")), ("them", other_name)]


class ReportBackForm(forms.Form):
    report_back = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    prefix = "follow_up"
    body = forms.CharField(
        label=_("Your message"), max_length=6000, widget=forms.Textarea(attrs={"rows": 12})
    )


class AsyncUpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Your update"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you did since you last spoke, where you are stuck, and what "
            "you would like their view on."
        ),
    )
