"""Writes for programs: settings, enrollment, review of proposed pairs, publishing, surveys.

Every function validates first and raises ValidationError (keyed by field) before it changes
anything; the matching itself lives in matchrun.py, CSV import and export in csvfile.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.audit.services import audit_record
from lodestar.matching.features import Weights
from lodestar.people.models import Profile
from lodestar.relationships.services import relationship_create

from . import notices
from .models import (
    EndReason,
    MatchMode,
    PairState,
    Participant,
    Program,
    ProgramKind,
    ProgramMatch,
    Question,
    QuestionKind,
    QuestionUse,
    Role,
    Status,
    Suggestion,
    Survey,
    SurveyKind,
    SurveyResponse,
)

SETTINGS = {
    "name", "purpose", "kind", "audience", "invite_list", "email_domain", "enrollment_opens",
    "enrollment_closes", "matching_on", "starts_on", "ends_on", "milestone_days",
    "mentor_capacity", "match_mode", "weights", "forbid_same_department", "forbid_same_line",
    "max_zone_gap_hours",
}
WEIGHT_NAMES = Weights.CRITERIA


def _clean_program(program: Program) -> None:
    errors: dict[str, list[str]] = {}
    if not program.name.strip():
        errors["name"] = [_("Give the program a name.")]
    if program.audience == "domain" and not program.email_domain.strip():
        errors["email_domain"] = [_("Name the email domain whose people may apply.")]
    order = [("enrollment_opens", "enrollment_closes"), ("enrollment_closes", "matching_on"),
             ("matching_on", "starts_on"), ("starts_on", "ends_on")]
    for a, b in order:
        first, then = getattr(program, a), getattr(program, b)
        if first and then and then < first:
            errors.setdefault(b, []).append(_("This date comes before an earlier step of the timeline."))
    days = program.milestone_days
    if not isinstance(days, list) or not all(isinstance(d, int) and 0 < d <= 3650 for d in days):
        errors["milestone_days"] = [_("Milestones are whole numbers of days after the start.")]
    if program.mentor_capacity < 1 or program.mentor_capacity > 20:
        errors["mentor_capacity"] = [_("A mentor takes between 1 and 20 mentees.")]
    if program.kind == ProgramKind.PEER and program.match_mode not in (MatchMode.PEER,):
        program.match_mode = MatchMode.PEER
    if program.kind != ProgramKind.PEER and program.match_mode == MatchMode.PEER:
        errors["match_mode"] = [_("Peer matching is for peer programs.")]
    weights = program.weights
    if not isinstance(weights, dict) or any(
        k not in WEIGHT_NAMES or not isinstance(v, int | float) or v < 0 or v > 10
        for k, v in weights.items()
    ):
        errors["weights"] = [_("Weights are numbers from 0 to 10 for the known criteria.")]
    elif weights and not any(weights.get(k, 1) > 0 for k in WEIGHT_NAMES):
        errors["weights"] = [_("At least one criterion must count.")]
    if program.max_zone_gap_hours is not None and program.max_zone_gap_hours > 24:
        errors["max_zone_gap_hours"] = [_("A time-zone gap is at most 24 hours.")]
    if errors:
        raise ValidationError(errors)
    program.full_clean(exclude=["admins"])


@transaction.atomic
def program_create(*, by: Profile, name: str, admins: list[Profile] | None = None,
                   **fields: Any) -> Program:
    """Staff create programs and name their admins."""
    if not by.user.is_staff:
        raise PermissionDenied
    unknown = set(fields) - SETTINGS
    if unknown:
        raise TypeError(f"program_create does not set {sorted(unknown)}")
    program = Program(name=name.strip(), created_by=by.user, **fields)
    _clean_program(program)
    program.save()
    program.admins.set(admins or [])
    audit_record(action="program.create", actor=by.user, obj=program, summary=program.name)
    return program


@transaction.atomic
def program_update(*, program: Program, **fields: Any) -> Program:
    unknown = set(fields) - SETTINGS
    if unknown:
        raise TypeError(f"program_update does not set {sorted(unknown)}")
    fresh = Program.objects.get(pk=program.pk)
    for key, value in fields.items():
        setattr(fresh, key, value)
    _clean_program(fresh)
    fresh.save()
    return fresh


@transaction.atomic
def program_admins_set(*, program: Program, by: Profile, admins: list[Profile]) -> Program:
    if not by.user.is_staff:
        raise PermissionDenied
    program.admins.set(admins)
    return program


@transaction.atomic
def question_add(*, program: Program, text: str, role: str = "all", kind: str = QuestionKind.TEXT,
                 choices: list[str] | None = None, matching: str = QuestionUse.NONE) -> Question:
    choices = [c.strip() for c in (choices or []) if c and c.strip()]
    errors = {}
    if not text.strip():
        errors["text"] = [_("Write the question.")]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        errors["choices"] = [_("A choice question needs at least two choices.")]
    if matching != QuestionUse.NONE and kind != QuestionKind.CHOICE:
        errors["matching"] = [_("Only a choice question can feed matching.")]
    if errors:
        raise ValidationError(errors)
    question = Question(program=program, text=text.strip(), role=role, kind=kind, choices=choices,
                        matching=matching, position=program.questions.count())
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_remove(*, question: Question) -> None:
    question.delete()


# ------------------------------------------------------------------------------ enrollment


def answers_clean(*, program: Program, role: str, answers: dict) -> dict[str, str]:
    """Answers keyed by question id (as text); a choice must be one of its choices."""
    clean, errors = {}, {}
    given = {str(k): v for k, v in (answers or {}).items()}
    for q in program.questions.all():
        if not q.asks(role):
            continue
        value = given.get(str(q.pk), "")
        value = "" if value is None else str(value).strip()
        if "\x00" in value:
            errors[f"q{q.pk}"] = [_("The answer holds a NUL character.")]
            continue
        if q.kind == QuestionKind.CHOICE:
            if value not in q.choices:
                errors[f"q{q.pk}"] = [_("Choose one of: %(c)s.") % {"c": ", ".join(q.choices)}]
                continue
        elif len(value) > 2000:
            errors[f"q{q.pk}"] = [_("Keep the answer under 2000 characters.")]
            continue
        clean[str(q.pk)] = value
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def participant_apply(*, program: Program, profile: Profile, role: str,
                      answers: dict | None = None) -> Participant:
    if not program.invited(profile.user.email):
        raise ValidationError({"program": [_("This program is not open to you.")]})
    if not program.enrollment_open():
        raise ValidationError({"program": [_("Enrollment for this program is closed.")]})
    if role not in program.roles:
        raise ValidationError({"role": [_("Choose one of: %(r)s.") % {"r": ", ".join(program.roles)}]})
    if Participant.objects.filter(program=program, profile=profile).exists():
        raise ValidationError({"program": [_("You have already applied to this program.")]})
    clean = answers_clean(program=program, role=role, answers=answers or {})
    return Participant.objects.create(program=program, profile=profile, role=role, answers=clean)


@transaction.atomic
def participant_decide(*, participant: Participant, approve: bool) -> Participant:
    if participant.status not in (Status.APPLIED, Status.APPROVED, Status.DECLINED):
        raise ValidationError({"status": [_("This person is already matched or waitlisted.")]})
    participant.status = Status.APPROVED if approve else Status.DECLINED
    participant.decided_at = timezone.now()
    participant.save(update_fields=["status", "decided_at"])
    notices.application_answered(participant=participant)
    return participant


# ------------------------------------------------------------------------------ review


def _proposed(pair: ProgramMatch) -> None:
    if pair.state != PairState.PROPOSED:
        raise ValidationError({"pair": [_("This pair is published and can no longer change.")]})


@transaction.atomic
def pair_lock(*, pair: ProgramMatch, locked: bool) -> ProgramMatch:
    _proposed(pair)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


@transaction.atomic
def pair_swap(*, pair: ProgramMatch, other: ProgramMatch) -> tuple[ProgramMatch, ProgramMatch]:
    """Exchange the mentors (peer programs: the second partners) of two proposed pairs."""
    _proposed(pair)
    _proposed(other)
    if pair.program_id != other.program_id or pair.pk == other.pk:
        raise ValidationError({"other": [_("Choose another pair of the same program.")]})
    if pair.locked or other.locked:
        raise ValidationError({"other": [_("Unlock a pair before swapping it.")]})
    if pair.mentee_id == other.mentor_id or other.mentee_id == pair.mentor_id:
        raise ValidationError({"other": [_("That swap would pair someone with themselves.")]})
    pair.mentor_id, other.mentor_id = other.mentor_id, pair.mentor_id
    for p in (pair, other):
        p.by_hand, p.locked, p.score = True, True, 0.0
        p.reasons = [_("Paired by hand by a program admin.")]
        p.save(update_fields=["mentor", "by_hand", "locked", "score", "reasons"])
    return pair, other


@transaction.atomic
def suggestion_choose(*, suggestion: Suggestion, by: Profile) -> ProgramMatch:
    """Self-match mode: a mentee takes one of their suggestions while the mentor has room."""
    mentee = suggestion.mentee
    if mentee.profile_id != by.pk:
        raise PermissionDenied
    program = Program.objects.select_for_update().get(pk=suggestion.program_id)
    if ProgramMatch.objects.filter(program=program, mentee=mentee).exists():
        raise ValidationError({"suggestion": [_("You have already chosen.")]})
    taken = ProgramMatch.objects.filter(program=program, mentor=suggestion.mentor).count()
    if taken >= program.mentor_capacity:
        raise ValidationError({"suggestion": [_("This mentor's places are taken; choose another.")]})
    return ProgramMatch.objects.create(
        program=program, mentee=mentee, mentor=suggestion.mentor, score=suggestion.score,
        reasons=suggestion.reasons, locked=True,
    )


# ------------------------------------------------------------------------------ publishing


def _chunks(ids: list[int], size: int = 10_000):
    """SQLite takes at most 32,766 parameters a query."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


