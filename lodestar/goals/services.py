"""Writes to a mentee's self-reflection and goals; what the web views and the API both call.

Every function is keyword-only, validates before it writes, runs in a transaction and raises
django.core.exceptions.ValidationError keyed by field, so bad input saves nothing. Loading an
object and checking that the caller may touch it is the caller's job (see views._own_goal).
Goals the coach is not happy with are still saved as drafts; only readiness waits for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lodestar.people.models import Guidance, Profile, normalize_skill_name
from lodestar.people.services import skills_resolve

from . import persona
from .models import (
    SINGLE_VALUED,
    CriterionKind,
    Goal,
    GoalCheckIn,
    GoalStatus,
    Horizon,
    Milestone,
    PersonaCriterion,
    Reflection,
    SkillGap,
    Step,
    Visibility,
)
from .readiness import Readiness, local_today, reflection_readiness

__all__ = [
    "goal_check_in",
    "goal_create",
    "goal_delete",
    "goal_set_progress",
    "goal_set_status",
    "goal_set_visibility",
    "goal_update",
    "guidance_set",
    "milestone_add",
    "milestone_remove",
    "milestone_toggle",
    "persona_remove_criterion",
    "persona_set_criterion",
    "reflection_mark_step",
    "reflection_readiness",
    "reflection_refresh",
    "skill_gap_add",
    "skill_gap_remove",
    "skill_gaps_set",
]

GOAL_FIELDS = frozenset({"horizon", "text", "why", "measure", "target_date"})
MAX_GOALS = 30
MAX_MILESTONES = 20
MAX_SKILL_GAPS = 10
MAX_CRITERIA = 20
MAX_YEARS_AHEAD = 10


# --- goals ----------------------------------------------------------------------------------


def _clean_goal(values: dict, *, today: date, date_changed: bool) -> dict:
    errors: dict[str, str] = {}
    text = (values.get("text") or "").strip()
    if not text:
        errors["text"] = _("Write the goal itself: what you want to be different, and by when.")
    elif len(text) > 500:
        errors["text"] = _("Keep a goal to 500 characters; split a longer one into two goals.")
    if values.get("horizon") not in Horizon.values:
        errors["horizon"] = _("Choose short-term (6 to 12 months) or long-term (3 to 5 years).")
    why, measure = (values.get("why") or "").strip(), (values.get("measure") or "").strip()
    if len(why) > 1000:
        errors["why"] = _("Keep this to 1,000 characters.")
    if len(measure) > 300:
        errors["measure"] = _("Keep this to 300 characters.")
    target = values.get("target_date")
    if target is not None and date_changed:
        if target < today:
            errors["target_date"] = _(
                "%(date)s has already passed. Choose a date from today on."
            ) % {"date": date_format(target, "j F Y")}
        elif target > today + timedelta(days=365 * MAX_YEARS_AHEAD):
            errors["target_date"] = _("That is more than ten years away; choose a nearer date.")
    if errors:
        raise ValidationError(errors)
    return {
        "text": text,
        "horizon": values["horizon"],
        "why": why,
        "measure": measure,
        "target_date": target,
    }


@transaction.atomic
def goal_create(
    *,
    owner: Profile,
    horizon: str,
    text: str,
    why: str = "",
    measure: str = "",
    target_date: date | None = None,
) -> Goal:
    typed = {"horizon": horizon, "text": text, "why": why, "measure": measure}
    values = _clean_goal(
        {**typed, "target_date": target_date}, today=local_today(owner), date_changed=True
    )
    # Lock the owner's row so two tabs cannot both add the 30th goal.
    Profile.objects.select_for_update().filter(pk=owner.pk).first()
    goals = Goal.objects.for_owner(owner)
    if goals.count() >= MAX_GOALS:
        message = _("You have %(n)s goals already; remove ones you dropped before adding more.")
        raise ValidationError({"text": message % {"n": MAX_GOALS}})
    position = (goals.aggregate(m=Max("position"))["m"] or 0) + 1
    goal = Goal.objects.create(owner=owner, position=position, **values)
    reflection_refresh(profile=owner)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **fields) -> Goal:
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"goal_update does not set {sorted(unknown)}")
    current = {name: getattr(goal, name) for name in GOAL_FIELDS}
    values = _clean_goal(
        {**current, **fields},
        today=local_today(goal.owner),
        date_changed=fields.get("target_date", goal.target_date) != goal.target_date,
    )
    for name, value in values.items():
        setattr(goal, name, value)
    goal.save()
    reflection_refresh(profile=goal.owner)
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    owner = goal.owner
    goal.delete()
    reflection_refresh(profile=owner)


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str) -> Goal:
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Choose one of the listed statuses.")})
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    reflection_refresh(profile=goal.owner)
    return goal


def _clean_percent(goal: Goal, percent: object, field: str) -> int:
    if goal.milestones.exists():
        message = _(
            "This goal's progress follows its milestones: tick them off as you go, or remove them "
            "to set a percentage yourself."
        )
        raise ValidationError({field: message})
    try:
        number = int(percent)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number from 0 to 100.")}) from None
    if not 0 <= number <= 100:
        raise ValidationError({field: _("Progress runs from 0 to 100%.")})
    return number


@transaction.atomic
def goal_set_progress(*, goal: Goal, percent: int) -> Goal:
    goal.progress_percent = _clean_percent(goal, percent, "progress_percent")
    goal.save(update_fields=["progress_percent", "updated_at"])
    return goal


@transaction.atomic
def goal_set_visibility(*, goal: Goal, visibility: str) -> Goal:
    """Stored now; who actually sees a shared goal is decided by GoalQuerySet.visible_to."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who can see this goal.")})
    goal.visibility = visibility
    goal.save(update_fields=["visibility", "updated_at"])
    return goal


