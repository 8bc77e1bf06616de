"""The directory: filters in the database, ranking by fit, honest availability, bookmarks and
hiding over htmx, pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lodestar.goals import services as goals
from lodestar.outreach import services
from lodestar.outreach.directory import PAGE_SIZE
from lodestar.outreach.models import Bookmark, HiddenMentor
from lodestar.people import services as people

from .conftest import EVENINGS, make_mentor, make_person, send

pytestmark = pytest.mark.django_db

# Kolkata mornings 07:00-10:00 are 18:30-21:30 the evening before in Los Angeles (summer time).
LA_EVENINGS = [(day, 18 * 60, 22 * 60) for day in range(7)]


@pytest.fixture
def world(mentee):
    goals.skill_gap_add(profile=mentee, name="Data engineering")
    goals.guidance_set(profile=mentee, weights={"career": 3})
    best = make_mentor(
        "Grace Hopper",
        expertise=("Data engineering", "Python"),
        seniority=5,
        windows=LA_EVENINGS,
        country="US",
        organization="Cascade Health",
    )
    okay = make_mentor(
        "Omar Faruk",
        expertise=("Gardening",),
        seniority=3,
        windows=EVENINGS,
        zone="Europe/Berlin",
        country="DE",
        mentorship_types=["formal"],
        guidance_offered=["technical"],
    )
    resting = make_mentor("Rosa Rest", accepting=False, windows=LA_EVENINGS)
    full = make_mentor("Fay Full", max_mentees=1, windows=LA_EVENINGS)
    services.intro_request_accept(request=send(make_person("Early Bird"), full), by=full)
    away = make_mentor("Ada Away", windows=LA_EVENINGS)
    long_ago = timezone.now() - dt.timedelta(days=400)
    type(away.user).objects.filter(pk=away.user.pk).update(
        last_login=long_ago, date_joined=long_ago
    )
    services.directory_tag_add(profile=okay, kind="alumni", name="University of Lagos")
    return {"best": best, "okay": okay, "resting": resting, "full": full, "away": away}


def names(page) -> list[str]:
    return re.findall(r'<h2><a href="/people/\d+/">([^<]+)</a>', page.content.decode())


@pytest.fixture
def as_mentee(client, mentee):
    client.force_login(mentee.user)
    return client


def test_available_mentors_by_fit_with_reasons_and_shared_hours_in_both_clocks(as_mentee, world):
    page = as_mentee.get(reverse("outreach:directory"))
    html = page.content.decode()
    assert names(page) == ["Grace Hopper", "Omar Faruk"]  # the others cannot take anyone now
    card = html.split('id="mentor-')[1]
    assert 'class="reasons"' in card and "Hours you share in the coming week" in card
    rows = re.findall(r"<td>([^<]+)</td><td>([^<]+)</td>", card)
    # the same hours are the mentee's morning and the mentor's evening; which of the three rows
    # shown fall on a weekend (on either clock) depends on today's weekday, but never all three
    assert len(rows) == 3, rows
    for mine, theirs in rows:
        assert mine.endswith(("early morning", "working hours", "weekend")), mine
        assert theirs.endswith(("evening", "late evening", "weekend")), theirs
    assert any(not mine.endswith("weekend") for mine, _ in rows), rows
    assert any(not theirs.endswith("weekend") for _, theirs in rows), rows
    assert f'href="/mentors/{world["best"].pk}/write/"' in card


def test_unavailable_mentors_are_labelled_never_offered(as_mentee, world):
    page = as_mentee.get(reverse("outreach:directory"), {"include_unavailable": "on"})
    html = page.content.decode()
    assert set(names(page)) == {"Grace Hopper", "Omar Faruk", "Rosa Rest", "Fay Full", "Ada Away"}
    for key, label, why in (
        ("resting", "Not taking mentees", "Is not taking new mentees"),
        ("full", "Full", "Has no place left"),
        ("away", "Away", "Has not signed in for a while"),
    ):
        card = html.split(f'id="mentor-{world[key].pk}"')[1].split("</li>\n")[0]
        assert f'<span class="badge off">{label}</span>' in card and why in card
        assert "/write/" not in card and "Join the waitlist" in card


FILTERS = [
    ({"q": "data engin"}, ["Grace Hopper"]),
    ({"guidance": "technical"}, ["Omar Faruk"]),
    ({"mentorship_type": "formal"}, ["Omar Faruk"]),  # "informal" contains "formal" but is not it
    ({"mentorship_type": "informal"}, ["Grace Hopper"]),
    ({"country": "DE"}, ["Omar Faruk"]),
    ({"min_seniority": "5"}, ["Grace Hopper"]),
    ({"tag": "cascade"}, ["Grace Hopper"]),
    ({"tag": "university of lagos"}, ["Omar Faruk"]),
    ({"language": "en"}, ["Grace Hopper", "Omar Faruk"]),
    ({"language": "fr"}, []),
    ({"min_hours": "10"}, ["Grace Hopper"]),
    (
        {"min_hours": "10", "include_unavailable": "on"},
        ["Grace Hopper", "Rosa Rest", "Fay Full", "Ada Away"],
    ),
]


def test_filters(as_mentee, world):
    # One world for every filter: building it is most of the time here.
    for query, expected in FILTERS:
        got = names(as_mentee.get(reverse("outreach:directory"), query))
        assert sorted(got) == sorted(expected), (query, got)


def test_bad_filters_get_a_message_and_search_nothing(as_mentee, world):
    for query in (
        {"min_hours": "-3"},
        {"min_hours": "many"},
        {"language": "klingon"},
        {"min_seniority": "99"},
    ):
        page = as_mentee.get(reverse("outreach:directory"), query)
        assert page.status_code == 200 and names(page) == [], query
        assert "Some filters need a fix" in page.content.decode()


def test_bookmark_and_hide_over_htmx(as_mentee, mentee, world):
    best = world["best"]
    page = as_mentee.post(
        reverse("outreach:bookmark", args=[best.pk]), {"on": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "Bookmarked ✓" in page.content.decode() and "<html" not in page.content.decode()
    assert names(as_mentee.get(reverse("outreach:directory"), {"bookmarked": "on"})) == [
        "Grace Hopper"
    ]
    page = as_mentee.post(reverse("outreach:hide", args=[best.pk]), HTTP_HX_REQUEST="true")
    assert page.content == b""
    assert HiddenMentor.objects.filter(owner=mentee, mentor=best).exists()
    assert not Bookmark.objects.exists()  # hiding drops the bookmark
    assert "Grace Hopper" not in names(as_mentee.get(reverse("outreach:directory")))
    hidden = as_mentee.get(reverse("outreach:directory"), {"hidden": "on"})
    assert names(hidden) == ["Grace Hopper"] and "Show again" in hidden.content.decode()
    as_mentee.post(reverse("outreach:hide", args=[best.pk]), {"hidden": "0"})
    assert "Grace Hopper" in names(as_mentee.get(reverse("outreach:directory")))


def test_you_cannot_bookmark_yourself(client, mentor):
    client.force_login(mentor.user)
    assert (
        client.post(
            reverse("outreach:bookmark", args=[mentor.pk]), {"on": "1"}, HTTP_HX_REQUEST="true"
        ).status_code
        == 400
    )


def test_pages_of_twenty(as_mentee, mentee):
    for n in range(PAGE_SIZE + 3):
        make_mentor(f"Mentor {n:02d}", works=(), expertise=(), windows=())
    first = as_mentee.get(reverse("outreach:directory"))
    second = as_mentee.get(reverse("outreach:directory"), {"page": "2"})
    assert len(names(first)) == PAGE_SIZE and len(names(second)) == 3
    assert not set(names(first)) & set(names(second))
    assert "Page 1 of 2" in first.content.decode() and 'rel="next"' in first.content.decode()
    assert len(names(as_mentee.get(reverse("outreach:directory"), {"order": "name"}))) == PAGE_SIZE


def test_a_mentors_tags(client, mentor):
    client.force_login(mentor.user)
    client.post(reverse("outreach:tags"), {"kind": "community", "name": "Women in Data"})
    page = client.post(reverse("outreach:tags"), {"kind": "community", "name": "  women in data "})
    assert "You already have that tag." in page.content.decode()
    page = client.post(reverse("outreach:tags"), {"kind": "nonsense", "name": "x"})
    assert page.status_code == 200 and mentor.directory_tags.count() == 1
    tag = mentor.directory_tags.get()
    client.post(reverse("outreach:tag_remove", args=[tag.pk]))
    assert not mentor.directory_tags.exists()


def test_the_profile_page_offers_writing(client, mentee, mentor):
    client.force_login(mentee.user)
    html = client.get(mentor.get_absolute_url()).content.decode()
    assert f'href="/mentors/{mentor.pk}/write/"' in html and "Write to Elena Vasquez" in html
    people.profile_update(profile=mentee, headline="x")
    assert "Find a mentor" in html and 'href="/requests/"' in html


def test_shared_hours_start_at_the_viewers_next_midnight_so_no_stretch_is_cut_by_now():
    from lodestar.outreach.directory import shared_stretches

    viewer = make_person("Vera Viewer", zone="Asia/Kolkata", windows=[(3, 19 * 60 + 30, 20 * 60 + 30)])
    mentor = make_mentor("Mo Mentor", zone="Asia/Kolkata", windows=[(3, 19 * 60, 21 * 60)])
    # Thursday 26 November 2026, 19:49 in Kolkata: in the middle of the shared Thursday evening.
    now = dt.datetime(2026, 11, 26, 14, 19, tzinfo=dt.UTC)
    assert shared_stretches(viewer, mentor, now) == [
        ("Thu 19:30–20:30, evening", "Thu 19:30–20:30, evening")
    ]
