"""The pages: who sees what (the two people only, staff included in the refusal), bad input
answered next to its field with nothing changed, and each kind saying who mentors whom."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lodestar.relationships import services
from lodestar.relationships.models import Feedback, Reflection, Relationship

from .conftest import as_

pytestmark = pytest.mark.django_db

SECRET_FEEDBACK = "feedback-marker-5e1a"
SECRET_REFLECTION = "reflection-marker-90bc"


@pytest.fixture
def rel(mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.feedback_give(relationship=rel, by=mentor, situation="In Monday's review",
                           behavior=SECRET_FEEDBACK, impact="The team followed it easily")
    services.reflection_add(relationship=rel, by=mentee, text=SECRET_REFLECTION)
    return rel


def test_the_pair_sees_the_page_and_nobody_else(client, rel, mentee, mentor, stranger, staff):
    url = rel.get_absolute_url()
    assert SECRET_FEEDBACK in as_(client, mentee).get(url).content.decode()
    mentor_page = as_(client, mentor).get(url).content.decode()
    assert SECRET_FEEDBACK in mentor_page  # the giver sees what they gave
    assert SECRET_REFLECTION not in mentor_page  # a reflection is its author's alone
    for outsider in (stranger, staff):
        assert as_(client, outsider).get(url).status_code == 404
        assert as_(client, outsider).post(reverse("relationships:move", args=[rel.pk]),
                                           {"to": "paused"}).status_code == 404
    assert Relationship.objects.get(pk=rel.pk).state == "active"


def test_staff_cannot_read_private_text_in_the_admin(client, rel, staff):
    from django.contrib import admin

    assert not any(m in admin.site._registry for m in (Feedback, Reflection))


def test_my_mentorships_lists_only_mine(client, rel, mentee, stranger):
    assert b"Elena Vasquez" in as_(client, mentee).get(reverse("relationships:list")).content
    assert b"Elena Vasquez" not in as_(client, stranger).get(reverse("relationships:list")).content


def test_bad_input_is_answered_next_to_its_field_and_changes_nothing(client, rel, mentee):
    c = as_(client, mentee)
    page = c.post(reverse("relationships:move", args=[rel.pk]), {"to": "ended", "end_reason": ""})
    assert page.status_code == 200 and "Say why the mentorship ends." in page.content.decode()
    page = c.post(reverse("relationships:feedback", args=[rel.pk]),
                  {"situation": "", "behavior": "x", "impact": ""})
    body = page.content.decode()
    assert "Say when and where it happened." in body and 'id="field-situation"' in body
    page = c.post(reverse("relationships:move", args=[rel.pk]), {"to": "nonsense"})
    assert page.status_code == 200
    assert Relationship.objects.get(pk=rel.pk).state == "active"
    assert rel.feedback.count() == 1


def test_moving_and_the_drafted_message(client, rel, mentee):
    c = as_(client, mentee)
    response = c.post(reverse("relationships:move", args=[rel.pk]),
                      {"to": "ended", "end_reason": "mismatch", "learned": "a mentor in product"})
    assert response.status_code == 302
    page = c.get(rel.get_absolute_url()).content.decode()
    assert 'data-state="ended"' in page and "a mentor in product" in page


def test_the_agreement_form_makes_it_active(client, mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="informal", state="exploring")
    review = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    as_(client, mentee).post(reverse("relationships:agreement", args=[rel.pk]), {
        "cadence": "monthly", "minutes": "30", "channels": ["video"], "review_on": review,
        "acknowledge": "on",
    })
    rel.refresh_from_db()
    assert rel.state == "active" and rel.agreement.minutes_per_month == 30
    assert "Video call" in as_(client, mentee).get(rel.get_absolute_url()).content.decode()
    as_(client, mentor).post(reverse("relationships:acknowledge", args=[rel.pk]))
    rel.agreement.refresh_from_db()
    assert rel.agreement.confidentiality_acknowledged


@pytest.mark.parametrize("kind, mentee_sees, mentor_sees", [
    ("reverse", "mentors you", "you mentor"),
    ("peer", "mentor each other as peers", "mentor each other as peers"),
    ("informal", "mentors you", "You mentor"),
])
def test_each_kind_says_who_mentors_whom(client, mentee, mentor, kind, mentee_sees, mentor_sees):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind=kind, state="active")
    assert mentee_sees in as_(client, mentee).get(rel.get_absolute_url()).content.decode()
    assert mentor_sees in as_(client, mentor).get(rel.get_absolute_url()).content.decode()


def test_a_virtual_pair_sees_their_overlap(client, mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="virtual", state="active")
    page = as_(client, mentee).get(rel.get_absolute_url()).content.decode()
    assert 'id="overlap"' in page and "Asia/Kolkata" in page


def test_booking_past_the_agreed_minutes_warns_first(mentee, mentor, t0):
    from django.core.exceptions import ValidationError

    from lodestar.meetings import booking
    from lodestar.meetings import services as meetings

    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="exploring", now=t0)
    intro = booking.meeting_book(mentee=mentee, mentor=mentor, kind="intro",
                                 starts_at=t0 + dt.timedelta(hours=1), minutes=20, now=t0)
    meetings.follow_up_send(meeting=intro, by=mentee, body="Thanks!", now=t0 + dt.timedelta(hours=2))
    services.agreement_make(relationship=rel, by=mentee, cadence="monthly", minutes=30, channels=["video"],
                            review_on=(t0 + dt.timedelta(days=90)).date(), acknowledge=True, now=t0)
    day = t0.replace(day=1) + dt.timedelta(days=40)  # well inside next month, for both zones
    day = day.replace(day=10)
    later = t0 + dt.timedelta(hours=3)
    booking.meeting_book(mentee=mentee, mentor=mentor, kind="session", starts_at=day, minutes=30, now=later)
    with pytest.raises(ValidationError) as error:
        booking.meeting_book(mentee=mentee, mentor=mentor, kind="session",
                             starts_at=day + dt.timedelta(days=7), minutes=30, now=later)
    assert "more than the 30 minutes a month you agreed" in error.value.message_dict["minutes"][0]
    booking.meeting_book(mentee=mentee, mentor=mentor, kind="session",
                         starts_at=day + dt.timedelta(days=7), minutes=30, now=later, beyond_agreement=True)


def test_pay_it_forward_page(client, mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.relationship_transition(relationship=rel, to="ended", by=mentor, end_reason="goals_achieved")
    c = as_(client, mentee)
    assert b'id="invitation"' in c.get(reverse("relationships:list")).content
    page = c.get(reverse("relationships:pay_it_forward")).content.decode()
    assert "Elena Vasquez" in page
    c.post(reverse("relationships:pay_it_forward"), {"headline": "I help new data leads", "bio": "Ask me",
                                                      "max_mentees": "1"})
    mentee.refresh_from_db()
    assert mentee.accepting_mentees and mentee.headline == "I help new data leads"


def test_the_dashboard_shows_my_mentorships(client, rel, mentee):
    page = as_(client, mentee).get(reverse("dashboard")).content.decode()
    assert 'id="mentorships-card"' in page and rel.get_absolute_url() in page


@pytest.mark.parametrize("path", [
    ["requested"], ["intro_scheduled"], ["intro_scheduled", "intro_held"],
    ["exploring"], ["active"], ["active", "paused"], ["requested", "ended"],
])
def test_every_state_renders_for_both_people(client, mentee, mentor, path):
    start = path[0] if path[0] != "intro_held" else "intro_scheduled"
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="informal", state=start)
    for to in path[1:]:
        services.relationship_transition(relationship=rel, to=to, by=mentor,
                                         end_reason="declined" if to == "ended" else "")
    Relationship.objects.filter(pk=rel.pk).update(
        health="at_risk", health_score=40, health_checked_at=rel.created_at, nudge_stage=2,
        health_reasons=[{"code": c, "params": p} for c, p in (
            ("quiet", {"days": 9, "side": "mentor"}), ("cadence", {"held": 1, "expected": 3}),
            ("unanswered", {"n": 2}), ("slow_replies", {"hours": 72}),
            ("agendas", {"on_time": 1, "due": 2}), ("actions", {"done": 0, "due": 1}),
            ("follow_ups", {"sent": 0, "due": 1}), ("time_short", {"cancelled": 2}),
        )],
    )
    for person in (mentee, mentor):
        page = as_(client, person).get(rel.get_absolute_url())
        assert page.status_code == 200
        assert as_(client, person).get(reverse("relationships:list")).status_code == 200
    body = as_(client, mentee).get(rel.get_absolute_url()).content.decode()
    if rel.is_open and path[-1] != "ended":
        assert "10-minute check-in" in body and "Nothing from the mentor for 9 working days" in body


def _over_the_agreement(mentee, mentor, t0):
    """An active pair that agreed 30 minutes a month and has booked them for next month."""
    from lodestar.meetings import booking
    from lodestar.meetings import services as meetings

    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal",
                                       state="exploring", now=t0)
    intro = booking.meeting_book(mentee=mentee, mentor=mentor, kind="intro",
                                 starts_at=t0 + dt.timedelta(hours=1), minutes=20, now=t0)
    meetings.follow_up_send(meeting=intro, by=mentee, body="Thanks!", now=t0 + dt.timedelta(hours=2))
    services.agreement_make(relationship=rel, by=mentee, cadence="monthly", minutes=30,
                            channels=["video"], review_on=(t0 + dt.timedelta(days=90)).date(),
                            acknowledge=True, now=t0)
    # The 20th of the month after t0's (t0 at most five days ago: always ahead of the clock).
    day = (t0.replace(day=1) + dt.timedelta(days=40)).replace(day=20)
    booking.meeting_book(mentee=mentee, mentor=mentor, kind="session", starts_at=day, minutes=30,
                         now=t0 + dt.timedelta(hours=3))
    return day + dt.timedelta(days=7)


def _recent_t0() -> dt.datetime:
    """Five days ago at 09:00 UTC: the page and the API book on the real clock, so the intro
    call has to be behind it."""
    from django.utils import timezone

    return (timezone.now() - dt.timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)


def test_the_booking_page_warns_then_books_when_the_pair_confirms(client, mentee, mentor):
    from zoneinfo import ZoneInfo

    from lodestar.meetings.models import Meeting

    t0 = _recent_t0()
    when = _over_the_agreement(mentee, mentor, t0).astimezone(ZoneInfo(str(mentee.time_zone)))
    url = reverse("meetings:book", args=[mentor.pk])
    form = {"kind": "session", "minutes": 30, "day": when.date().isoformat(),
            "time": when.strftime("%H:%M"), "zone": str(mentee.time_zone)}
    c = as_(client, mentee)
    before = Meeting.objects.count()
    page = c.post(url, form).content.decode()
    assert "more than the 30 minutes a month you agreed" in page
    assert 'name="beyond_agreement"' in page and Meeting.objects.count() == before
    assert c.post(url, {**form, "beyond_agreement": "on"}).status_code == 302
    assert Meeting.objects.count() == before + 1


def test_the_api_refuses_past_the_agreement_unless_confirmed(mentee, mentor):
    from lodestar.tests.api.conftest import ApiClient

    t0 = _recent_t0()
    when = _over_the_agreement(mentee, mentor, t0).isoformat()
    api = ApiClient(mentee.user)
    body = {"mentor_id": mentor.pk, "kind": "session", "starts_at": when, "minutes": 30}
    refused = api.call("POST", "/meetings", body)
    assert refused.status_code == 422, refused.content
    assert "you agreed" in refused.json()["error"]["fields"]["minutes"][0]
    assert api.call("POST", "/meetings", {**body, "beyond_agreement": True}).status_code == 201


def test_the_page_lists_the_pairs_meetings_and_offers_booking(client, mentee, mentor, t0):
    from lodestar.meetings import booking

    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    meeting = booking.meeting_book(mentee=mentee, mentor=mentor, kind="session",
                                   starts_at=t0 + dt.timedelta(days=1), minutes=30)
    for person, other in ((mentee, mentor), (mentor, mentee)):
        page = as_(client, person).get(rel.get_absolute_url()).content.decode()
        section = page.split('id="meetings"')[1].split("</section>")[0]
        assert meeting.get_absolute_url() in section
        assert reverse("meetings:book", args=[other.pk]) in section
