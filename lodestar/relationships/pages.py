"""What one mentorship's page shows to one of its two people (reads only)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.goals.models import Goal, Visibility
from lodestar.meetings.models import Meeting
from lodestar.meetings.slots import person_for
from lodestar.meetings.timezones import weekly_overlap_hours
from lodestar.people.models import Profile

from . import drafts, forms, lifecycle
from .checkup import reason_text
from .models import EndReason, Kind, Relationship, State
from .questions import QUESTIONS
from .services import AGREE_FROM


def role_line(relationship: Relationship, viewer: Profile) -> str:
    other = relationship.other(viewer).display_name
    if relationship.kind == Kind.PEER:
        return _("You and %(name)s mentor each other as peers.") % {"name": other}
    i_mentor = viewer.pk == relationship.mentor_id
    if relationship.kind == Kind.REVERSE:
        if i_mentor:
            return _(
                "Reverse mentorship: you mentor %(name)s, who is more senior than you, in what "
                "you know better."
            ) % {"name": other}
        return _(
            "Reverse mentorship: %(name)s, who is more junior than you, mentors you in what "
            "they know better."
        ) % {"name": other}
    if i_mentor:
        return _("You mentor %(name)s.") % {"name": other}
    return _("%(name)s mentors you.") % {"name": other}


def next_step(relationship: Relationship, viewer: Profile) -> str:
    state = relationship.state
    is_mentee = viewer.pk == relationship.mentee_id or relationship.is_peer
    if state == State.REQUESTED:
        return _("The request is waiting for an answer.")
    if state == State.INTRO_SCHEDULED:
        return _("Hold the intro call; afterwards, record a takeaway or send the follow-up.")
    if state == State.INTRO_HELD:
        return (
            _("Send your follow-up, then decide together whether to go on.")
            if is_mentee
            else _("Wait for the follow-up, then decide together whether to go on.")
        )
    if state == State.EXPLORING:
        return _("When you both want to go on, write down your agreement below.")
    if state == State.ACTIVE:
        agreement = getattr(relationship, "agreement", None)
        if agreement is None:
            return _("Write down your agreement: how often, how long and how you stay in touch.")
        if not agreement.confidentiality_acknowledged:
            return _("Both of you acknowledge confidentiality to complete the agreement.")
        return _("Keep the rhythm you agreed; send the agenda a day before each meeting.")
    if state == State.PAUSED:
        return _("Resume when you are both ready, or close the mentorship kindly.")
    if relationship.end_reason == EndReason.GOALS_ACHIEVED:
        return _("You are alumni now: a short note every few months keeps the connection alive.")
    return _("This mentorship has ended.")


def overlap(relationship: Relationship, now: dt.datetime) -> float | None:
    a, b = relationship.mentee, relationship.mentor
    if a.country == b.country and relationship.kind != Kind.VIRTUAL:
        return None
    try:
        return round(weekly_overlap_hours(person_for(a), person_for(b), start=now), 1)
    except ValueError:
        return None


def new_matches(relationship: Relationship, viewer: Profile) -> list[tuple[Profile, str]]:
    """For a mentee whose mentor went quiet: mentors who could take them now, best first."""
    from lodestar.matching.directory import suggest_for

    found = [
        s
        for s in suggest_for(mentee=viewer, k=4)
        if s.profile_id not in (relationship.mentor_id, relationship.mentee_id)
    ][:3]
    people = Profile.objects.in_bulk([s.profile_id for s in found])
    return [(people[s.profile_id], s.reasons[0] if s.reasons else "") for s in found
            if s.profile_id in people]


def detail_context(relationship: Relationship, viewer: Profile, *, bound: dict) -> dict:
    now = timezone.now()
    other = relationship.other(viewer)
    agreement = getattr(relationship, "agreement", None)
    transitions = list(relationship.transitions.select_related("by"))
    for t in transitions:
        t.mine = t.by_id == viewer.pk
    moves = [
        s for s in lifecycle.NEXT.get(relationship.state, ()) if s != State.ACTIVE or agreement
    ]
    end_reasons = [
        (code, EndReason(code).label)
        for code in lifecycle.END_REASONS.get(relationship.state, ())
    ]
    move_form = bound.get("move") or forms.MoveForm()
    move_form.fields["to"].choices = [(s, State(s).label) for s in moves]
    move_form.fields["end_reason"].choices = [("", "—"), *end_reasons]
    mentoring_side = relationship.is_peer or viewer.pk == relationship.mentor_id
    waiting_side = None
    if relationship.nudge_stage:
        reasons = relationship.health_reasons
        quiet = next((r["params"].get("side") for r in reasons if r.get("code") == "quiet"), None)
        waiting_side = relationship.mentor_id if quiet == "mentee" else relationship.mentee_id
    time_short = any(r.get("code") == "time_short" for r in relationship.health_reasons)
    names = {"writer": viewer.display_name, "recipient": other.display_name}
    return {
        "rel": relationship,
        "viewer": viewer,
        "other": other,
        "is_mentee": viewer.pk == relationship.mentee_id,
        "mentoring_side": mentoring_side,
        "role_line": role_line(relationship, viewer),
        "next_step": next_step(relationship, viewer),
        "transitions": transitions,
        "move_form": move_form,
        "can_move": relationship.is_open and bool(moves),
        "can_agree": relationship.state in AGREE_FROM,
        "agreement": agreement,
        "agreement_form": bound.get("agreement")
        or forms.AgreementForm(
            initial={
                "cadence": agreement.cadence if agreement else "monthly",
                "minutes": agreement.minutes if agreement else 30,
                "channels": agreement.channels if agreement else ["video"],
                "review_on": agreement.review_on
                if agreement
                else (now + dt.timedelta(days=90)).date(),
            }
        ),
        "i_acknowledged": agreement
        and (
            agreement.mentee_acknowledged_at
            if viewer.pk == relationship.mentee_id
            else agreement.mentor_acknowledged_at
        ),
        "health_reasons": [reason_text(r) for r in relationship.health_reasons],
        "check_in_draft": drafts.check_in_draft(**names) if waiting_side == viewer.pk else "",
        "move_on": waiting_side == viewer.pk and relationship.nudge_stage >= 2,
        "new_matches": new_matches(relationship, viewer)
        if waiting_side == viewer.pk
        and relationship.nudge_stage >= 2
        and viewer.pk == relationship.mentee_id
        and not relationship.is_peer
        else [],
        "time_draft": drafts.time_problem_draft(**names) if time_short else "",
        "feedback_received": relationship.feedback.exclude(author=viewer),
        "feedback_given": relationship.feedback.filter(author=viewer),
        "feedback_form": bound.get("feedback") or forms.FeedbackForm(),
        "reflections": relationship.reflections.filter(author=viewer),
        "reflection_form": bound.get("reflection") or forms.ReflectionForm(),
        "thanks": relationship.thanks.select_related("author"),
        "thanks_form": bound.get("thanks") or forms.GratitudeForm(),
        "challenges": relationship.challenges.all(),
        "challenge_form": bound.get("challenge") or forms.ChallengeForm(),
        "advocacy": relationship.advocacy.all(),
        "advocacy_form": bound.get("advocacy") or forms.AdvocacyForm(),
        "questions": QUESTIONS if mentoring_side else {},
        # the other's goals they shared with their mentors; the viewer's own, with who sees them
        "goals_theirs": list(Goal.objects.visible_to(viewer).filter(owner=other).active())
        if mentoring_side
        else [],
        "goals_mine": list(Goal.objects.for_owner(viewer).active())
        if relationship.is_peer or viewer.pk == relationship.mentee_id
        else None,
        "shared": Visibility.MENTORS,
        "overlap_hours": overlap(relationship, now),
        "upcoming": list(
            Meeting.objects.between(relationship.mentee, relationship.mentor).upcoming(now)[:5]
        ),
        "recent": list(
            Meeting.objects.between(relationship.mentee, relationship.mentor)
            .held(now).order_by("-starts_at")[:5]
        ),
        "can_book": relationship.is_open and relationship.state != State.REQUESTED,
    }
