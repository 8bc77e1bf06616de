"""Forms only parse what the browser sends; services.py enforces the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lodestar.people.models import Guidance, MentorshipType, Seniority, language_choices

from .models import CriterionKind, GoalStatus, Horizon, Importance, Trait, Visibility, Weight

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERCENT_INPUT = forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"})


class GoalForm(forms.Form):
    horizon = forms.ChoiceField(
        label=_("When"), choices=Horizon.choices, widget=forms.RadioSelect, required=False
    )
    text = forms.CharField(
        label=_("Your goal"),
        required=False,
        help_text=_("What will be different, for whom or where, and by when."),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )
    measure = forms.CharField(
        label=_("How you will know you got there"),
        required=False,
        help_text=_("A number, a piece of work you can show, or someone who will notice."),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE_INPUT)
    why = forms.CharField(
        label=_("Why it matters to you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )

    def initial_from(self, goal) -> GoalForm:
        for name in self.fields:
            self.initial[name] = getattr(goal, name)
        return self


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


class ProgressForm(forms.Form):
    progress_percent = forms.IntegerField(label=_("Progress (%)"), widget=PERCENT_INPUT)


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see this goal"), choices=Visibility.choices, widget=forms.RadioSelect
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("New milestone"), required=False, max_length=200)


class CheckInForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("How is it going?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    progress_percent = forms.IntegerField(
        label=_("Progress now (%)"),
        required=False,
        help_text=_("Leave empty to keep the current figure."),
        widget=PERCENT_INPUT,
    )


class SkillGapForm(forms.Form):
    skill = forms.CharField(
        label=_("A skill or area you want to build"),
        required=False,
        help_text=_("Pick from the suggestions or type your own, e.g. project budgeting."),
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("What exactly (optional)"),
        required=False,
        help_text=_("For example: reading a cost report, or planning a budget for a small team."),
    )


GUIDANCE_HELP = {
    Guidance.TECHNICAL: _("How to do the work itself: tools, methods, craft."),
    Guidance.CAREER: _("Where to go next and how to get there."),
    Guidance.NAVIGATION: _("How decisions really get made where you work, and who to talk to."),
    Guidance.EMOTIONAL: _("Someone to think out loud with when work is hard."),
}


class GuidanceForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Guidance:
            self.fields[kind.value] = forms.TypedChoiceField(
                label=kind.label,
                choices=Weight.choices,
                coerce=int,
                initial=Weight.NONE,
                widget=forms.RadioSelect,
                help_text=GUIDANCE_HELP[kind],
            )


# How much a criterion matters, as one choice: a must-have, or a nice-to-have with its weight.
HOW_MUCH = [
    ("must", _("Must-have")),
    ("nice-3", _("Nice to have: counts a lot")),
    ("nice-2", _("Nice to have: counts")),
    ("nice-1", _("Nice to have: counts a little")),
]


def _pick(choices) -> list:
    """A list that starts empty, so nobody ends up wanting "Abkhazian" by leaving it alone."""
    return [("", _("Choose…")), *(choices() if callable(choices) else choices)]


def _value_field(kind: str) -> forms.Field:
    if kind == CriterionKind.EXPERIENCE_YEARS:
        return forms.CharField(
            label=_("At least this many years of experience"),
            widget=forms.NumberInput(attrs={"min": 1, "max": 50}),
        )
    if kind == CriterionKind.SENIORITY:
        return forms.ChoiceField(
            label=_("At least this seniority"), choices=_pick(Seniority.choices)
        )
    if kind == CriterionKind.OVERLAP_HOURS:
        return forms.CharField(
            label=_("At least this many hours a week when you are both free"),
            widget=forms.NumberInput(attrs={"min": 1, "max": 40}),
        )
    if kind == CriterionKind.SKILL:
        return forms.CharField(
            label=_("A skill they have"),
            widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
        )
    if kind == CriterionKind.TRAIT:
        return forms.ChoiceField(label=_("A trait"), choices=_pick(Trait.choices))
    if kind == CriterionKind.LANGUAGE:
        return forms.ChoiceField(label=_("A language they speak"), choices=_pick(language_choices))
    return forms.ChoiceField(
        label=_("A kind of mentorship they offer"), choices=_pick(MentorshipType.choices)
    )


class CriterionForm(forms.Form):
    """One kind of persona criterion; the page shows one of these per kind, prefixed by kind."""

    how_much = forms.ChoiceField(label=_("How much it matters"), choices=HOW_MUCH, initial="nice-2")

    def __init__(self, kind: str, *args, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields = {"value": _value_field(kind), **self.fields}
        self.fields["value"].required = False  # services say what is missing, in their words

    @property
    def importance(self) -> str:
        return Importance.MUST if self.cleaned_data["how_much"] == "must" else Importance.NICE

    @property
    def weight(self) -> int | None:
        how = self.cleaned_data["how_much"]
        return None if how == "must" else int(how.split("-")[1])

    def initial_from(self, criterion) -> CriterionForm:
        self.initial["value"] = criterion.skill.name if criterion.skill_id else criterion.value
        self.initial["how_much"] = "must" if criterion.is_must else f"nice-{criterion.weight}"
        return self
