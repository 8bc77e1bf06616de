"""Intro requests, rule by rule: what is written, what is refused (writing nothing), who may do
what, and time running out on a fake clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lodestar.notifications.models import Notification
from lodestar.notifications.scheduler import tick
from lodestar.outreach import services
from lodestar.outreach.models import IntroRequest, RequestState
from lodestar.people import services as people

from .conftest import good_message, make_mentor, make_person, send

pytestmark = pytest.mark.django_db


def notices(kind=None, **kw):
    qs = Notification.objects.filter(**kw)
    return qs.filter(kind=kind) if kind else qs


def nothing_written(before_notifications: int = 0):
    assert IntroRequest.objects.count() == 0
    assert Notification.objects.count() == before_notifications


# --- sending -------------------------------------------------------------------------------------


def test_sending_schedules_the_notice_the_reminder_and_the_expiry(mentee, mentor):
    now = timezone.now()
    req = send(mentee, mentor)
    assert req.state == RequestState.REQUESTED and req.is_open
    assert req.expires_at - req.created_at == dt.timedelta(days=14)
    assert req.coach_score == 100 and len(req.question_list) == 2
    new = notices("new_intro_request").get()
    reminder = notices("request_reminder").get()
    expired = notices("request_expired").get()
    assert new.recipient == mentor.user and new.due_at <= timezone.now()
    assert reminder.recipient == mentor.user
    assert reminder.due_at - now == pytest.approx(dt.timedelta(days=7), abs=dt.timedelta(seconds=5))
    assert expired.recipient == mentee.user and expired.due_at == req.expires_at


def test_messages_are_encrypted_at_rest(mentee, mentor):
    req = send(mentee, mentor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT subject, body FROM outreach_introrequest WHERE id = %s", [req.pk])
        subject, body = cursor.fetchone()
    assert "Dear Elena" not in body and "talk" not in subject
    assert IntroRequest.objects.get().body.startswith("Dear Elena")


def test_one_open_request_per_pair(mentee, mentor):
    send(mentee, mentor)
    with pytest.raises(ValidationError, match="already have a request waiting"):
        send(mentee, mentor)
    assert IntroRequest.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        IntroRequest.objects.create(
            mentee=mentee, mentor=mentor, subject="s", body="b", expires_at=timezone.now()
        )


def test_a_new_request_is_allowed_once_the_last_one_closed(mentee, mentor):
    first = send(mentee, mentor)
    services.intro_request_decline(request=first, by=mentor, reply="Not now, sorry.")
    assert send(mentee, mentor).is_open


def test_no_second_request_after_an_accept(mentee, mentor):
    services.intro_request_accept(request=send(mentee, mentor), by=mentor)
    with pytest.raises(ValidationError, match="already accepted"):
        send(mentee, mentor)


def test_daily_cap_per_mentee(mentee, settings):
    settings.OUTREACH_DAILY_CAP = 2
    mentors = [make_mentor(f"Mentor {n}") for n in range(3)]
    now = timezone.now()
    for m in mentors[:2]:
        send(mentee, m, now=now)
    with pytest.raises(ValidationError, match="2 requests in the last 24 hours"):
        send(mentee, mentors[2], now=now + dt.timedelta(hours=2))
    assert IntroRequest.objects.count() == 2
    assert send(mentee, mentors[2], now=now + dt.timedelta(hours=24, minutes=1)).is_open


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"accepting_mentees": False}, "not taking new mentees"),
        ({"max_mentees": 0}, "not taking new mentees"),
        ({"mentorship_types": []}, "does not offer mentoring"),
    ],
)
def test_a_mentor_who_cannot_take_anyone_receives_nothing(mentee, mentor, fields, message):
    people.profile_update(profile=mentor, **fields)
    before = Notification.objects.count()
    with pytest.raises(ValidationError, match=message):
        send(mentee, mentor)
    nothing_written(before)


def test_a_full_mentor_receives_nothing(mentee):
    mentor = make_mentor("Fay Full", max_mentees=1)
    other = make_person("Other Mentee")
    services.intro_request_accept(request=send(other, mentor), by=mentor)
    with pytest.raises(ValidationError, match="no place left"):
        send(mentee, mentor)


def test_an_inactive_mentor_receives_nothing(mentee, mentor, settings):
    mentor.user.last_login = timezone.now() - dt.timedelta(
        days=settings.DIRECTORY_INACTIVE_DAYS + 1
    )
    mentor.user.date_joined = mentor.user.last_login
    mentor.user.save()
    with pytest.raises(ValidationError, match="has not been on Lodestar for a while"):
        send(mentee, mentor)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"subject": "   "}, "subject", "subject that names its topic"),
        ({"body": ""}, "body", "Write your message"),
        ({"body": "x" * 5001}, "body", "under 5000 characters"),
        ({"subject": "s" * 201}, "subject", "under 200 characters"),
        ({"questions": ["a?", "b?", "c?", "d?"]}, "questions", "Two or three"),
        ({"tone": "angry"}, "tone", "warm, concise or formal"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    mentee, mentor, overrides, field, message
):
    before = Notification.objects.count()
    with pytest.raises(ValidationError) as caught:
        send(mentee, mentor, **overrides)
    assert message in " ".join(caught.value.message_dict[field])
    nothing_written(before)


def test_the_golden_rule_blocks_sending(mentee, mentor):
    data = good_message(mentor)
    body = data["body"].replace("Would you be open", "Will you be my mentor? Would you be open")
    before = Notification.objects.count()
    with pytest.raises(ValidationError) as caught:
        send(mentee, mentor, body=body)
    assert "open-ended commitment" in caught.value.message_dict["body"][0]
    nothing_written(before)


def test_advice_does_not_block(mentee, mentor):
    req = send(mentee, mentor, subject="Hello")
    assert req.coach_score == 90


def test_only_the_mentors_own_work_can_be_cited(mentee, mentor):
    other = make_mentor("Kofi Boateng", works=("Pipelines nobody babysits",))
    with pytest.raises(ValidationError, match="Elena Vasquez's own"):
        send(mentee, mentor, cited_work=other.public_work.first())


def test_not_to_yourself(mentor):
    with pytest.raises(ValidationError, match="yourself"):
        send(mentor, mentor)


# --- answering: who may, and what it does --------------------------------------------------------


def test_only_the_receiver_accepts_or_declines_and_only_the_sender_withdraws(mentee, mentor):
    req = send(mentee, mentor)
    stranger = make_person("Nosy Neighbour")
    for by in (mentee, stranger):
        with pytest.raises(PermissionDenied):
            services.intro_request_accept(request=req, by=by)
        with pytest.raises(PermissionDenied):
            services.intro_request_decline(request=req, by=by, reply="no")
        with pytest.raises(PermissionDenied):
            services.intro_request_redirect(request=req, by=by, to=mentor, reply="no")
        with pytest.raises(PermissionDenied):
            services.abuse_report(request=req, by=by, reason="spam")
    for by in (mentor, stranger):
        with pytest.raises(PermissionDenied):
            services.intro_request_withdraw(request=req, by=by)
    req.refresh_from_db()
    assert req.state == RequestState.REQUESTED


def test_accepting_closes_the_timers_and_tells_the_mentee(mentee, mentor):
    req = services.intro_request_accept(request=send(mentee, mentor), by=mentor, note="Gladly!")
    assert req.state == RequestState.ACCEPTED and req.decided_at and req.reply == "Gladly!"
    assert notices("request_reminder").get().state == "cancelled"
    assert notices("request_expired").get().state == "cancelled"
    answered = notices("request_answered").get()
    assert answered.recipient == mentee.user and answered.context["outcome"] == "accepted"


def test_accepting_needs_a_free_place_and_an_accepting_profile(mentee, mentor):
    req = send(mentee, mentor)
    people.profile_update(profile=mentor, accepting_mentees=False)
    with pytest.raises(ValidationError, match="not taking new mentees"):
        services.intro_request_accept(request=req, by=mentor)
    people.profile_update(profile=mentor, accepting_mentees=True, max_mentees=1)
    other = make_person("Early Bird")
    # Room was 1: a second request arrived while it was free, then the first one is accepted.
    second = send(other, mentor)
    services.intro_request_accept(request=second, by=mentor)
    with pytest.raises(ValidationError, match=r"All your places are taken \(1 of 1\)"):
        services.intro_request_accept(request=req, by=mentor)
    assert IntroRequest.objects.get(pk=req.pk).state == RequestState.REQUESTED


def test_declining_needs_a_reply_and_sends_it(mentee, mentor):
    req = send(mentee, mentor)
    with pytest.raises(ValidationError, match="short reply"):
        services.intro_request_decline(request=req, by=mentor, reply="  ")
    assert IntroRequest.objects.get(pk=req.pk).state == RequestState.REQUESTED
    done = services.intro_request_decline(request=req, by=mentor, reply="Thank you, not now.")
    assert done.state == RequestState.DECLINED and done.reply == "Thank you, not now."
    assert notices("request_answered").get().context["outcome"] == "declined"


def test_pointing_to_someone_better(mentee, mentor):
    req = send(mentee, mentor)
    better = make_mentor("Kofi Boateng")
    not_a_mentor = make_person("Plain Member")
    for wrong in (None, mentee, mentor, not_a_mentor):
        with pytest.raises(ValidationError):
            services.intro_request_redirect(request=req, by=mentor, to=wrong, reply="Try them.")
    done = services.intro_request_redirect(request=req, by=mentor, to=better, reply="Try Kofi.")
    assert done.state == RequestState.REDIRECTED and done.redirected_to == better


def test_withdrawing_cancels_everything_not_sent_yet(mentee, mentor):
    req = services.intro_request_withdraw(request=send(mentee, mentor), by=mentee)
    assert req.state == RequestState.WITHDRAWN
    assert set(notices().values_list("state", flat=True)) == {"cancelled"}


def test_a_closed_request_stays_closed(mentee, mentor):
    req = services.intro_request_withdraw(request=send(mentee, mentor), by=mentee)
    with pytest.raises(ValidationError, match="no longer open"):
        services.intro_request_accept(request=req, by=mentor)
    with pytest.raises(ValidationError, match="no longer open"):
        services.intro_request_withdraw(request=req, by=mentee)


def test_a_mentor_reports_an_abusive_request(mentee, mentor):
    req = send(mentee, mentor)
    with pytest.raises(ValidationError, match="Say briefly"):
        services.abuse_report(request=req, by=mentor, reason="")
    report = services.abuse_report(request=req, by=mentor, reason="Insults in the second line.")
    assert (
        report.request == req and IntroRequest.objects.get(pk=req.pk).state == RequestState.DECLINED
    )
    assert not notices("request_answered").exists()  # the sender is not told about the report
    with pytest.raises(ValidationError, match="already reported"):
        services.abuse_report(request=req, by=mentor, reason="again")


# --- time running out, on a fake clock -----------------------------------------------------------


def test_the_reminder_at_day_7_and_the_expiry_at_day_14(mentee, mentor, mailoutbox):
    req = send(mentee, mentor)
    start = req.created_at
    tick(now=start + dt.timedelta(minutes=1))  # the new-request notice goes out
    tick(now=start + dt.timedelta(days=6, hours=23))
    assert notices("request_reminder").get().state == "pending"
    tick(now=start + dt.timedelta(days=7, minutes=1))
    assert notices("request_reminder").get().state == "done"
    assert any("still waiting" in m.subject for m in mailoutbox if m.to == ["elena@example.org"])
    assert IntroRequest.objects.get(pk=req.pk).state == RequestState.REQUESTED

    tick(now=start + dt.timedelta(days=14, minutes=1))
    req.refresh_from_db()
    assert req.state == RequestState.EXPIRED and notices("request_expired").get().state == "done"
    assert any("lapsed" in m.subject for m in mailoutbox if m.to == ["arjun@example.org"])
    with pytest.raises(ValidationError, match="no longer open"):
        services.intro_request_accept(request=req, by=mentor)
    assert send(mentee, mentor, now=start + dt.timedelta(days=14, minutes=2)).is_open


def test_a_lapsed_request_reads_as_expired_before_the_scheduler_runs(mentee, mentor):
    req = send(mentee, mentor)
    IntroRequest.objects.filter(pk=req.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    req.refresh_from_db()
    assert req.shown_state_code == RequestState.EXPIRED and not req.is_open
    with pytest.raises(ValidationError, match="ran out of time"):
        services.intro_request_accept(request=req, by=mentor)


def test_expiry_held_for_quiet_hours_still_closes_the_request(mentee, mentor):
    from lodestar.notifications.services import preferences_update

    req = send(mentee, mentor)
    local = req.expires_at.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    minute = local.hour * 60 + local.minute
    preferences_update(
        user=mentee.user,
        channels={},
        quiet_start_minute=(minute - 60) % 1440,
        quiet_end_minute=(minute + 120) % 1440,
        digest_enabled=False,
    )
    tick(now=req.expires_at + dt.timedelta(minutes=1))
    assert notices("request_expired").get().state == "pending"  # held until the quiet hours end
    assert IntroRequest.objects.get(pk=req.pk).state == RequestState.EXPIRED


def test_answering_before_the_expiry_wins(mentee, mentor):
    req = send(mentee, mentor)
    services.intro_request_accept(request=req, by=mentor)
    tick(now=req.expires_at + dt.timedelta(minutes=1))
    assert IntroRequest.objects.get(pk=req.pk).state == RequestState.ACCEPTED
