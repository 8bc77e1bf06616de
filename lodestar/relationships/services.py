"""Writes for relationships: create, move through the lifecycle, and the hooks outreach and
meetings call as an informal relationship moves from request to intro call to follow-up.

Every refusal is a ValidationError with a sentence a person can act on (and nothing written), or
PermissionDenied when the caller is not one of the two people.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.people.models import Channel, Profile

from . import checkup, drafts, lifecycle, notices
from .models import (
    HOLDING_PLACE,
    Advocacy,
    AdvocacyKind,
    Agreement,
    Cadence,
    Challenge,
    EndReason,
    Feedback,
    Gratitude,
    Kind,
    Reflection,
    Relationship,
    State,
    Transition,
)

REASON_MAX = 2000


def _must_be_in(relationship: Relationship, by: Profile | None) -> None:
    if by is not None and not relationship.involves(by):
        raise PermissionDenied


def _lock_mentor_and_check_room(mentor_id: int, *, excluding: int | None = None) -> None:
    """Lock the mentor's row (concurrent writes queue there) and refuse if no place is left."""
    mentor = Profile.objects.select_for_update().get(pk=mentor_id)
    taken = Relationship.objects.holding_places().filter(mentor_id=mentor_id)
    if excluding:
        taken = taken.exclude(pk=excluding)
    n = taken.count()
    if n >= mentor.max_mentees:
        raise ValidationError(
            _("%(name)s has no place left (%(taken)d of %(max)d taken).")
            % {"name": mentor.display_name, "taken": n, "max": mentor.max_mentees}
        )


def _record(
    relationship: Relationship,
    *,
    from_state: str,
    by: Profile | None,
    reason: str,
    now: dt.datetime,
    learned: str = "",
) -> Transition:
    draft = ""
    if by is not None:
        other = relationship.other(by)
        draft = drafts.transition_draft(
            to=relationship.state,
            end_reason=relationship.end_reason,
            writer=by.display_name,
            recipient=other.display_name,
            learned=learned,
        )
    return Transition.objects.create(
        relationship=relationship,
        from_state=from_state,
        to_state=relationship.state,
        end_reason=relationship.end_reason,
        by=by,
        reason=reason,
        draft=draft,
        at=now,
    )


@transaction.atomic
def relationship_create(
    *,
    mentee: Profile,
    mentor: Profile,
    kind: str,
    state: str = State.REQUESTED,
    actor: Profile | None = None,
    intro_request=None,
    now: dt.datetime | None = None,
    program_place: bool = False,
) -> Relationship:
    """Start a relationship. A program creates formal pairs as exploring or active; an intro
    request starts an informal one as requested.

    ``program_place``: the place was given by a program, whose own capacity rules the matching
    already kept; the mentor's personal maximum for informal mentees is not consulted (and not
    changed)."""
    now = now or timezone.now()
    if mentee.pk == mentor.pk:
        raise ValidationError(_("A mentorship needs two different people."))
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose formal, informal, peer, reverse or virtual.")})
    if state not in lifecycle.START_STATES:
        raise ValidationError({"state": _("A mentorship cannot start in that state.")})
    if state in HOLDING_PLACE and kind != Kind.PEER and not program_place:
        _lock_mentor_and_check_room(mentor.pk)
    existing = Relationship.objects.open().between(mentee, mentor).first()
    if existing is not None:
        raise ValidationError(
            _("%(a)s and %(b)s already have a mentorship that has not ended.")
            % {"a": mentee.display_name, "b": mentor.display_name}
        )
    try:
        with transaction.atomic():
            relationship = Relationship.objects.create(
                mentee=mentee,
                mentor=mentor,
                kind=kind,
                state=state,
                intro_request=intro_request,
                started_at=now if state == State.ACTIVE else None,
                created_at=now,
            )
    except IntegrityError as exc:  # the same pair created a moment ago in another request
        raise ValidationError(
            _("%(a)s and %(b)s already have a mentorship that has not ended.")
            % {"a": mentee.display_name, "b": mentor.display_name}
        ) from exc
    _record(relationship, from_state="", by=actor, reason="", now=now)
    if state in checkup.CHECKED:
        checkup.schedule(relationship, at=now + dt.timedelta(days=1))
    return relationship