@transaction.atomic
def program_publish(*, program: Program, by: Profile) -> dict[str, int]:
    """Pairs become formal relationships; everyone hears, the unmatched with the reason why."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    pairs = list(ProgramMatch.objects.proposed().filter(program=program)
                 .select_related("mentee__profile__user", "mentor__profile__user"))
    if not pairs:
        raise ValidationError({"program": [_("There are no proposed pairs to publish.")]})
    now = timezone.now()
    matched: set[int] = set()
    for pair in pairs:
        pair.relationship = relationship_create(
            mentee=pair.mentee.profile, mentor=pair.mentor.profile, kind="formal", state="active",
            actor=None, now=now,  # the program starts them; no one person's message to draft
            program_place=True,  # the program's capacity rules gave this place
        )
        pair.state, pair.published_at = PairState.PUBLISHED, now
        matched |= {pair.mentee_id, pair.mentor_id}
    ProgramMatch.objects.bulk_update(pairs, ["relationship"], batch_size=500)
    for ids in _chunks([p.pk for p in pairs]):
        ProgramMatch.objects.filter(pk__in=ids).update(state=PairState.PUBLISHED, published_at=now)
    for ids in _chunks(sorted(matched)):
        Participant.objects.filter(pk__in=ids).update(status=Status.MATCHED, waitlist_reason="")
    last_report = program.runs.filter(state="done").values_list("report", flat=True).first() or {}
    reasons = {int(k): v for k, v in (last_report.get("unmatched_by_participant") or {}).items()}
    left = list(Participant.objects.filter(program=program, status__in=[Status.APPROVED, Status.WAITLISTED])
                .exclude(pk__in=matched).select_related("profile__user"))
    why: dict[str, list[int]] = {}
    for p in left:  # a handful of distinct reasons: one update each
        reason = reasons.get(p.pk) or _("there were more people on your side than places")
        why.setdefault(str(reason), []).append(p.pk)
    for reason, people in why.items():
        for ids in _chunks(people):
            Participant.objects.filter(pk__in=ids).update(status=Status.WAITLISTED,
                                                          waitlist_reason=reason)
    program.published_at = now
    program.save(update_fields=["published_at"])
    surveys_schedule(program=program)
    transaction.on_commit(lambda: notices.publish_notify(program_id=program.pk, since=now))
    audit_record(action="program.publish", actor=by.user, obj=program,
                 summary=f"{len(pairs)} pairs, {len(left)} waitlisted")
    return {"pairs": len(pairs), "waitlisted": len(left)}


# ------------------------------------------------------------------------------ surveys


def survey_plan(program: Program) -> list[tuple[str, str, dt.date]]:
    """(kind, label, due date) of every survey the timeline calls for."""
    if not program.starts_on:
        return []
    start, plan = program.starts_on, []
    for days in sorted(set(program.milestone_days or [])):
        plan.append((SurveyKind.MILESTONE, f"day {days}", start + dt.timedelta(days=days)))
    if program.ends_on:
        mid = start + (program.ends_on - start) / 2
        plan.append((SurveyKind.MILESTONE, "midpoint", mid))
        plan.append((SurveyKind.CLOSING, "end", program.ends_on))
    return sorted(plan, key=lambda t: t[2])


@transaction.atomic
def surveys_schedule(*, program: Program) -> list[Survey]:
    """Create the timeline's surveys (once) and a reminder for each matched person."""
    made = []
    for kind, label, due in survey_plan(program):
        survey, _created = Survey.objects.get_or_create(
            program=program, label=label, defaults={"kind": kind, "due_on": due}
        )
        made.append(survey)
    return made


