"""A mentee's self-reflection: goals and progress, skill gaps, guidance wanted, mentor persona.

Everything here is structured so that matching can read it: skill gaps point into the shared
skills taxonomy, guidance is a weight per kind, and persona criteria are typed must-haves (hard
constraints) and nice-to-haves (weights).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField
from lodestar.people.models import (
    Guidance,
    MentorshipType,
    Profile,
    Seniority,
    Skill,
    language_name,
)


class Horizon(models.TextChoices):
    SHORT = "short", _("Short-term (6 to 12 months)")
    LONG = "long", _("Long-term (3 to 5 years)")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    PAUSED = "paused", _("Paused")
    DROPPED = "dropped", _("Dropped")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    MENTORS = "mentors", _("Me and my mentors")


class GoalQuerySet(models.QuerySet["Goal"]):
    def for_owner(self, owner: Profile) -> GoalQuerySet:
        return self.filter(owner=owner)

    def active(self) -> GoalQuerySet:
        return self.filter(status=GoalStatus.ACTIVE)

    def visible_to(self, viewer: Profile | None) -> GoalQuerySet:
        """The one place that decides who may read a goal (and its milestones and check-ins).

        The owner always; and a goal its owner shared with "me and my mentors" also to the
        people guiding the owner now: the mentor of a relationship past the request and not
        ended, or the other side of a peer relationship. Reading is all they get: changing a
        goal stays with its owner (``for_owner``). Once the relationship ends, so does the view.
        """
        if viewer is None:
            return self.none()
        from lodestar.relationships.models import Relationship  # relationships build on goals

        guiding = Relationship.objects.guided_by(viewer)
        return self.filter(Q(owner=viewer) | Q(visibility=Visibility.MENTORS, owner__in=guiding))


class Goal(models.Model):
    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="goals")
    horizon = models.CharField(_("horizon"), max_length=5, choices=Horizon.choices)
    text = models.CharField(_("goal"), max_length=500)
    why = EncryptedTextField(_("why it matters"), max_length=1000, blank=True)
    measure = EncryptedTextField(_("how you will measure success"), max_length=300, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    progress_percent = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    visibility = models.CharField(
        _("who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__gte=0, progress_percent__lte=100),
                name="goal_progress_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("goals:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == GoalStatus.ACTIVE


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class GoalCheckIn(models.Model):
    """A dated note on how a goal is going, with the progress it had that day."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), max_length=2000)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress"), validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__gte=0, progress_percent__lte=100),
                name="check_in_progress_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}"  # not the note: it is encrypted, and admin logs keep this


class SkillGap(models.Model):
    """Something the mentee wants to learn, as an entry of the shared skills taxonomy."""

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skill_gaps")
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.CASCADE, related_name="wanted_by"
    )
    note = models.CharField(_("what exactly"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "skill"], name="one_gap_per_skill"),
        ]

    def __str__(self) -> str:
        return self.skill.name


class Step(models.TextChoices):
    GOALS = "goals", _("Goals")
    GAPS = "gaps", _("Skill gaps")
    GUIDANCE = "guidance", _("Guidance")
    PERSONA = "persona", _("Mentor persona")
    REVIEW = "review", _("Review")


class Weight(models.IntegerChoices):
    NONE = 0, _("Not needed")
    SOME = 1, _("Would help")
    IMPORTANT = 2, _("Important")
    ESSENTIAL = 3, _("Essential")


def _weight_field(label):
    return models.PositiveSmallIntegerField(label, choices=Weight.choices, default=Weight.NONE)


class Reflection(models.Model):
    """One per person: their place in the flow, the guidance they want, when they became ready."""

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="reflection")
    last_step = models.CharField(max_length=10, choices=Step.choices, default=Step.GOALS)
    # One column per people.models.Guidance value, named after it (see `guidance_weights`).
    technical = _weight_field(Guidance.TECHNICAL.label)
    career = _weight_field(Guidance.CAREER.label)
    navigation = _weight_field(Guidance.NAVIGATION.label)
    emotional = _weight_field(Guidance.EMOTIONAL.label)
    ready_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the reflection last became ready; empty when it is not.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{g}__lte": 3}), name=f"reflection_{g}_weight_valid"
            )
            for g in Guidance.values
        ]

    def __str__(self) -> str:
        return f"Reflection of {self.profile}"

    @property
    def guidance_weights(self) -> dict[str, int]:
        return {g: getattr(self, g) for g in Guidance.values}


