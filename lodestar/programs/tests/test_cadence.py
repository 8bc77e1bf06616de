"""Meetings held against what each pair agreed: the figures, when they are hidden, where shown."""

import datetime as dt
import functools

import pytest
from django.utils import timezone

from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.programs import analytics, csvfile
from lodestar.programs.models import ProgramMatch
from lodestar.relationships import services as relationships

from .conftest import people_csv

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
SECRETS = ("agenda-secret-3f1e", "note-secret-81ac", "update-secret-6b2d", "feedback-secret-44c0")


def _pairs(program):
    return list(ProgramMatch.objects.filter(program=program, state="published").order_by("pk")
                .select_related("mentee__profile", "mentor__profile", "relationship"))


def _agree(pair, cadence, at):
    return relationships.agreement_make(
        relationship=pair.relationship, by=pair.mentee.profile, cadence=cadence, minutes=60,
        channels=["video"], review_on=at.date() + 180 * DAY, acknowledge=True, now=at)


def _session(pair, at):
    return booking.meeting_book(mentee=pair.mentee.profile, mentor=pair.mentor.profile,
                                kind="session", starts_at=at, minutes=60, beyond_agreement=True)


@pytest.fixture
def story(published):
    """Eight pairs, ninety-five days after their agreements (T0):

    A monthly, 2 held (3 agreed); B weekly, ended on day 30 after 1 held (4 agreed);
    C every two weeks, paused from day 14 to day 70, 1 held (39 active days: 2 agreed);
    D monthly and over-eager, 5 held (3 agreed, counted as 3); E monthly, a written update in
    place of its only meeting (3 agreed, 1 held); F, G and H have no agreement yet.
    """
    t0 = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=5)
    a, b, c, d, e, *_rest = pairs = _pairs(published)
    assert len(pairs) == 8
    for pair, cadence in ((a, "monthly"), (b, "weekly"), (c, "biweekly"), (d, "monthly"),
                          (e, "monthly")):
        _agree(pair, cadence, t0)
    first = _session(a, t0 + 10 * DAY)
    _session(a, t0 + 40 * DAY)
    _session(a, t0 + 100 * DAY)  # still to come at T0 + 95 days
    _session(b, t0 + 5 * DAY)
    _session(c, t0 + 3 * DAY)
    for k in range(5):
        _session(d, t0 + (2 + 15 * k) * DAY)
    replaced = _session(e, t0 + 20 * DAY)
    meetings.async_update_send(meeting=replaced, author=e.mentee.profile, body=SECRETS[2],
                               now=t0 + 19 * DAY)
    meetings.agenda_save(meeting=first, by=a.mentee.profile, topics=[SECRETS[0]],
                         questions=[SECRETS[0]])
    meetings.note_add(meeting=first, author=a.mentee.profile, body=SECRETS[1], shared=True)
    relationships.feedback_give(relationship=a.relationship, by=a.mentor.profile,
                                situation=SECRETS[3], behavior=SECRETS[3], impact=SECRETS[3])
    relationships.relationship_transition(relationship=b.relationship, to="ended",
                                          by=b.mentee.profile, end_reason="goals_achieved",
                                          now=t0 + 30 * DAY)
    relationships.relationship_transition(relationship=c.relationship, to="paused",
                                          by=c.mentor.profile, now=t0 + 14 * DAY)
    relationships.relationship_transition(relationship=c.relationship, to="active",
                                          by=c.mentor.profile, now=t0 + 70 * DAY)
    return published, t0 + 95 * DAY