@transaction.atomic
def survey_respond(*, survey: Survey, participant: Participant, satisfaction: int, meeting: bool,
                   goal_progress: int, recommend: int | None = None, comments: str = "",
                   end_reason: str = "") -> SurveyResponse:
    errors = {}
    if participant.program_id != survey.program_id or participant.status != Status.MATCHED:
        raise ValidationError({"survey": [_("This survey is for the program's matched people.")]})
    if not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        errors["satisfaction"] = [_("Pick a number from 1 to 5.")]
    if not isinstance(goal_progress, int) or not 0 <= goal_progress <= 100:
        errors["goal_progress"] = [_("Give progress as a percentage from 0 to 100.")]
    if recommend is not None and not 0 <= recommend <= 10:
        errors["recommend"] = [_("Pick a number from 0 to 10.")]
    if len(comments or "") > 4000:
        errors["comments"] = [_("Keep comments under 4000 characters.")]
    if survey.kind == SurveyKind.CLOSING and end_reason not in EndReason.values:
        errors["end_reason"] = [_("Tell us how the mentorship ended.")]
    if survey.kind != SurveyKind.CLOSING and end_reason:
        errors["end_reason"] = [_("Only the closing survey asks how it ended.")]
    if SurveyResponse.objects.filter(survey=survey, participant=participant).exists():
        errors["survey"] = [_("You have already answered this survey.")]
    if errors:
        raise ValidationError(errors)
    return SurveyResponse.objects.create(
        survey=survey, participant=participant, satisfaction=satisfaction, meeting=meeting,
        goal_progress=goal_progress, recommend=recommend, comments=comments or "",
        end_reason=end_reason,
    )


def participant_roles_for(program: Program) -> list[str]:
    return [Role.PEER] if program.kind == ProgramKind.PEER else [Role.MENTEE, Role.MENTOR]
