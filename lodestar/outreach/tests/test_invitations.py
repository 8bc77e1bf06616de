"""A mentor found elsewhere: recorded, invited by email, linked when they join, and from then on
a pair like any other (times offered, intro call booked)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lodestar.meetings.slots import suggested_slots
from lodestar.notifications.models import Notification, OutboxMessage
from lodestar.notifications.scheduler import tick
from lodestar.outreach import invitations, services
from lodestar.outreach.models import ExternalMentor, IntroRequest, Origin, RequestState
from lodestar.people import services as people
from lodestar.people.models import Profile
from lodestar.people.tests.factories import PASSWORD

from .conftest import make_person

pytestmark = pytest.mark.django_db


def record(mentee, **overrides):
    data = {
        "name": "Nadia Haddad",
        "email": "nadia@example.net",
        "how_met": "event",
        "note": "We met at PyCon Lisbon; I'd love 20 minutes on moving into data leadership.",
    }
    data.update(overrides)
    return invitations.external_mentor_add(mentee=mentee, **data)


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"name": " "}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"how_met": "magic"}, "how_met"),
        ({"email": "ARJUN@example.org"}, "email"),
        ({"note": "x" * 1001}, "note"),
    ],
)
def test_bad_input_is_refused_and_nothing_recorded(mentee, overrides, field):
    with pytest.raises(ValidationError) as caught:
        record(mentee, **overrides)
    assert field in caught.value.message_dict
    assert not ExternalMentor.objects.exists()


def test_someone_already_on_lodestar_is_written_to_directly(mentee, mentor):
    with pytest.raises(ValidationError, match="already on Lodestar"):
        record(mentee, email="Elena@example.org")


def test_recording_the_same_person_twice(mentee):
    record(mentee)
    with pytest.raises(ValidationError, match="already recorded"):
        record(mentee, email="NADIA@example.net")


def test_the_invitation_goes_through_the_outbox_once_a_week(mentee):
    external = record(mentee)
    invitations.external_mentor_invite(external=external, by=mentee)
    queued = OutboxMessage.objects.get(to="nadia@example.net")
    assert "Arjun Mehta would like a short conversation with you" == queued.subject
    with pytest.raises(ValidationError, match="a week later"):
        invitations.external_mentor_invite(external=external, by=mentee)
    tick()
    [message] = [m for m in mail.outbox if m.to == ["nadia@example.net"]]
    assert "PyCon Lisbon" in message.body and external.get_absolute_url() in message.body
    later = timezone.now() + dt.timedelta(days=8)
    invitations.external_mentor_invite(external=external, by=mentee, now=later)
    assert OutboxMessage.objects.filter(to="nadia@example.net").count() == 2


def test_only_the_mentee_invites_or_removes(client, mentee):
    external = record(mentee)
    client.force_login(make_person("Someone Else").user)
    assert client.post(reverse("outreach:external_invite", args=[external.pk])).status_code == 404
    assert client.post(reverse("outreach:external_remove", args=[external.pk])).status_code == 404
    assert ExternalMentor.objects.filter(invited_at__isnull=True).count() == 1


def test_from_invitation_to_a_booked_intro_call(client, mentee):
    client.force_login(mentee.user)
    client.post(
        reverse("outreach:external"),
        {
            "name": "Nadia Haddad",
            "email": "nadia@example.net",
            "how_met": "event",
            "note": "We met at PyCon Lisbon.",
            "invite": "1",
        },
    )
    external = ExternalMentor.objects.get()
    assert external.invited_at is not None
    client.logout()

    # Not signed in: the page explains and offers to sign up; a stranger cannot say yes.
    page = client.get(external.get_absolute_url())
    assert page.status_code == 200 and "Create an account" in page.content.decode()
    assert client.get("/mentors/invitations/nonsense/").status_code == 404
    client.force_login(make_person("Wrong Person").user)
    assert client.post(external.get_absolute_url()).status_code == 404
    client.logout()

    # Nadia signs up with the invited address and confirms it: the invitation is linked.
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Nadia Haddad",
            "email": "nadia@example.net",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "Europe/Lisbon",
        },
    )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link)
    nadia = Profile.objects.get(user__email="nadia@example.net")
    external.refresh_from_db()
    assert external.joined == nadia
    assert Notification.objects.filter(
        kind="external_mentor_joined", recipient=mentee.user
    ).exists()
    assert Notification.objects.filter(kind="outreach_invitation", recipient=nadia.user).exists()

    # She says yes: an accepted request, and a mentor profile with room for Arjun.
    page = client.get(external.get_absolute_url())
    assert "Say yes" in page.content.decode() and "informal mentoring" in page.content.decode()
    page = client.post(external.get_absolute_url())
    req = IntroRequest.objects.get()
    assert page.url == f"{req.get_absolute_url()}#times"
    assert (req.mentee, req.mentor, req.state, req.origin) == (
        mentee,
        nadia,
        RequestState.ACCEPTED,
        Origin.EXTERNAL,
    )
    nadia.refresh_from_db()
    assert nadia.is_mentor and nadia.accepting_mentees and nadia.max_mentees >= 1
    assert client.post(external.get_absolute_url()).url.startswith(req.get_absolute_url())  # once

    # Everything later works for the pair: times offered, one booked through meetings.
    for day in range(7):  # an early riser in Lisbon: Arjun's Kolkata mornings are her nights
        people.availability_add(profile=nadia, weekday=day, start_minute=0, end_minute=10 * 60)
    starts = [s.start for s in suggested_slots(mentee, nadia, minutes=20)[:2]]
    services.intro_times_propose(request=req, by=nadia, starts=starts)
    meeting = services.intro_call_book(request=req, by=mentee, start=starts[0])
    assert meeting.organizer == mentee and meeting.attendee == nadia