@transaction.atomic
def relationship_transition(
    *,
    relationship: Relationship,
    to: str,
    by: Profile | None,
    reason: str = "",
    end_reason: str = "",
    learned: str = "",
    now: dt.datetime | None = None,
) -> Relationship:
    """Move a relationship to ``to``. ``by`` is one of the two people, or None for Lodestar
    itself (outreach, meetings and the health check). Ending needs an ``end_reason``; ``reason``
    is a free-text note kept in the history. ``learned`` (for a mismatch) names what the mentee
    now knows they need, for the drafted note."""
    now = now or timezone.now()
    _must_be_in(relationship, by)
    reason = (reason or "").strip()
    if to == State.ENDED and not end_reason and reason in EndReason.values:
        end_reason, reason = reason, ""  # called as relationship_transition(..., reason="mismatch")
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("Keep the note under 2,000 characters.")})
    locked = Relationship.objects.select_for_update().get(pk=relationship.pk)
    current = locked.state
    if to not in State.values:
        raise ValidationError({"to": _("That is not a state a mentorship can be in.")})
    if not lifecycle.allowed(current, to):
        raise ValidationError(
            _("A mentorship that is %(current)s cannot become %(to)s.")
            % {
                "current": State(current).label.lower(),
                "to": State(to).label.lower(),
            }
        )
    if to == State.ENDED:
        if not end_reason:
            raise ValidationError({"end_reason": _("Say why the mentorship ends.")})
        if not lifecycle.reason_allowed(current, end_reason):
            raise ValidationError(
                {
                    "end_reason": _("A mentorship that is %(current)s cannot end with “%(r)s”.")
                    % {
                        "current": State(current).label.lower(),
                        "r": EndReason(end_reason).label
                        if end_reason in EndReason.values
                        else end_reason,
                    }
                }
            )
    elif end_reason:
        raise ValidationError({"end_reason": _("Only an ending has a reason.")})
    if to in HOLDING_PLACE and current not in HOLDING_PLACE and locked.kind != Kind.PEER:
        _lock_mentor_and_check_room(locked.mentor_id, excluding=locked.pk)
    locked.state = to
    fields = ["state", "updated_at"]
    if to == State.ENDED:
        locked.end_reason, locked.ended_at = end_reason, now
        fields += ["end_reason", "ended_at"]
    if to == State.ACTIVE and locked.started_at is None:
        locked.started_at = now
        fields.append("started_at")
    locked.save(update_fields=fields)
    _record(locked, from_state=current, by=by, reason=reason, now=now, learned=learned)
    if to in checkup.CHECKED:
        checkup.schedule(locked, at=now + dt.timedelta(days=1))
    if to == State.ENDED:
        if by is not None:  # outreach already tells people about requests it closes
            notices.relationship_ended(relationship=locked, by=by)
        if end_reason == EndReason.GOALS_ACHIEVED:
            from .forward import mentor_invitation_create

            mentor_invitation_create(relationship=locked, now=now)
    relationship.__dict__.update(locked.__dict__)
    return locked


# --- hooks: outreach and meetings move an informal relationship ------------------------------


def _for_request(request) -> Relationship | None:
    return Relationship.objects.filter(intro_request=request).open().first()


def on_request_sent(*, request, now: dt.datetime | None = None) -> Relationship:
    return relationship_create(
        mentee=request.mentee,
        mentor=request.mentor,
        kind=Kind.INFORMAL,
        actor=request.mentee,
        intro_request=request,
        now=now,
    )


def on_request_accepted(*, request, now: dt.datetime | None = None) -> Relationship:
    """Accepted: the intro call is being scheduled, and the mentor's place is taken."""
    relationship = _for_request(request)
    if relationship is None:
        return relationship_create(
            mentee=request.mentee,
            mentor=request.mentor,
            kind=Kind.INFORMAL,
            state=State.INTRO_SCHEDULED,
            actor=request.mentor,
            intro_request=request,
            now=now,
        )
    return relationship_transition(
        relationship=relationship, to=State.INTRO_SCHEDULED, by=None, now=now
    )


def on_request_closed(*, request, end_reason: str, now: dt.datetime | None = None) -> None:
    """Declined, pointed elsewhere, withdrawn or expired: the requested relationship ends."""
    relationship = _for_request(request)
    if relationship is not None and relationship.state == State.REQUESTED:
        relationship_transition(
            relationship=relationship, to=State.ENDED, by=None, end_reason=end_reason, now=now
        )


def _open_between(mentee_id: int, mentor_id: int) -> Relationship | None:
    return (
        Relationship.objects.open()
        .filter(mentee_id=mentee_id, mentor_id=mentor_id)
        .first()
    )


def on_intro_held(*, meeting, now: dt.datetime | None = None) -> None:
    """The intro call is over (someone recorded what came of it)."""
    relationship = _open_between(meeting.organizer_id, meeting.attendee_id)
    if relationship is not None and relationship.state == State.INTRO_SCHEDULED:
        relationship_transition(relationship=relationship, to=State.INTRO_HELD, by=None, now=now)


