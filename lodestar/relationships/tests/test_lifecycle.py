"""The lifecycle: the state machine, its audit trail and drafted messages, capacity, and the
informal flow driven by outreach and meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.outreach import services as outreach
from lodestar.outreach.availability import places_by_mentor, places_taken
from lodestar.outreach.tests.conftest import good_message, make_mentor
from lodestar.relationships import lifecycle, services
from lodestar.relationships.models import MentorInvitation, Relationship, State, Transition

pytestmark = pytest.mark.django_db


def send(mentee, mentor, now=None):
    data = {**good_message(mentor), "cited_work": mentor.public_work.first()}
    return outreach.intro_request_send(mentee=mentee, mentor=mentor, now=now, **data)


def test_every_state_but_ended_can_end_and_ended_is_final():
    for state, nexts in lifecycle.NEXT.items():
        if state != "ended":
            assert "ended" in nexts and lifecycle.END_REASONS[state]
    assert lifecycle.NEXT["ended"] == ()
    assert not lifecycle.allowed("requested", "active")
    assert not lifecycle.reason_allowed("requested", "goals_achieved")


def test_the_informal_flow_from_request_to_alumni(mentee, mentor, t0):
    request = send(mentee, mentor, now=t0)
    rel = Relationship.objects.get(intro_request=request)
    assert (rel.state, rel.kind) == (State.REQUESTED, "informal")
    assert places_taken(mentor) == 0  # a request does not take a place yet

    outreach.intro_request_accept(request=request, by=mentor, now=t0 + dt.timedelta(hours=2))
    rel.refresh_from_db()
    assert rel.state == State.INTRO_SCHEDULED
    assert places_taken(mentor) == 1 and places_by_mentor() == {mentor.pk: 1}

    start = t0 + dt.timedelta(days=2)
    intro = booking.meeting_book(mentee=mentee, mentor=mentor, kind="intro", starts_at=start,
                                 minutes=20, now=t0 + dt.timedelta(hours=3))
    after = start + dt.timedelta(hours=1)
    meetings.follow_up_send(meeting=intro, by=mentee, body="Thank you for the call!", now=after)
    rel.refresh_from_db()
    assert rel.state == State.EXPLORING

    services.agreement_make(
        relationship=rel, by=mentee, cadence="monthly", minutes=30, channels=["video", "email"],
        review_on=(after + dt.timedelta(days=90)).date(), acknowledge=True, now=after,
    )
    rel.refresh_from_db()
    assert rel.state == State.ACTIVE and rel.started_at == after
    assert not rel.agreement.confidentiality_acknowledged
    services.agreement_acknowledge(relationship=rel, by=mentor, now=after)
    rel.agreement.refresh_from_db()
    assert rel.agreement.confidentiality_acknowledged

    end = after + dt.timedelta(days=120)
    services.relationship_transition(
        relationship=rel, to="ended", by=mentee, end_reason="goals_achieved", now=end
    )
    rel.refresh_from_db()
    assert (rel.state, rel.end_reason, rel.ended_at) == ("ended", "goals_achieved", end)
    assert places_taken(mentor) == 0  # the place is free again
    history = list(rel.transitions.values_list("from_state", "to_state"))
    assert history == [
        ("", "requested"), ("requested", "intro_scheduled"), ("intro_scheduled", "intro_held"),
        ("intro_held", "exploring"), ("exploring", "active"), ("active", "ended"),
    ]
    thanks = rel.transitions.last()
    assert thanks.by == mentee and "stay in touch" in thanks.draft
    invitation = MentorInvitation.objects.get(relationship=rel)
    assert invitation.invitee == mentee and mentor.display_name in invitation.bio


@pytest.mark.parametrize(
    "close, reason",
    [
        (lambda r, mentee, mentor: outreach.intro_request_decline(request=r, by=mentor, reply="Sorry, no time."), "declined"),
        (lambda r, mentee, mentor: outreach.intro_request_withdraw(request=r, by=mentee), "withdrawn"),
        (lambda r, mentee, mentor: outreach.intro_request_expire(request_id=r.pk), "declined"),
    ],
)
def test_a_closed_request_ends_its_relationship(mentee, mentor, close, reason):
    request = send(mentee, mentor)
    close(request, mentee, mentor)
    rel = Relationship.objects.get(intro_request=request)
    assert (rel.state, rel.end_reason) == ("ended", reason)
    send(mentee, mentor)  # and the pair may start again
    assert Relationship.objects.open().between(mentee, mentor).count() == 1


def test_an_invalid_transition_is_refused_and_changes_nothing(mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="exploring")
    with pytest.raises(ValidationError, match="exploring cannot become paused"):
        services.relationship_transition(relationship=rel, to="paused", by=mentee)
    with pytest.raises(ValidationError) as error:
        services.relationship_transition(relationship=rel, to="ended", by=mentee)
    assert "end_reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.relationship_transition(
            relationship=rel, to="ended", by=mentee, end_reason="goals_achieved"
        )
    rel.refresh_from_db()
    assert rel.state == "exploring" and rel.transitions.count() == 1


def test_only_the_two_people_move_it(mentee, mentor, stranger, staff):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    for outsider in (stranger, staff):
        with pytest.raises(PermissionDenied):
            services.relationship_transition(relationship=rel, to="paused", by=outsider)
    assert Relationship.objects.get(pk=rel.pk).state == "active"


def test_a_mismatch_note_names_what_the_mentee_now_needs(mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="informal", state="exploring")
    services.relationship_transition(
        relationship=rel, to="ended", by=mentee, end_reason="mismatch",
        learned="someone who has led a platform team through a reorganisation",
    )
    draft = Transition.objects.filter(relationship=rel).last().draft
    assert "someone who has led a platform team through a reorganisation" in draft
    assert "Elena" in draft and "Arjun Mehta" in draft


def test_capacity_is_never_exceeded(mentee, mentor, stranger):
    mentor.max_mentees = 1
    mentor.save()
    services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    with pytest.raises(ValidationError, match="no place left"):
        services.relationship_create(mentee=stranger, mentor=mentor, kind="formal", state="active")
    # A request is allowed (it takes no place) but cannot be moved on while the mentor is full.
    waiting = services.relationship_create(mentee=stranger, mentor=mentor, kind="informal")
    with pytest.raises(ValidationError, match="no place left"):
        services.relationship_transition(relationship=waiting, to="intro_scheduled", by=mentor)
    assert Relationship.objects.holding_places().filter(mentor=mentor).count() == 1


def test_one_open_relationship_per_pair_in_either_direction(mentee, mentor):
    services.relationship_create(mentee=mentee, mentor=mentor, kind="peer", state="active")
    with pytest.raises(ValidationError, match="already have a mentorship"):
        services.relationship_create(mentee=mentor, mentor=mentee, kind="peer", state="active")
    with pytest.raises(ValidationError, match="two different people"):
        services.relationship_create(mentee=mentee, mentor=mentee, kind="peer")


def test_peers_take_no_mentoring_place_and_both_give_feedback(mentee, mentor):
    mentor.max_mentees = 0
    mentor.save()
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="peer", state="active")
    for giver in (mentee, mentor):
        services.feedback_give(relationship=rel, by=giver, situation="In the retro",
                               behavior="You summarised each view", impact="We decided fast")
        services.challenge_set(relationship=rel, by=giver, text="Run the next retro")
    assert rel.feedback.count() == 2 and rel.challenges.count() == 2


def test_only_the_mentor_sets_challenges_and_logs_advocacy(mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    with pytest.raises(PermissionDenied):
        services.challenge_set(relationship=rel, by=mentee, text="Lead a meeting")
    with pytest.raises(PermissionDenied):
        services.advocacy_log(relationship=rel, by=mentee, kind="endorsed", text="SQL")
    entry = services.advocacy_log(relationship=rel, by=mentor, kind="introduced", text="To our CTO")
    challenge = services.challenge_set(relationship=rel, by=mentor, text="Lead the planning call")
    with pytest.raises(PermissionDenied):
        services.challenge_done(challenge=challenge, by=mentor)
    services.challenge_done(challenge=challenge, by=mentee)
    assert entry.kind == "introduced" and challenge.done_at is not None


def test_bad_agreement_input_names_each_field_and_changes_nothing(mentee, mentor, t0):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="exploring")
    with pytest.raises(ValidationError) as error:
        services.agreement_make(
            relationship=rel, by=mentee, cadence="yearly", minutes=5, channels=["pigeon"],
            review_on=t0.date() - dt.timedelta(days=1), acknowledge=False, now=t0,
        )
    assert set(error.value.message_dict) == {"cadence", "minutes", "channels", "review_on", "acknowledge"}
    rel.refresh_from_db()
    assert rel.state == "exploring" and not hasattr(rel, "agreement")


def test_lineage_shows_who_mentored_whom(mentee, mentor, stranger):
    from lodestar.relationships.forward import lineage

    first = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.relationship_transition(relationship=first, to="ended", by=mentor, end_reason="goals_achieved")
    mentee.max_mentees = 1
    mentee.save()
    services.relationship_create(mentee=stranger, mentor=mentee, kind="informal", state="active")
    line = lineage(mentee)
    assert line.mentors == [mentor] and line.mentees == [stranger]
    assert lineage(mentor).grand_mentees == [stranger]


def test_the_invitation_to_mentor_prefills_a_profile(mentee, mentor):
    from lodestar.relationships.forward import mentor_invitation_accept

    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.relationship_transition(relationship=rel, to="ended", by=mentee, end_reason="goals_achieved")
    invitation = MentorInvitation.objects.get(invitee=mentee)
    profile = mentor_invitation_accept(invitation=invitation, by=mentee, headline=invitation.headline,
                                       bio=invitation.bio, max_mentees=2)
    assert profile.is_mentor and profile.accepting_mentees and profile.max_mentees == 2
    assert profile.bio == invitation.bio


def test_a_reverse_relationship_does_not_invite_the_senior_to_mentor(mentee, mentor):
    junior = make_mentor("Jun Ito", email="jun@example.org")
    rel = services.relationship_create(mentee=mentor, mentor=junior, kind="reverse", state="active")
    services.relationship_transition(relationship=rel, to="ended", by=junior, end_reason="goals_achieved")
    assert not MentorInvitation.objects.exists()


def test_an_end_reason_may_be_given_as_the_reason(mentee, mentor):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.relationship_transition(relationship=rel, to="ended", by=None, reason="ghosted")
    rel.refresh_from_db()
    assert (rel.state, rel.end_reason) == ("ended", "ghosted")


def test_ending_tells_the_other_person(mentee, mentor):
    from lodestar.notifications.models import Notification

    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    services.relationship_transition(relationship=rel, to="ended", by=mentee, end_reason="time_constraints")
    told = Notification.objects.filter(kind="relationship_ended")
    assert [n.recipient for n in told] == [mentor.user]