def test_meetings_held_against_agreed(story):
    program, now = story
    data = analytics.program_analytics(program, now=now)
    assert [(p.agreed, p.held, p.kept) for p in data.cadence] == [
        (3, 2, 2), (4, 1, 1), (2, 1, 1), (3, 5, 3), (3, 1, 1)]
    assert data.pairs_without_agreement == 3
    assert data.meetings_agreed == 15 and data.meetings_held_as_agreed == 10
    # 8 of 15, not 10 of 15: the over-eager pair cannot make up for the others
    assert data.overall.meetings_kept == 8 and data.cadence_kept == 53.3
    assert [g.cadence_kept for g in data.by_cohort if g.label != "not matched"] == [53.3]
    for g in data.by_department:
        mine = _department(program, g.label)
        touching = [p for p in data.cadence if set(p.people) & mine]
        if len(mine & {i for p in touching for i in p.people}) < analytics.MIN_GROUP:
            assert g.meetings_agreed is None and g.cadence_kept is None, g
        else:
            assert g.meetings_agreed == sum(p.agreed for p in touching), g
            assert g.meetings_kept == sum(p.kept for p in touching), g


def _department(program, name):
    return set(program.participants.filter(profile__department=name).values_list("pk", flat=True))


def test_too_few_people_with_an_agreement_are_not_shown(published):
    t0 = timezone.now()
    a, b, *_rest = _pairs(published)
    _agree(a, "weekly", t0)
    _agree(b, "weekly", t0)
    data = analytics.program_analytics(published, now=t0 + 30 * DAY)
    assert data.meetings_agreed == 8 and data.pairs_without_agreement == 6
    assert not data.overall.suppressed  # 16 people, but only 4 of them in pairs that agreed
    assert data.cadence_kept is None and data.overall.meetings_agreed is None
    assert all(g.cadence_kept is None for g in data.by_department + data.by_cohort)


def test_departments_with_five_people_in_agreed_pairs_are_shown(published):
    t0 = timezone.now()
    for pair in _pairs(published):
        _agree(pair, "monthly", t0)
    data = analytics.program_analytics(published, now=t0 + 61 * DAY)
    assert data.meetings_agreed == 16 and data.cadence_kept == 0.0
    assert data.pairs_without_agreement == 0
    for g in data.by_department:
        mine = _department(published, g.label)
        touching = [p for p in data.cadence if set(p.people) & mine]
        assert g.people >= analytics.MIN_GROUP
        assert (g.meetings_agreed, g.meetings_kept, g.cadence_kept) == (2 * len(touching), 0, 0.0)


def test_a_department_of_three_shows_no_cadence(program):
    text = people_csv(6, 6) + "solo1@acme.example,mentee,Solo,Legal,,UTC,SQL\n"
    assert csvfile.participants_import(program=program, text=text).ok
    data = analytics.program_analytics(program)
    legal = next(g for g in data.by_department if g.label == "Legal")
    assert legal.suppressed and legal.cadence_kept is None and legal.meetings_agreed is None


def test_dashboard_csv_and_api_show_it_and_nothing_people_wrote(admin_client, story, monkeypatch):
    program, now = story
    monkeypatch.setattr(analytics, "program_analytics",
                        functools.partial(analytics.program_analytics, now=now))
    page = admin_client.get(f"/programs/{program.pk}/dashboard/").content.decode()
    assert "53.3%" in page and "(8 of 15)" in page
    assert "3 pairs have no agreement yet." in page
    assert 'alt="Meetings held against agreed: ' in page
    assert ('alt="Pairs by meetings kept: None held: 0, Under half: 2, Half or more: 2, '
            'All held: 1"') in page
    csv_text = admin_client.get(f"/programs/{program.pk}/analytics.csv").content.decode()
    for row in ("meetings agreed,all,,15", "meetings held as agreed,all,,10",
                "cadence kept %,all,,53.3", "pairs without agreement,all,,3"):
        assert row in csv_text
    assert "overall,all,16,,,,,100.0,15,8,53.3" in csv_text
    api = admin_client.get(f"/api/v1/programs/{program.pk}/analytics").json()
    assert (api["meetings_agreed"], api["meetings_held_as_agreed"], api["cadence_kept"],
            api["pairs_without_agreement"]) == (15, 10, 53.3, 3)
    assert api["overall"]["cadence_kept"] == 53.3
    for text in (page, csv_text, str(api)):
        assert not any(secret in text for secret in SECRETS)
