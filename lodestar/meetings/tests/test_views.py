"""The meeting pages through the web: who sees what, booking, and the forms on a meeting's page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib import admin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lodestar.meetings import services
from lodestar.meetings.models import ActionItem, Meeting, Note
from lodestar.meetings.tests.conftest import HTMX, book, counts, make_mentor, next_weekday, past
from lodestar.people.services import availability_add

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


# --- who may see what --------------------------------------------------------------------------


def test_only_the_two_people_see_a_meeting(alice, mentor, carol, client):
    meeting = book(alice, mentor)
    note = services.note_add(meeting=meeting, author=alice, body="mine", shared=True)
    client.force_login(carol.user)
    for path in ["", "invite.ics", "agenda/", "reschedule/", "cancel/", "update/"]:
        assert client.get(f"/meetings/{meeting.pk}/{path}").status_code == 404, path
    for path in [
        "notes/",
        f"notes/{note.pk}/remove/",
        "takeaways/",
        "actions/",
        "follow-up/",
        "agenda/coach/",
    ]:
        assert (
            client.post(
                f"/meetings/{meeting.pk}/{path}",
                {"note-body": "x", "takeaway-text": "x", "action-text": "x", "follow_up-body": "x"},
            ).status_code
            == 404
        ), path
    assert Note.objects.filter(pk=note.pk).exists()


def test_staff_do_not_see_meetings_or_notes_either(alice, mentor, client):
    from lodestar.people.tests.factories import ProfileFactory

    meeting = book(alice, mentor)
    services.note_add(meeting=meeting, author=alice, body="A private worry", shared=False)
    staff = ProfileFactory(display_name="Sam Staff", user__email="staff@example.org")
    staff.user.is_staff = staff.user.is_superuser = True
    staff.user.save()
    client.force_login(staff.user)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert Note not in admin.site._registry
    assert (
        "A private worry"
        not in client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    )


def test_a_private_note_is_invisible_to_the_other_person(alice, mentor, alice_client, client):
    meeting = book(alice, mentor)
    alice_client.post(
        f"/meetings/{meeting.pk}/notes/", {"note-body": "I hope he does not ask about the layoffs"}
    )
    alice_client.post(
        f"/meetings/{meeting.pk}/notes/", {"note-body": "Ask about hiring", "note-shared": "on"}
    )
    assert "layoffs" in html(alice_client.get(f"/meetings/{meeting.pk}/"))
    client.force_login(mentor.user)
    page = html(client.get(f"/meetings/{meeting.pk}/"))
    assert "layoffs" not in page and "Ask about hiring" in page


def test_someone_elses_note_or_action_item_is_a_404(alice, mentor, alice_client, client):
    meeting = past(alice, mentor)
    bobs_note = services.note_add(meeting=meeting, author=mentor, body="Bob's", shared=True)
    bobs_item = services.action_item_add(
        meeting=meeting, by=mentor, owner=mentor, text="Send links", due_on=None
    )
    assert (
        alice_client.post(f"/meetings/{meeting.pk}/notes/{bobs_note.pk}/remove/").status_code == 404
    )
    report = {f"item-{bobs_item.pk}-report_back": "done"}
    assert (
        alice_client.post(
            f"/meetings/{meeting.pk}/actions/{bobs_item.pk}/report/", report
        ).status_code
        == 404
    )
    assert Note.objects.filter(pk=bobs_note.pk).exists()
    assert ActionItem.objects.get(pk=bobs_item.pk).done_at is None
    # An item of another pair, reached through one's own meeting, is a 404 too.
    other = past(alice, make_mentor(_carol()), days_ago=3)
    carols = services.action_item_add(
        meeting=other, by=alice, owner=alice, text="Carol's item", due_on=None
    )
    client.force_login(mentor.user)
    assert (
        client.post(f"/meetings/{meeting.pk}/actions/{carols.pk}/report/", report).status_code
        == 404
    )


def _carol():
    from lodestar.people.tests.factories import ProfileFactory

    return ProfileFactory(display_name="Carol Diaz", time_zone="America/Los_Angeles")


def test_pages_need_a_login_but_the_feed_does_not(client, alice, mentor):
    meeting = book(alice, mentor)
    assert client.get("/meetings/").status_code == 302
    assert client.get(f"/meetings/{meeting.pk}/invite.ics").status_code == 302
    assert client.get("/calendar/whatever.ics").status_code == 404


# --- booking -----------------------------------------------------------------------------------


@pytest.fixture
def windows(alice, mentor):
    """Alice (Accra) weekday mornings, Bob (Tokyo) weekday afternoons and evenings: they share
    Accra 08:00-12:00, which is Tokyo 17:00-21:00."""
    for day in range(5):
        availability_add(profile=alice, weekday=day, start_minute=8 * 60, end_minute=12 * 60)
        availability_add(profile=mentor, weekday=day, start_minute=12 * 60, end_minute=21 * 60)


def test_the_booking_page_offers_ranked_slots_labelled_for_both(alice_client, mentor, windows):
    page = html(alice_client.get(f"/meetings/book/{mentor.pk}/"))
    mine = re.findall(r'class="slot-mine">([^<]+)<', page)
    theirs = re.findall(r'class="slot-theirs">([^<]+)<', page)
    assert len(mine) == 6
    # Accra and Tokyo working days do not overlap at all: the kindest slot costs Bob an early
    # evening (Tokyo 18:00) rather than Alice an early morning (Accra before 09:00).
    assert mine[0].endswith(", working hours") and theirs[0].endswith(", evening"), (
        mine[0],
        theirs[0],
    )
    assert all("early morning" not in label for label in mine)
    # Each label is on its own person's clock: Tokyo is nine hours ahead of Accra.
    clock = lambda label: int(re.search(r", (\d\d):\d\d,", label)[1])  # noqa: E731
    assert [clock(t) - clock(m) for m, t in zip(mine, theirs)] == [9] * 6
    assert 'value="intro" checked' in page
    assert (
        "Sessions and check-ins come after a first conversation" in page
    )  # why the others are off


def test_changing_the_length_asks_htmx_for_new_slots(alice_client, mentor, windows):
    page = html(
        alice_client.get(f"/meetings/book/{mentor.pk}/?kind=intro&minutes=15", headers=HTMX)
    )
    assert page.lstrip().startswith('<div id="slots">') and "<html" not in page
    assert 'value="15"' in page
    # A length the kind does not allow falls back to its usual one.
    assert 'value="20"' in html(
        alice_client.get(f"/meetings/book/{mentor.pk}/?kind=intro&minutes=99", headers=HTMX)
    )


def test_booking_a_suggested_slot(alice_client, mentor, windows):
    page = html(alice_client.get(f"/meetings/book/{mentor.pk}/"))
    slot = re.search(r'name="slot" value="([^"]+)"', page)[1]
    response = alice_client.post(
        f"/meetings/book/{mentor.pk}/", {"kind": "intro", "minutes": "20", "slot": slot}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == f"/meetings/{meeting.pk}/"
    assert meeting.starts_at == dt.datetime.fromisoformat(slot)


def test_booking_a_time_of_ones_own_in_ones_own_zone(alice_client, alice, mentor):
    alice.time_zone = "Asia/Kolkata"
    alice.save()
    start = next_weekday(1, dt.time(10, 30), "Asia/Kolkata")
    local = start.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    alice_client.post(
        f"/meetings/book/{mentor.pk}/",
        {
            "kind": "intro",
            "minutes": "15",
            "slot": "",
            "day": local.date().isoformat(),
            "time": "10:30",
            "zone": "Asia/Kolkata",
        },
    )
    assert Meeting.objects.get().starts_at == start


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"slot": "", "day": "2020-01-06", "time": "10:00"}, "time", "already passed"),
        ({"minutes": "45"}, "minutes", "15 to 20 minutes"),
        (
            {"slot": "", "day": "2031-01-07", "time": "10:00", "zone": "Mars/Olympus_Mons"},
            "zone",
            "not a time zone we know",
        ),
        ({"slot": "yesterday-ish"}, "slot", "Pick one of the times offered"),
        (
            {"slot": "", "day": "2031-03-09", "time": "02:30", "zone": "America/Los_Angeles"},
            "time",
            "clocks jump forward",
        ),
        ({"kind": "session"}, "kind", "come after a first conversation"),
    ],
)
def test_bad_booking_input_is_explained_beside_the_field_and_changes_nothing(
    alice_client, mentor, data, field, message
):
    base = {"kind": "intro", "minutes": "20", "slot": next_weekday(2, dt.time(9)).isoformat()}
    before = counts()
    page = html(alice_client.post(f"/meetings/book/{mentor.pk}/", {**base, **data}))
    assert counts() == before
    if field in ("slot", "kind"):
        assert message in page
    else:
        block = re.search(rf'id="field-{field}".*?</div>\s*</div>', page, re.S)
        assert block and message in block[0], page[page.find('class="errors"') - 300 :][:800]


def test_an_overlapping_booking_names_the_busy_person(alice_client, alice, mentor, windows):
    other = _carol()
    make_mentor(other)
    start = next_weekday(2, dt.time(9))
    book(other, mentor, start=start)
    page = html(
        alice_client.post(
            f"/meetings/book/{mentor.pk}/",
            {"kind": "intro", "minutes": "20", "slot": start.isoformat()},
        )
    )
    assert "Bob Tanaka already has a meeting then." in page
    assert Meeting.objects.filter(organizer=alice).count() == 0


def test_the_profile_page_offers_booking_for_mentors_only(alice_client, mentor, alice):
    assert f'href="/meetings/book/{mentor.pk}/"' in html(alice_client.get(f"/people/{mentor.pk}/"))
    assert "Book a meeting" not in html(alice_client.get(f"/people/{alice.pk}/"))


# --- lists and the meeting page ----------------------------------------------------------------


def test_times_are_in_my_zone_with_the_other_persons_beside(alice_client, client, alice, mentor):
    book(alice, mentor, start=next_weekday(2, dt.time(9)))  # Wed 09:00 Accra = Wed 18:00 Tokyo
    listing = text(alice_client.get("/meetings/"))
    assert re.search(
        r"Wed \d+ \w+, 09:00–09:20 Wed \d+ \w+, 18:00, evening for Bob Tanaka", listing
    ), listing
    client.force_login(mentor.user)
    assert re.search(
        r"Wed \d+ \w+, 18:00–18:20 Wed \d+ \w+, 09:00, working hours for Alice Mensah",
        text(client.get("/meetings/")),
    )


def test_the_meeting_page_has_the_agenda_the_timer_and_the_links(alice_client, alice, mentor):
    meeting = book(alice, mentor)
    page = html(alice_client.get(f"/meetings/{meeting.pk}/"))
    assert 'id="timer"' in page and f'data-warn-minutes="{meeting.warn_minutes}"' in page
    assert "meetings/timer.js" in page
    assert (
        f'href="/meetings/{meeting.pk}/agenda/"' in page
        and f'href="/meetings/{meeting.pk}/invite.ics"' in page
    )
    assert "These open once the meeting starts." in page


def test_the_agenda_page_coaches_intro_questions(alice_client, alice, mentor):
    meeting = book(alice, mentor)
    page = html(alice_client.get(f"/meetings/{meeting.pk}/agenda/"))
    assert f'hx-post="/meetings/{meeting.pk}/agenda/coach/"' in page
    hints = html(
        alice_client.post(
            f"/meetings/{meeting.pk}/agenda/coach/",
            {"questions": "Where do you work?\nIs it fun?"},
            headers=HTMX,
        )
    )
    assert (
        "profile already tells you this" in hints
        and "yes or a no" in hints
        and "you have 2" in hints
    )
    response = alice_client.post(
        f"/meetings/{meeting.pk}/agenda/",
        {
            "questions": "What surprised you as a new manager?\nHow do you give hard feedback?\n"
            "What do you read?",
            "topics": "",
            "progress": "",
        },
    )
    assert response.status_code == 302
    assert "How do you give hard feedback?" in html(alice_client.get(f"/meetings/{meeting.pk}/"))


def test_after_the_meeting_takeaways_actions_and_follow_up_by_htmx(alice_client, alice, mentor):
    meeting = past(alice, mentor, days_ago=0.2)
    url = f"/meetings/{meeting.pk}"
    swap = html(
        alice_client.post(
            f"{url}/takeaways/", {"takeaway-text": "Decide in writing first"}, headers=HTMX
        )
    )
    assert swap.lstrip().startswith('<section id="after"') and "Decide in writing first" in swap
    assert "Takeaway added." in swap  # the message travels with the swap
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    swap = html(
        alice_client.post(
            f"{url}/actions/",
            {"action-text": "Draft the charter", "action-owner": "me", "action-due_on": due},
            headers=HTMX,
        )
    )
    assert "Draft the charter" in swap and "- Decide in writing first" in swap  # the draft follows
    bad = html(
        alice_client.post(
            f"{url}/actions/",
            {"action-text": "Late", "action-owner": "me", "action-due_on": "2001-01-01"},
            headers=HTMX,
        )
    )
    assert "That date has passed" in bad and ActionItem.objects.count() == 1
    swap = html(
        alice_client.post(
            f"{url}/follow-up/", {"follow_up-body": "Thank you, Bob!", "send": "1"}, headers=HTMX
        )
    )
    assert "Sent on" in swap and "Sent to Bob Tanaka." in swap
    assert meeting.follow_up.sent_at is not None


def test_reschedule_and_cancel_through_the_pages(alice_client, alice, mentor):
    meeting = book(alice, mentor, start=next_weekday(2, dt.time(9)))
    new = next_weekday(3, dt.time(10))
    page = html(
        alice_client.post(
            f"/meetings/{meeting.pk}/reschedule/",
            {"day": new.date().isoformat(), "time": "10:00", "reason": ""},
        )
    )
    assert "Add a short reason so Bob Tanaka knows what changed." in page
    alice_client.post(
        f"/meetings/{meeting.pk}/reschedule/",
        {"day": new.date().isoformat(), "time": "10:00", "reason": "Team offsite"},
    )
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (new, 1)
    alice_client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Offsite ran over"})
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert "Offsite ran over" in html(alice_client.get(f"/meetings/{meeting.pk}/"))


def test_a_written_update_page(alice_client, alice, mentor):
    meeting = book(alice, mentor)
    response = alice_client.post(
        f"/meetings/{meeting.pk}/update/", {"body": "Exams this week; here is my progress."}
    )
    assert response.status_code == 302
    page = html(alice_client.get(f"/meetings/{meeting.pk}/"))
    assert "Exams this week" in page and "Cancelled" in page


junk = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            "-1",
            "99999999999",
            "2020-02-30",
            "25:61",
            "\x00",
            "intro",
            "session",
            "weekly",
            "UTC",
            "Europe/Paris",
        ]
    ),
)
FIELDS = [
    "kind",
    "minutes",
    "slot",
    "day",
    "time",
    "zone",
    "recurrence",
    "count",
    "reason",
    "body",
    "note-body",
    "note-shared",
    "takeaway-text",
    "action-text",
    "action-owner",
    "action-due_on",
    "follow_up-body",
    "questions",
    "topics",
    "progress",
    "send",
    "action",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        [
            "book",
            "",
            "reschedule/",
            "cancel/",
            "agenda/",
            "agenda/coach/",
            "notes/",
            "takeaways/",
            "actions/",
            "follow-up/",
            "update/",
        ]
    ),
    data=st.dictionaries(st.sampled_from(FIELDS), junk, max_size=8),
    htmx=st.booleans(),
)
def test_no_junk_makes_a_server_error(alice_client, alice, mentor, path, data, htmx):
    meeting = Meeting.objects.filter(organizer=alice).first() or past(alice, mentor, days_ago=0.1)
    url = f"/meetings/book/{mentor.pk}/" if path == "book" else f"/meetings/{meeting.pk}/{path}"
    headers = HTMX if htmx else {}
    assert alice_client.post(url, data, headers=headers).status_code < 500
    assert alice_client.get(url, data, headers=headers).status_code < 500
