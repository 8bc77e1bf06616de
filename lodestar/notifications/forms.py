from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lodestar.people.forms import ClockField

from .models import Channel
from .registry import all_kinds


class PreferencesForm(forms.Form):
    """One channel choice per kind, plus quiet hours and the digest, all in local time."""

    quiet_start = ClockField(label=_("Quiet from"), required=False)
    quiet_end = ClockField(label=_("Quiet until"), required=False, help_text=_("For example 22:00 until 07:00."))
    digest_enabled = forms.BooleanField(
        label=_("Gather non-urgent emails into one daily digest"), required=False
    )
    digest_time = ClockField(label=_("Send the digest at"), required=False, initial="08:00")

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds or all_kinds(configurable_only=True)
        for kind in self.kinds:
            self.fields[f"channel_{kind.code}"] = forms.ChoiceField(
                label=kind.label, help_text=kind.description, choices=Channel.choices, initial=kind.default_channel
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("quiet_start"), data.get("quiet_end")
        for name in ("quiet_start", "quiet_end", "digest_time"):
            if data.get(name) == 1440:
                self.add_error(name, _("Use 00:00 for midnight here."))
        clock_errors = {"quiet_start", "quiet_end"} & set(self.errors)
        if (start is None) != (end is None) and not clock_errors:
            self.add_error("quiet_end" if end is None else "quiet_start", _("Give both the start and the end of your quiet hours."))
        elif start is not None and start == end and not clock_errors:
            self.add_error("quiet_end", _("Quiet hours must end at a different time than they start."))
        return data

    @property
    def channel_fields(self):
        return [self[f"channel_{kind.code}"] for kind in self.kinds]
