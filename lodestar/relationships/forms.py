"""Forms check shapes; services enforce the rules (lodestar.relationships.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lodestar.people.models import Channel

from .models import AdvocacyKind, Cadence, EndReason, State


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=State.choices)
    end_reason = forms.ChoiceField(
        label=_("Why it ends"), choices=[("", "—"), *EndReason.choices], required=False
    )
    learned = forms.CharField(
        label=_("What you now know you need"),
        max_length=300,
        required=False,
        help_text=_("For a mismatch: goes into the note we draft for you."),
    )
    reason = forms.CharField(
        label=_("A note for the history"), widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000, required=False,
    )


class AgreementForm(forms.Form):
    cadence = forms.ChoiceField(label=_("How often you meet"), choices=Cadence.choices)
    minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=10, max_value=180)
    channels = forms.MultipleChoiceField(
        label=_("How you stay in touch"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    review_on = forms.DateField(
        label=_("Review date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    acknowledge = forms.BooleanField(
        label=_(
            "I will keep what we share confidential, and the mentee sends an agenda 24 hours "
            "before each meeting."
        ),
        required=False,
    )


class FeedbackForm(forms.Form):
    situation = forms.CharField(
        label=_("Situation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When and where? “In Tuesday's planning call…”"),
        required=False,
    )
    behavior = forms.CharField(
        label=_("Behavior"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What did they do or say, as a camera would have recorded it?"),
        required=False,
    )
    impact = forms.CharField(
        label=_("Impact"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What did it change for you, the team or the work?"),
        required=False,
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class GratitudeForm(forms.Form):
    helped_with = forms.CharField(label=_("What helped"), max_length=500, required=False)
    text = forms.CharField(
        label=_("Your note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ChallengeForm(forms.Form):
    text = forms.CharField(
        label=_("The challenge"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    due_on = forms.DateField(
        label=_("By"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AdvocacyForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you did"), choices=AdvocacyKind.choices)
    text = forms.CharField(
        label=_("Details"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class PayItForwardForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=140, required=False)
    bio = forms.CharField(
        label=_("What you can help with"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}), required=False,
    )
    max_mentees = forms.IntegerField(
        label=_("How many mentees at once"), min_value=1, max_value=10, initial=1
    )
