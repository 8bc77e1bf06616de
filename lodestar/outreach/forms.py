"""Forms check the shape of what people type; services enforce the rules."""

from __future__ import annotations

import datetime as dt
import functools

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from lodestar.people.models import Guidance, MentorshipType, Seniority, language_choices

from .composer import DECLINE_REASONS
from .models import HowMet, TagKind, Tone

HOURS_MAX = 40


@functools.cache
def _countries(language: str) -> list[tuple[str, str]]:
    return [("", str(_("Anywhere")))] + [(code, str(name)) for code, name in countries]


@functools.cache
def _languages(language: str) -> list[tuple[str, str]]:
    return [("", str(_("Any language")))] + language_choices()


class PlainSelect(forms.Select):
    """A select whose options are written in Python: through the widget templates, the two
    long lists (countries, languages) took most of the directory page's rendering time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        options = _options_html(tuple(self.choices))
        if value not in (None, ""):
            mark = format_html('<option value="{}">', value)
            options = mark_safe(options.replace(mark, mark[:-1] + " selected>", 1))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


@functools.lru_cache(maxsize=16)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


class DirectoryFilterForm(forms.Form):
    """The directory's search. Every field is optional; bad values are reported, not guessed."""

    q = forms.CharField(
        label=_("Skill or expertise"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={"list": "skill-suggestions", "placeholder": _("e.g. Python, hiring")}
        ),
    )
    guidance = forms.ChoiceField(
        label=_("Guidance offered"),
        required=False,
        choices=[("", _("Any"))] + list(Guidance.choices),
    )
    language = forms.ChoiceField(
        label=_("Speaks"),
        required=False,
        widget=PlainSelect,
        choices=lambda: _languages(get_language()),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        widget=PlainSelect,
        choices=lambda: _countries(get_language()),
    )
    min_hours = forms.IntegerField(
        label=_("Hours a week in common, at least"),
        required=False,
        min_value=0,
        max_value=HOURS_MAX,
    )
    mentorship_type = forms.ChoiceField(
        label=_("Mentorship type"),
        required=False,
        choices=[("", _("Any"))] + list(MentorshipType.choices),
    )
    min_seniority = forms.TypedChoiceField(
        label=_("Seniority, at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + list(Seniority.choices),
    )
    tag = forms.CharField(
        label=_("Organization, alumni or community"), required=False, max_length=100
    )
    include_unavailable = forms.BooleanField(
        label=_("Also show mentors who cannot take anyone now"), required=False
    )
    bookmarked = forms.BooleanField(label=_("Only my bookmarks"), required=False)
    hidden = forms.BooleanField(label=_("Show the mentors I hid"), required=False)


class ComposeForm(forms.Form):
    cited_work = forms.TypedChoiceField(
        label=_("The piece of their work you mention"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    tone = forms.ChoiceField(
        label=_("Tone"), choices=Tone.choices, initial=Tone.WARM, widget=forms.RadioSelect
    )
    questions = forms.CharField(
        label=_("Your two or three questions"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: things only they can tell you."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )

    def __init__(self, *args, works=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cited_work"].choices = [
            (w.pk, f"{w.title} · {w.get_kind_display()}{f', {w.year}' if w.year else ''}")
            for w in works
        ] + [("", _("None of them"))]

    def question_lines(self) -> list[str]:
        text = self.cleaned_data.get("questions", "") if hasattr(self, "cleaned_data") else ""
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("A note with your yes (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why, in short"),
        required=False,
        initial="time",
        choices=[
            ("time", _("I have no time for this now")),
            ("fit", _("Someone else would fit better")),
        ],
    )
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("We drafted a kind reply; change anything you like."),
    )

    def clean_reason(self) -> str:
        return (
            self.cleaned_data["reason"]
            if self.cleaned_data["reason"] in DECLINE_REASONS
            else "time"
        )


class RedirectForm(forms.Form):
    to = forms.TypedChoiceField(
        label=_("Who would fit better"), coerce=int, required=False, empty_value=None
    )
    email = forms.EmailField(label=_("Or their email address on Lodestar"), required=False)
    reply = forms.CharField(
        label=_("Your reply"), max_length=3000, widget=forms.Textarea(attrs={"rows": 7})
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("Choose a mentor"))] + list(choices)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What was wrong with this request"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProposeTimesForm(forms.Form):
    times = forms.MultipleChoiceField(
        label=_("Times you offer"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, slots=(), other_name: str = "", **kwargs):
        """``slots`` read on the viewer's clock first (``mine``), the other person's second."""
        super().__init__(*args, **kwargs)
        self.fields["times"].choices = [
            (
                s.value,
                _("%(mine)s · for %(name)s: %(theirs)s")
                % {"mine": s.mine, "name": other_name, "theirs": s.theirs},
            )
            for s in slots
        ]

    def clean_times(self) -> list[dt.datetime]:
        try:
            return [dt.datetime.fromisoformat(v) for v in self.cleaned_data["times"]]
        except ValueError:
            raise forms.ValidationError(_("Pick times from the list.")) from None


class BookForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput)

    def clean_start(self) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(self.cleaned_data["start"])
        except ValueError:
            raise forms.ValidationError(_("Pick one of the proposed times.")) from None
        if value.tzinfo is None:
            raise forms.ValidationError(_("Pick one of the proposed times."))
        return value


class ExternalMentorForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=80)
    email = forms.EmailField(label=_("Their email address"))
    how_met = forms.ChoiceField(label=_("How you know them"), choices=HowMet.choices)
    note = forms.CharField(
        label=_("A note for them"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Goes into the invitation: where you met and what you would like to talk about."
        ),
    )


class TagForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TagKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