# --- milestones and check-ins ---------------------------------------------------------------


def _follow_milestones(goal: Goal) -> None:
    """A goal with milestones shows the share of them done as its progress."""
    milestones = list(goal.milestones.all())
    if milestones:
        goal.progress_percent = round(100 * sum(m.done for m in milestones) / len(milestones))
        goal.save(update_fields=["progress_percent", "updated_at"])


@transaction.atomic
def milestone_add(*, goal: Goal, title: str) -> Milestone:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Name the milestone, for example “first draft shared”.")})
    if len(title) > 200:
        raise ValidationError({"title": _("Keep a milestone to 200 characters.")})
    existing = goal.milestones.count()
    if existing >= MAX_MILESTONES:
        raise ValidationError(
            {"title": _("A goal can have %(n)s milestones at most.") % {"n": MAX_MILESTONES}}
        )
    milestone = Milestone.objects.create(goal=goal, title=title, position=existing + 1)
    _follow_milestones(goal)
    return milestone


@transaction.atomic
def milestone_toggle(*, milestone: Milestone, done: bool | None = None) -> Milestone:
    milestone.done = (not milestone.done) if done is None else done
    milestone.save(update_fields=["done"])
    _follow_milestones(milestone.goal)
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: Milestone) -> None:
    goal = milestone.goal
    milestone.delete()
    _follow_milestones(goal)  # with none left, the last figure stays until set by hand


@transaction.atomic
def goal_check_in(
    *, goal: Goal, on: date, note: str, progress_percent: int | None = None
) -> GoalCheckIn:
    """A dated note; with a percentage (no milestones) it also moves the goal's progress."""
    errors = {}
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Write a line about how it is going.")
    elif len(note) > 2000:
        errors["note"] = _("Keep a check-in to 2,000 characters.")
    if on is None:
        errors["on"] = _("Give the date of this check-in.")
    elif on > local_today(goal.owner):
        errors["on"] = _(
            "A check-in records what has happened, so its date cannot be in the future."
        )
    if progress_percent not in (None, ""):
        try:
            progress_percent = _clean_percent(goal, progress_percent, "progress_percent")
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if progress_percent not in (None, ""):
        goal.progress_percent = progress_percent
        goal.save(update_fields=["progress_percent", "updated_at"])
    return GoalCheckIn.objects.create(
        goal=goal, on=on, note=note, progress_percent=goal.progress_percent
    )


# --- skill gaps -----------------------------------------------------------------------------


def _too_many_gaps() -> ValidationError:
    message = _("List at most %(n)s skills you want to build; keep the ones that matter most now.")
    return ValidationError({"skill": message % {"n": MAX_SKILL_GAPS}})


def _too_long(name: str) -> bool:
    """Measured as stored: NFKC can lengthen a name ("ﷺ" is 18 characters), and the column
    holds 60 (PostgreSQL refuses more)."""
    return len(normalize_skill_name(name or "")[0]) > 60


def _resolve_one(name: str, field: str):
    if _too_long(name):
        raise ValidationError({field: _("A skill name has 60 characters at most.")})
    found = skills_resolve(names=[name or ""])
    if not found:
        raise ValidationError({field: _("Name the skill, for example “project budgeting”.")})
    return found[0]


@transaction.atomic
def skill_gap_add(*, profile: Profile, name: str, note: str = "") -> SkillGap:
    """Add a skill to build, or update the note of one already listed."""
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Keep this to 300 characters.")})
    skill = _resolve_one(name, "skill")
    gap = profile.skill_gaps.filter(skill=skill).first()
    if gap is None:
        if profile.skill_gaps.count() >= MAX_SKILL_GAPS:
            raise _too_many_gaps()
        gap = SkillGap.objects.create(owner=profile, skill=skill, note=note)
    elif note:
        gap.note = note
        gap.save(update_fields=["note"])
    reflection_refresh(profile=profile)
    return gap


@transaction.atomic
def skill_gap_remove(*, profile: Profile, gap_id: int) -> None:
    profile.skill_gaps.filter(pk=gap_id).delete()  # another person's id removes nothing
    reflection_refresh(profile=profile)