class Trait(models.TextChoices):
    PATIENT = "patient", _("Patient with beginners")
    DIRECT = "direct", _("Gives blunt, direct feedback")
    GENTLE = "gentle", _("Gives gentle, encouraging feedback")
    CHALLENGING = "challenging", _("Pushes me past my comfort zone")
    LISTENER = "listener", _("Listens more than they talk")
    STRUCTURED = "structured", _("Brings structure to our sessions")
    CONNECTED = "connected", _("Well connected in my field")
    CAREER_CHANGER = "career_changer", _("Has changed careers")
    MANAGER = "manager", _("Has managed people")
    FOUNDER = "founder", _("Has started a company")
    ABROAD = "abroad", _("Has worked in another country")
    RETURNER = "returner", _("Came back after a career break")


class Importance(models.TextChoices):
    MUST = "must", _("Must-have")
    NICE = "nice", _("Nice to have")


class CriterionKind(models.TextChoices):
    EXPERIENCE_YEARS = "experience_years", _("Years of experience")
    SKILL = "skill", _("Skill")
    TRAIT = "trait", _("Trait")
    LANGUAGE = "language", _("Language")
    SENIORITY = "seniority", _("Seniority")
    OVERLAP_HOURS = "overlap_hours", _("Shared hours a week")
    MENTORSHIP_TYPE = "mentorship_type", _("Mentorship type")


# Minimums (numbers) a persona holds at most once: a second value replaces the first.
SINGLE_VALUED = (
    CriterionKind.EXPERIENCE_YEARS,
    CriterionKind.SENIORITY,
    CriterionKind.OVERLAP_HOURS,
)


class PersonaCriterion(models.Model):
    """One thing the mentee's ideal mentor has: a must-have (hard constraint) or a weighted wish.

    `value` by kind: experience_years, seniority (a Seniority number) and overlap_hours are
    minimums; skill is the taxonomy key (and `skill` is set); language an ISO 639-1 code;
    trait a Trait; mentorship_type a MentorshipType.
    """

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="persona")
    kind = models.CharField(_("kind"), max_length=16, choices=CriterionKind.choices)
    value = models.CharField(_("value"), max_length=60)
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    importance = models.CharField(_("importance"), max_length=4, choices=Importance.choices)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="How much a nice-to-have counts, 1 to 3; empty for a must-have.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["importance", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "value"], name="persona_criterion_once"
            ),
            models.UniqueConstraint(
                fields=["owner", "kind"],
                condition=Q(kind__in=[k.value for k in SINGLE_VALUED]),
                name="persona_single_valued_kinds_once",
            ),
            models.CheckConstraint(
                condition=(Q(importance="must") & Q(weight__isnull=True))
                | (Q(importance="nice") & Q(weight__gte=1) & Q(weight__lte=3)),
                name="persona_weight_only_for_nice_to_haves",
            ),
            models.CheckConstraint(
                condition=Q(kind="skill", skill__isnull=False)
                | (~Q(kind="skill") & Q(skill__isnull=True)),
                name="persona_skill_set_for_skill_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.describe()} ({self.get_importance_display()})"

    @property
    def is_must(self) -> bool:
        return self.importance == Importance.MUST

    def describe(self) -> str:
        return describe_criterion(self.kind, self.value, self.skill.name if self.skill_id else "")


def describe_criterion(kind: str, value: str, skill_name: str = "") -> str:
    """A criterion in words, as the mentee would say it: "at least 5 years of experience"."""
    if kind == CriterionKind.EXPERIENCE_YEARS:
        return str(_("at least %(n)s years of experience") % {"n": value})
    if kind == CriterionKind.SKILL:
        return str(_("knows %(skill)s") % {"skill": skill_name or value})
    if kind == CriterionKind.TRAIT:
        return str(_choice_label(Trait, value)).lower()
    if kind == CriterionKind.LANGUAGE:
        return str(_("speaks %(language)s") % {"language": language_name(value)})
    if kind == CriterionKind.SENIORITY:
        level = _choice_label(Seniority, int(value)) if value.isdigit() else value
        return str(_("seniority of at least %(level)s") % {"level": level})
    if kind == CriterionKind.OVERLAP_HOURS:
        return str(_("at least %(n)s hours a week in common") % {"n": value})
    if kind == CriterionKind.MENTORSHIP_TYPE:
        return str(_("open to %(type)s mentorship") % {"type": _type_word(value)})
    return value


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _type_word(code: str) -> str:
    words = {
        MentorshipType.FORMAL: _("formal"),
        MentorshipType.INFORMAL: _("informal"),
        MentorshipType.PEER: _("peer"),
        MentorshipType.REVERSE: _("reverse"),
        MentorshipType.VIRTUAL: _("virtual"),
    }
    return str(words.get(code, code))
