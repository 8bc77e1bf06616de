from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lodestar.matching.features import Weights

from .models import EndReason, MatchMode, Program, QuestionKind, QuestionUse
from .services import WEIGHT_NAMES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WEIGHT_LABELS = {
    "skills": _("Weight: skill gaps the mentor covers"),
    "goals": _("Weight: goals echoed in the mentor's profile"),
    "guidance": _("Weight: the kind of guidance wanted"),
    "persona": _("Weight: nice-to-haves met"),
    "availability": _("Weight: shared hours a week"),
    "language": _("Weight: a shared language"),
    "seniority": _("Weight: seniority that suits the kind of program"),
    "kind": _("Weight: open to this kind of mentoring"),
    "answers": _("Weight: same answers to the “should match” questions"),
}


class ProgramCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    admins = forms.CharField(label=_("Admins' email addresses"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("One a line; they must have an account."))


class ProgramForm(forms.ModelForm):
    milestones = forms.CharField(label=_("Check-ins (days after the start)"), required=False,
                                 help_text=_("For example: 30, 90. The midpoint and the end are added."))

    class Meta:
        model = Program
        fields = ["name", "purpose", "kind", "audience", "invite_list", "email_domain",
                  "enrollment_opens", "enrollment_closes", "matching_on", "starts_on", "ends_on",
                  "mentor_capacity", "match_mode", "forbid_same_department", "forbid_same_line",
                  "max_zone_gap_hours"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}),
                   "invite_list": forms.Textarea(attrs={"rows": 3}),
                   **{f: DATE for f in ("enrollment_opens", "enrollment_closes", "matching_on",
                                        "starts_on", "ends_on")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones"].initial = ", ".join(str(d) for d in self.instance.milestone_days)
        defaults = Weights()
        for name in WEIGHT_NAMES:
            self.fields[f"w_{name}"] = forms.FloatField(
                label=WEIGHT_LABELS.get(name, name), min_value=0, max_value=10,
                initial=self.instance.weights.get(name, getattr(defaults, name)),
            )

    def clean_milestones(self) -> list[int]:
        raw = [x.strip() for x in self.cleaned_data["milestones"].replace(";", ",").split(",")]
        try:
            days = sorted({int(x) for x in raw if x})
        except ValueError:
            raise forms.ValidationError(_("Write whole numbers of days, separated by commas.")) from None
        if any(d < 1 or d > 3650 for d in days):
            raise forms.ValidationError(_("Each check-in falls 1 to 3650 days after the start."))
        return days

    def settings(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items()
                if k in self.Meta.fields}
        data["milestone_days"] = self.cleaned_data["milestones"]
        data["weights"] = {n: self.cleaned_data[f"w_{n}"] for n in WEIGHT_NAMES}
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    role = forms.ChoiceField(label=_("Asked of"), choices=[("all", _("everyone")),
                                                           ("mentee", _("mentees")),
                                                           ("mentor", _("mentors"))])
    kind = forms.ChoiceField(label=_("Answer"), choices=QuestionKind.choices)
    choices = forms.CharField(label=_("Choices (one a line)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    matching = forms.ChoiceField(label=_("Use in matching"), choices=QuestionUse.choices)

    def clean_choices(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["choices"].splitlines() if c.strip()]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as UTF-8 CSV and try again.")) from None


class RunForm(forms.Form):
    mode = forms.ChoiceField(label=_("Matching"), choices=MatchMode.choices)


class ApplyForm(forms.Form):
    role = forms.ChoiceField(label=_("I join as"))

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Role

        self.fields["role"].choices = [(r, Role(r).label) for r in program.roles]
        for q in program.questions.all():
            if q.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(label=q.text, choices=[(c, c) for c in q.choices])
            else:
                field = forms.CharField(label=q.text, required=False, max_length=2000,
                                        widget=forms.Textarea(attrs={"rows": 2}))
            if q.role != "all":
                field.help_text = _("Only for %(r)ss.") % {"r": q.role}
                field.required = False
            self.fields[f"q{q.pk}"] = field

    def answers(self) -> dict[str, str]:
        return {k[1:]: v for k, v in self.cleaned_data.items() if k.startswith("q") and v}


class SurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(label=_("How satisfied are you with the mentorship?"),
                                          coerce=int, choices=[(i, str(i)) for i in range(1, 6)],
                                          widget=forms.RadioSelect)
    meeting = forms.TypedChoiceField(label=_("Are you two meeting?"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Yes")), ("no", _("No"))],
                                     widget=forms.RadioSelect)
    goal_progress = forms.IntegerField(label=_("How far along is your goal (percent)?"),
                                       min_value=0, max_value=100)
    recommend = forms.TypedChoiceField(
        label=_("How likely are you to recommend the program to a colleague (0-10)?"),
        coerce=int, choices=[(i, str(i)) for i in range(11)], required=False, empty_value=None,
    )
    comments = forms.CharField(label=_("Anything else? (only you can read this)"), required=False,
                               max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    end_reason = forms.ChoiceField(label=_("How did the mentorship end?"), required=False,
                                   choices=[("", "—"), *EndReason.choices])

    def __init__(self, *args, closing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not closing:
            del self.fields["end_reason"]
        else:
            self.fields["end_reason"].required = True