@transaction.atomic
def skill_gaps_set(*, profile: Profile, names: Sequence[str]) -> list[SkillGap]:
    """Replace the list of skills to build; notes stay on the skills that remain."""
    for name in names:
        if _too_long(name):
            raise ValidationError({"skill": _("A skill name has 60 characters at most.")})
    skills = skills_resolve(names=names)
    if len(skills) > MAX_SKILL_GAPS:
        raise _too_many_gaps()
    profile.skill_gaps.exclude(skill__in=skills).delete()
    have = set(profile.skill_gaps.values_list("skill_id", flat=True))
    for skill in skills:
        if skill.pk not in have:
            SkillGap.objects.create(owner=profile, skill=skill)
    reflection_refresh(profile=profile)
    return list(profile.skill_gaps.select_related("skill"))


# --- guidance -------------------------------------------------------------------------------


@transaction.atomic
def guidance_set(*, profile: Profile, weights: Mapping[str, int]) -> Reflection:
    """Weights 0 (not needed) to 3 (essential) per kind of guidance; kinds not given keep theirs."""
    errors = {}
    clean = {}
    for kind, weight in weights.items():
        if kind not in Guidance.values:
            errors[kind] = _("There is no kind of guidance called “%(kind)s”.") % {"kind": kind}
            continue
        try:
            number = int(weight)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= 3:
            errors[kind] = _("Choose from not needed (0) to essential (3).")
        clean[kind] = number
    if errors:
        raise ValidationError(errors)
    reflection, _created = Reflection.objects.get_or_create(profile=profile)
    for kind, number in clean.items():
        setattr(reflection, kind, number)
    reflection.save()
    reflection_refresh(profile=profile)
    return reflection


# --- mentor persona -------------------------------------------------------------------------


def _mentee_facts(profile: Profile) -> persona.MenteeFacts:
    hours = sum(w.hours for w in profile.availability.all())
    return persona.MenteeFacts(profile.seniority, profile.years_experience, hours)


def _wish(criterion: PersonaCriterion) -> persona.Wish:
    skill_name = criterion.skill.name if criterion.skill_id else ""
    return persona.Wish(criterion.kind, criterion.value, criterion.importance, skill_name)


@transaction.atomic
def persona_set_criterion(
    *, profile: Profile, kind: str, value: object, importance: str, weight: int | None = None
) -> PersonaCriterion:
    """Add a criterion, or change one already there (kinds held once are replaced).

    Must-haves that no mentor could meet together are refused, naming both criteria.
    """
    value = persona.clean_value(kind, value)
    weight = persona.clean_weight(importance, weight)
    existing = list(profile.persona.select_related("skill"))
    skill = None
    if kind == CriterionKind.SKILL:
        skill = _resolve_one(value, "value")
        value = skill.key
    if kind in SINGLE_VALUED:
        same = [c for c in existing if c.kind == kind]
    else:
        same = [c for c in existing if c.kind == kind and c.value == value]
    criterion = same[0] if same else None
    others = [c for c in existing if c is not criterion]
    if criterion is None and len(existing) >= MAX_CRITERIA:
        message = _(
            "Your persona has %(n)s criteria already; fewer, clearer ones find a mentor sooner."
        )
        raise ValidationError({"value": message % {"n": MAX_CRITERIA}})
    wish = persona.Wish(kind, value, importance, skill.name if skill else "")
    facts = _mentee_facts(profile)
    problems = persona.contradictions(wish, [_wish(c) for c in others], facts)
    clash = persona.availability_conflict(wish, facts)
    if clash:
        problems.append(clash)
    if problems:
        raise ValidationError({"value": problems})
    if criterion is None:
        criterion = PersonaCriterion(owner=profile, kind=kind)
    criterion.value, criterion.skill = value, skill
    criterion.importance, criterion.weight = importance, weight
    criterion.save()
    reflection_refresh(profile=profile)
    return criterion


@transaction.atomic
def persona_remove_criterion(*, profile: Profile, criterion_id: int) -> None:
    profile.persona.filter(pk=criterion_id).delete()  # another person's id removes nothing
    reflection_refresh(profile=profile)


# --- the reflection as a whole --------------------------------------------------------------


@transaction.atomic
def reflection_mark_step(*, profile: Profile, step: str) -> Reflection:
    """Remember where the mentee is, so /reflect/ can bring them back there."""
    if step not in Step.values:
        raise ValidationError({"step": _("There is no step called “%(step)s”.") % {"step": step}})
    reflection, created = Reflection.objects.get_or_create(
        profile=profile, defaults={"last_step": step}
    )
    if not created and reflection.last_step != step:
        reflection.last_step = step
        reflection.save(update_fields=["last_step", "updated_at"])
    return reflection


@transaction.atomic
def reflection_refresh(*, profile: Profile) -> Readiness:
    """Recompute readiness after a write: set `ready_at` when it is reached, clear it when lost."""
    readiness = reflection_readiness(profile)
    reflection, _created = Reflection.objects.get_or_create(profile=profile)
    if readiness.ready and reflection.ready_at is None:
        reflection.ready_at = timezone.now()
        reflection.save(update_fields=["ready_at", "updated_at"])
    elif not readiness.ready and reflection.ready_at is not None:
        reflection.ready_at = None
        reflection.save(update_fields=["ready_at", "updated_at"])
    return readiness