def on_follow_up_sent(*, meeting, now: dt.datetime | None = None) -> None:
    """The mentee sent the follow-up after the intro call: the two are exploring."""
    relationship = _open_between(meeting.organizer_id, meeting.attendee_id)
    if relationship is None:
        return
    if relationship.state == State.INTRO_SCHEDULED:
        relationship = relationship_transition(
            relationship=relationship, to=State.INTRO_HELD, by=None, now=now
        )
    if relationship.state == State.INTRO_HELD:
        relationship_transition(relationship=relationship, to=State.EXPLORING, by=None, now=now)


# --- the agreement -----------------------------------------------------------------------------

MINUTES_RANGE = (10, 180)
AGREE_FROM = (State.INTRO_HELD, State.EXPLORING, State.ACTIVE, State.PAUSED)


def _open_for(relationship: Relationship, by: Profile) -> Relationship:
    """The relationship, locked, if ``by`` is in it and it has not ended."""
    _must_be_in(relationship, by)
    locked = Relationship.objects.select_for_update().select_related(
        "mentee__user", "mentor__user"
    ).get(pk=relationship.pk)
    if locked.state == State.ENDED:
        raise ValidationError(_("This mentorship has ended."))
    return locked


@transaction.atomic
def agreement_make(
    *,
    relationship: Relationship,
    by: Profile,
    cadence: str,
    minutes: int,
    channels: list[str],
    review_on: dt.date,
    acknowledge: bool,
    now: dt.datetime | None = None,
) -> Agreement:
    """Write down (or revise) what the two agree; a relationship that was not yet active becomes
    active with it. Whoever writes it acknowledges confidentiality; the other person does so on
    their side. A revision asks both to acknowledge again."""
    now = now or timezone.now()
    locked = _open_for(relationship, by)
    if locked.state not in AGREE_FROM:
        raise ValidationError(_("The agreement comes after the intro call."))
    errors: dict[str, str] = {}
    if cadence not in Cadence.values:
        errors["cadence"] = _("Choose weekly, every two weeks or monthly.")
    if not isinstance(minutes, int) or not MINUTES_RANGE[0] <= minutes <= MINUTES_RANGE[1]:
        errors["minutes"] = _("Meetings last between 10 and 180 minutes.")
    channels = sorted(set(channels or []))
    if not channels or any(c not in Channel.values for c in channels):
        errors["channels"] = _("Choose at least one way to stay in touch.")
    today = now.date()
    if not isinstance(review_on, dt.date) or not (
        today < review_on <= today + dt.timedelta(days=366)
    ):
        errors["review_on"] = _("Pick a review date in the coming year.")
    if not acknowledge:
        errors["acknowledge"] = _(
            "Agree to keep what you share with each other confidential to go ahead."
        )
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.filter(relationship=locked).first() or Agreement(
        relationship=locked, created_at=now
    )
    agreement.cadence, agreement.minutes = cadence, minutes
    agreement.channels, agreement.review_on = channels, review_on
    mine = "mentee_acknowledged_at" if by.pk == locked.mentee_id else "mentor_acknowledged_at"
    agreement.mentee_acknowledged_at = agreement.mentor_acknowledged_at = None
    setattr(agreement, mine, now)
    agreement.save()
    if locked.state in (State.INTRO_HELD, State.EXPLORING, State.PAUSED):
        relationship_transition(relationship=locked, to=State.ACTIVE, by=by, now=now)
    return agreement


@transaction.atomic
def agreement_acknowledge(
    *, relationship: Relationship, by: Profile, now: dt.datetime | None = None
) -> Agreement:
    locked = _open_for(relationship, by)
    agreement = Agreement.objects.select_for_update().filter(relationship=locked).first()
    if agreement is None:
        raise ValidationError(_("There is no agreement to acknowledge yet."))
    field = "mentee_acknowledged_at" if by.pk == locked.mentee_id else "mentor_acknowledged_at"
    if getattr(agreement, field) is None:
        setattr(agreement, field, now or timezone.now())
        agreement.save(update_fields=[field, "updated_at"])
    return agreement


# --- feedback, reflections, thanks, challenges, advocacy -----------------------------------------


def _text(value: str, field: str, limit: int, empty: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: empty})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Keep it under %(n)s characters.") % {"n": f"{limit:,}"}}
        )
    return value


@transaction.atomic
def feedback_give(
    *,
    relationship: Relationship,
    by: Profile,
    situation: str,
    behavior: str,
    impact: str,
    now: dt.datetime | None = None,
) -> Feedback:
    """SBI feedback from one of the two to the other (both sides give it, peers included)."""
    locked = _open_for(relationship, by)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    prompts = {
        "situation": _("Say when and where it happened."),
        "behavior": _("Describe what the person did, as a camera would have seen it."),
        "impact": _("Say what it changed for you or for others."),
    }
    for name, value in (("situation", situation), ("behavior", behavior), ("impact", impact)):
        try:
            cleaned[name] = _text(value, name, 1000, prompts[name])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return Feedback.objects.create(
        relationship=locked, author=by, created_at=now or timezone.now(), **cleaned
    )


