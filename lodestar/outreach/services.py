"""Writes for intro requests: send, accept, decline, point elsewhere, withdraw, expire, report,
and the intro call that follows an accepted request.

Forms check shapes; these functions enforce the rules, write inside a transaction and schedule
the notices. Every refusal is a ValidationError with a sentence a person can act on (and nothing
written), or PermissionDenied when the caller is the wrong one of the two people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.meetings import booking
from lodestar.meetings.models import MeetingKind
from lodestar.notifications import messages
from lodestar.notifications.services import notification_cancel
from lodestar.people.models import Profile, PublicWork
from lodestar.relationships import services as relationships

from . import coach, notices
from .availability import Status, places_taken, status_message, status_of
from .models import AbuseReport, DirectoryTag, IntroRequest, Origin, RequestState, Tone, Waitlist

SUBJECT_MAX = 200
BODY_MAX = 5000
QUESTION_MAX = 300
REPLY_MAX = 3000
MAX_PROPOSED = 3
INTRO_MINUTES = 20
PROPOSAL_LEAD = dt.timedelta(hours=1)


def _keys(request_id: int) -> dict[str, str]:
    """The notification keys of one request (the helpers in notifications.messages use them)."""
    days = settings.OUTREACH_REMINDER_DAYS
    return {
        "new": f"intro-request:{request_id}:new",
        "reminder": f"intro-request:{request_id}:reminder:{days}",
        "expired": f"intro-request:{request_id}:expired",
    }


def _cancel_timers(request: IntroRequest, *, also_new: bool = False) -> None:
    keys = _keys(request.pk)
    for name in ("reminder", "expired", *(("new",) if also_new else ())):
        notification_cancel(key=keys[name])


def must_be(by: Profile, who_id: int) -> None:
    if by.pk != who_id:
        raise PermissionDenied


def _locked_open(request: IntroRequest, now: dt.datetime) -> IntroRequest:
    locked = (
        IntroRequest.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user")
        .get(pk=request.pk)
    )
    if locked.state != RequestState.REQUESTED:
        raise ValidationError(
            _("This request is no longer open: it is %(state)s.")
            % {"state": locked.get_state_display().lower()}
        )
    if locked.lapsed(now):
        raise ValidationError(_("This request ran out of time before it was answered."))
    return locked


# --- sending -------------------------------------------------------------------------------------


def _clean_message(subject: str, body: str, questions: Sequence[str], tone: str) -> dict:
    errors: dict[str, str] = {}
    subject, body = " ".join((subject or "").split()), (body or "").strip()
    if not subject:
        errors["subject"] = _("Give your message a subject that names its topic.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("Keep the subject under %(n)d characters.") % {"n": SUBJECT_MAX}
    if not body:
        errors["body"] = _("Write your message before sending it.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Keep the message under %(n)d characters.") % {"n": BODY_MAX}
    cleaned = [" ".join(q.split()) for q in questions if q and q.strip()]
    if len(cleaned) > MAX_PROPOSED or any(len(q) > QUESTION_MAX for q in cleaned):
        errors["questions"] = _("Two or three short questions are enough for a first call.")
    if tone not in Tone.values:
        errors["tone"] = _("Choose a warm, concise or formal tone.")
    if errors:
        raise ValidationError(errors)
    return {"subject": subject, "body": body, "questions": "\n".join(cleaned), "tone": tone}


def previous_bodies(mentee: Profile, *, other_than: Profile, limit: int = 20) -> list[str]:
    """What the mentee already sent to other mentors, newest first (for the duplicate rule)."""
    return list(
        IntroRequest.objects.filter(mentee=mentee, origin=Origin.DIRECTORY)
        .exclude(mentor=other_than)
        .order_by("-created_at")
        .values_list("body", flat=True)[:limit]
    )


def review(
    *,
    mentee: Profile,
    mentor: Profile,
    subject: str,
    body: str,
    cited_work: PublicWork | None = None,
) -> coach.Review:
    return coach.review_message(
        subject=subject,
        body=body,
        mentor_name=mentor.display_name,
        work_titles=[w.title for w in mentor.public_work.all()],
        cited_work=cited_work.title if cited_work else "",
        previous=previous_bodies(mentee, other_than=mentor),
    )


def _check_pair(mentee: Profile, mentor: Profile, now: dt.datetime) -> None:
    if mentee.pk == mentor.pk:
        raise ValidationError(_("You cannot send a request to yourself."))
    status = status_of(mentor, now=now)
    if status != Status.AVAILABLE:
        raise ValidationError(status_message(status, mentor))
    pair = IntroRequest.objects.filter(mentee=mentee, mentor=mentor)
    pair.open().filter(expires_at__lte=now).update(state=RequestState.EXPIRED)
    if pair.open().exists():
        raise ValidationError(
            _(
                "You already have a request waiting with %(name)s. Withdraw it first if you want "
                "to send a new one."
            )
            % {"name": mentor.display_name}
        )
    if pair.filter(state=RequestState.ACCEPTED).exists():
        raise ValidationError(
            _(
                "%(name)s has already accepted a request from you; book your intro call from that "
                "request."
            )
            % {"name": mentor.display_name}
        )
    cap = settings.OUTREACH_DAILY_CAP
    since = now - dt.timedelta(days=1)
    recent = list(
        IntroRequest.objects.sent_since(mentee, since)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) >= cap:
        raise ValidationError(
            _(
                "You have sent %(n)d requests in the last 24 hours, the most Lodestar allows. You "
                "can send the next one after %(time)s."
            )
            % {
                "n": len(recent),
                "time": timezone.localtime(recent[-cap] + dt.timedelta(days=1)).strftime("%H:%M"),
            }
        )


@transaction.atomic
def intro_request_send(
    *,
    mentee: Profile,
    mentor: Profile,
    subject: str,
    body: str,
    questions: Sequence[str] = (),
    cited_work: PublicWork | None = None,
    tone: str = Tone.WARM,
    now: dt.datetime | None = None,
) -> IntroRequest:
    """Send a first message as an intro request, with its reminder and expiry scheduled."""
    now = now or timezone.now()
    # Lock the sender's row so two sends at once cannot both slip under the daily cap.
    Profile.objects.select_for_update().only("pk").get(pk=mentee.pk)
    mentor = Profile.objects.select_related("user").get(pk=mentor.pk)
    _check_pair(mentee, mentor, now)
    data = _clean_message(subject, body, questions, tone)
    if cited_work is not None and cited_work.profile_id != mentor.pk:
        raise ValidationError(
            {
                "cited_work": _("Pick one of %(name)s's own pieces of work.")
                % {"name": mentor.display_name}
            }
        )
    verdict = review(
        mentee=mentee,
        mentor=mentor,
        subject=data["subject"],
        body=data["body"],
        cited_work=cited_work,
    )
    blocking = [f for f in verdict.findings if f.blocks]
    if blocking:
        message, fix = coach.localize(blocking[0], _)
        raise ValidationError({"body": f"{message} {fix}"})
    days = settings.OUTREACH_REQUEST_DAYS
    try:
        with transaction.atomic():
            request = IntroRequest.objects.create(
                mentee=mentee,
                mentor=mentor,
                cited_work=cited_work,
                coach_score=verdict.score,
                created_at=now,
                expires_at=now + dt.timedelta(days=days),
                **data,
            )
    except IntegrityError as exc:  # a second tab sent to the same mentor a moment ago
        if "one_open_request_per_pair" not in str(exc):
            raise
        raise ValidationError(
            _("You already have a request waiting with %(name)s.") % {"name": mentor.display_name}
        ) from exc
    relationships.on_request_sent(request=request, now=now)
    link = request.get_absolute_url()
    messages.new_intro_request(
        mentor=mentor.user, mentee_name=mentee.display_name, request_id=request.pk, link=link
    )
    reminder_days = settings.OUTREACH_REMINDER_DAYS
    if reminder_days < days:
        messages.request_reminder(
            mentor=mentor.user,
            mentee_name=mentee.display_name,
            request_id=request.pk,
            days_waiting=reminder_days,
            link=link,
            due_at=now + dt.timedelta(days=reminder_days),
        )
    messages.request_expired(
        mentee=mentee.user,
        mentor_name=mentor.display_name,
        request_id=request.pk,
        link=link,
        due_at=request.expires_at,
    )
    Waitlist.objects.filter(mentee=mentee, mentor=mentor).delete()
    return request


# --- answering -----------------------------------------------------------------------------------


def _answered(request: IntroRequest, outcome: str) -> None:
    _cancel_timers(request)
    notices.request_answered(
        mentee=request.mentee.user,
        mentor_name=request.mentor.display_name,
        outcome=outcome,
        request_id=request.pk,
        link=request.get_absolute_url(),
    )


def _reply(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({"reply": _("Write a short reply; we drafted one you can keep.")})
    if len(text) > REPLY_MAX:
        raise ValidationError(
            {"reply": _("Keep the reply under %(n)d characters.") % {"n": REPLY_MAX}}
        )
    return text


def intro_request_accept(
    *, request: IntroRequest, by: Profile, note: str = "", now: dt.datetime | None = None
) -> IntroRequest:
    """Accept, if the mentor has a place left. Concurrent accepts queue on the mentor's row, so
    they can never take more places than the mentor has."""
    now = now or timezone.now()
    must_be(by, request.mentor_id)
    note = _reply(note, required=False)
    with transaction.atomic():
        mentor = Profile.objects.select_for_update().get(pk=request.mentor_id)
        locked = _locked_open(request, now)
        if not mentor.accepting_mentees:
            raise ValidationError(
                _(
                    "Your profile says you are not taking new mentees. Turn that "
                    "back on in your profile to accept, or decline kindly."
                )
            )
        taken = places_taken(mentor)
        if taken >= mentor.max_mentees:
            raise ValidationError(
                _(
                    "All your places are taken (%(taken)d of %(max)d). Raise your maximum in your "
                    "profile to accept, or decline kindly."
                )
                % {"taken": taken, "max": mentor.max_mentees}
            )
        locked.state, locked.decided_at, locked.reply = RequestState.ACCEPTED, now, note
        locked.save(update_fields=["state", "decided_at", "reply"])
        relationships.on_request_accepted(request=locked, now=now)
        _answered(locked, "accepted")
    return locked


@transaction.atomic
def intro_request_decline(
    *, request: IntroRequest, by: Profile, reply: str, now: dt.datetime | None = None
) -> IntroRequest:
    now = now or timezone.now()
    must_be(by, request.mentor_id)
    reply = _reply(reply, required=True)
    locked = _locked_open(request, now)
    locked.state, locked.decided_at, locked.reply = RequestState.DECLINED, now, reply
    locked.save(update_fields=["state", "decided_at", "reply"])
    relationships.on_request_closed(request=locked, end_reason="declined", now=now)
    _answered(locked, "declined")
    return locked


@transaction.atomic
def intro_request_redirect(
    *,
    request: IntroRequest,
    by: Profile,
    to: Profile | None,
    reply: str,
    now: dt.datetime | None = None,
) -> IntroRequest:
    """Point the mentee to someone who fits better."""
    now = now or timezone.now()
    must_be(by, request.mentor_id)
    if to is None:
        raise ValidationError({"to": _("Choose the mentor you suggest.")})
    if to.pk in (request.mentee_id, request.mentor_id) or not to.is_mentor or not to.user.is_active:
        raise ValidationError(
            {
                "to": _(
                    "Suggest another mentor on Lodestar, not yourself or the "
                    "person who wrote to you."
                )
            }
        )
    reply = _reply(reply, required=True)
    locked = _locked_open(request, now)
    locked.state, locked.decided_at, locked.reply = RequestState.REDIRECTED, now, reply
    locked.redirected_to = to
    locked.save(update_fields=["state", "decided_at", "reply", "redirected_to"])
    relationships.on_request_closed(request=locked, end_reason="declined", now=now)
    _answered(locked, "redirected")
    return locked


@transaction.atomic
def intro_request_withdraw(
    *, request: IntroRequest, by: Profile, now: dt.datetime | None = None
) -> IntroRequest:
    now = now or timezone.now()
    must_be(by, request.mentee_id)
    locked = _locked_open(request, now)
    locked.state, locked.decided_at = RequestState.WITHDRAWN, now
    locked.save(update_fields=["state", "decided_at"])
    relationships.on_request_closed(request=locked, end_reason="withdrawn", now=now)
    _cancel_timers(locked, also_new=True)
    return locked


def intro_request_expire(*, request_id: int, now: dt.datetime | None = None) -> bool:
    """Close a request whose time ran out. Claimed like a job: one UPDATE that only an open
    request matches, so an accept racing with it leaves one outcome."""
    with transaction.atomic():
        done = IntroRequest.objects.filter(pk=request_id, state=RequestState.REQUESTED).update(
            state=RequestState.EXPIRED, decided_at=now or timezone.now()
        )
        if done:
            # Unanswered in time: the mentor's silence is taken as a no.
            relationships.on_request_closed(
                request=IntroRequest(pk=request_id), end_reason="declined", now=now
            )
    if done:
        notification_cancel(key=_keys(request_id)["reminder"])
    return bool(done)


@transaction.atomic
def abuse_report(
    *, request: IntroRequest, by: Profile, reason: str, now: dt.datetime | None = None
) -> AbuseReport:
    """A mentor reports an abusive request; staff see it in the admin. An open request closes."""
    now = now or timezone.now()
    must_be(by, request.mentor_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly what was wrong with this request.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep it under 2,000 characters.")})
    if AbuseReport.objects.filter(request=request, reporter=by).exists():
        raise ValidationError(_("You have already reported this request; staff will look at it."))
    report = AbuseReport.objects.create(request=request, reporter=by, reason=reason, created_at=now)
    closed = IntroRequest.objects.filter(pk=request.pk, state=RequestState.REQUESTED).update(
        state=RequestState.DECLINED, decided_at=now
    )
    if closed:
        relationships.on_request_closed(request=request, end_reason="declined", now=now)
        _cancel_timers(request)
    return report


# --- the intro call ------------------------------------------------------------------------------


def _accepted(request: IntroRequest) -> IntroRequest:
    locked = (
        IntroRequest.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user")
        .get(pk=request.pk)
    )
    if locked.state != RequestState.ACCEPTED:
        raise ValidationError(_("Times are agreed only on an accepted request."))
    if locked.meeting_id:
        raise ValidationError(_("The intro call is already booked."))
    return locked


@transaction.atomic
def intro_times_propose(
    *,
    request: IntroRequest,
    by: Profile,
    starts: Sequence[dt.datetime],
    now: dt.datetime | None = None,
) -> IntroRequest:
    """The mentor offers two or three times; the mentee books one with a click."""
    now = now or timezone.now()
    must_be(by, request.mentor_id)
    locked = _accepted(request)
    chosen = sorted({s.astimezone(dt.UTC).replace(second=0, microsecond=0) for s in starts})
    if not 1 <= len(chosen) <= MAX_PROPOSED:
        raise ValidationError({"times": _("Pick one to three times.")})
    if chosen[0] < now + PROPOSAL_LEAD:
        raise ValidationError({"times": _("Pick times at least an hour from now.")})
    locked.proposed_times = [s.isoformat() for s in chosen]
    locked.save(update_fields=["proposed_times"])
    notices.intro_times_proposed(
        mentee=locked.mentee.user,
        mentor_name=locked.mentor.display_name,
        request_id=locked.pk,
        round_="-".join(f"{s:%Y%m%dT%H%M}" for s in chosen),
        link=locked.get_absolute_url(),
    )
    return locked


@transaction.atomic
def intro_call_book(
    *, request: IntroRequest, by: Profile, start: dt.datetime, now: dt.datetime | None = None
):
    """Book one of the proposed times as a 20-minute intro call through meetings."""
    must_be(by, request.mentee_id)
    locked = _accepted(request)
    start = start.astimezone(dt.UTC).replace(second=0, microsecond=0)
    if start.isoformat() not in locked.proposed_times:
        raise ValidationError(
            {
                "start": _("Choose one of the times %(name)s proposed.")
                % {"name": locked.mentor.display_name}
            }
        )
    meeting = booking.meeting_book(
        mentee=locked.mentee,
        mentor=locked.mentor,
        kind=MeetingKind.INTRO,
        starts_at=start,
        minutes=INTRO_MINUTES,
        now=now,
    )
    locked.meeting = meeting
    locked.save(update_fields=["meeting"])
    return meeting


# --- a mentor's directory tags -------------------------------------------------------------------

MAX_TAGS = 20


@transaction.atomic
def directory_tag_add(*, profile: Profile, kind: str, name: str) -> DirectoryTag:
    tag = DirectoryTag(profile=profile, kind=kind, name=name)
    tag.name = " ".join((name or "").split())
    if profile.directory_tags.count() >= MAX_TAGS:
        raise ValidationError(_("You can have up to %(n)d tags.") % {"n": MAX_TAGS})
    tag.full_clean(exclude=["key"])
    if profile.directory_tags.filter(kind=kind, key=tag.name.casefold()).exists():
        raise ValidationError({"name": _("You already have that tag.")})
    tag.save()
    return tag


@transaction.atomic
def directory_tag_remove(*, profile: Profile, tag_id: int) -> None:
    profile.directory_tags.filter(pk=tag_id).delete()