@transaction.atomic
def reflection_add(
    *,
    relationship: Relationship,
    by: Profile,
    text: str,
    meeting=None,
    now: dt.datetime | None = None,
) -> Reflection:
    """A private reflection, seen only by its author."""
    _must_be_in(relationship, by)
    text = _text(text, "text", 4000, _("Write your reflection first."))
    if meeting is not None and {meeting.organizer_id, meeting.attendee_id} != {
        relationship.mentee_id,
        relationship.mentor_id,
    }:
        raise ValidationError({"meeting": _("Choose one of your meetings together.")})
    return Reflection.objects.create(
        relationship=relationship,
        author=by,
        text=text,
        meeting=meeting,
        created_at=now or timezone.now(),
    )


@transaction.atomic
def gratitude_send(
    *,
    relationship: Relationship,
    by: Profile,
    helped_with: str,
    text: str,
    now: dt.datetime | None = None,
) -> Gratitude:
    """A thank-you note tied to what helped; it can be sent after the end too."""
    _must_be_in(relationship, by)
    helped_with = _text(helped_with, "helped_with", 500, _("Name what helped you."))
    text = _text(text, "text", 2000, _("Write your note first."))
    return Gratitude.objects.create(
        relationship=relationship,
        author=by,
        helped_with=helped_with,
        text=text,
        created_at=now or timezone.now(),
    )


def _mentoring_side(relationship: Relationship, by: Profile) -> None:
    """Challenges and advocacy come from the mentor (either peer, in a peer relationship)."""
    _must_be_in(relationship, by)
    if not relationship.is_peer and by.pk != relationship.mentor_id:
        raise PermissionDenied


@transaction.atomic
def challenge_set(
    *,
    relationship: Relationship,
    by: Profile,
    text: str,
    due_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Challenge:
    _mentoring_side(relationship, by)
    locked = _open_for(relationship, by)
    text = _text(text, "text", 1000, _("Describe the challenge."))
    now = now or timezone.now()
    if due_on is not None and due_on <= now.date():
        raise ValidationError({"due_on": _("Give a date still to come, or none.")})
    return Challenge.objects.create(
        relationship=locked, set_by=by, text=text, due_on=due_on, created_at=now
    )


@transaction.atomic
def challenge_done(
    *, challenge: Challenge, by: Profile, now: dt.datetime | None = None
) -> Challenge:
    relationship = challenge.relationship
    _must_be_in(relationship, by)
    if by.pk == challenge.set_by_id:  # the person who took it on says it is done
        raise PermissionDenied
    if challenge.done_at is None:
        challenge.done_at = now or timezone.now()
        challenge.save(update_fields=["done_at"])
    return challenge


@transaction.atomic
def advocacy_log(
    *,
    relationship: Relationship,
    by: Profile,
    kind: str,
    text: str,
    now: dt.datetime | None = None,
) -> Advocacy:
    _mentoring_side(relationship, by)
    if kind not in AdvocacyKind.values:
        raise ValidationError({"kind": _("Choose what you did for them.")})
    text = _text(text, "text", 1000, _("Say what you did, and for what."))
    return Advocacy.objects.create(
        relationship=relationship, by=by, kind=kind, text=text, created_at=now or timezone.now()
    )


# --- boundaries: the mentor's agreed minutes per month -------------------------------------------


def agreed_minutes_warning(
    *, mentee: Profile, mentor: Profile, starts_at: dt.datetime, minutes: int
) -> str:
    """A warning when booking ``minutes`` more in ``starts_at``'s month (the mentor's calendar)
    would go past the minutes a month the two agreed; empty when it would not."""
    from zoneinfo import ZoneInfo

    from lodestar.meetings.models import Meeting

    relationship = (
        Relationship.objects.open().between(mentee, mentor).select_related("agreement").first()
    )
    agreement = getattr(relationship, "agreement", None) if relationship else None
    if agreement is None:
        return ""
    zone = ZoneInfo(str(relationship.mentor.time_zone))
    local = starts_at.astimezone(zone)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    booked = sum(
        m.minutes
        for m in Meeting.objects.between(mentee, mentor)
        .not_cancelled()
        .filter(starts_at__gte=first, starts_at__lt=following)
    )
    allowed = agreement.minutes_per_month
    if booked + minutes <= allowed:
        return ""
    return _(
        "This would make %(total)d minutes with %(name)s in %(month)s, more than the %(allowed)d "
        "minutes a month you agreed. Book it anyway only if you have both agreed to it."
    ) % {
        "total": booked + minutes,
        "name": relationship.mentor.display_name,
        "month": local.strftime("%B"),
        "allowed": allowed,
    }
