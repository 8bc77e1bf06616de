"""The meetings API: booking, changing, my list, what is written around a meeting, the feed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from lodestar.meetings.models import Meeting, Note
from lodestar.notifications.models import OutboxMessage

from .conftest import ApiClient, assert_error
from .world import COUNTERPART_SECRET, OWNER_SECRET, whole_minute

pytestmark = pytest.mark.django_db


def test_slots_say_what_can_be_booked_and_why_not(world, as_owner):
    slots = as_owner.get(f"/people/{world.ids['mentor']}/slots?kind=intro").json()
    reasons = {k["kind"]: k for k in slots["kinds"]}
    assert reasons["intro"]["allowed"] is False and "already have an intro" in reasons["intro"]["reason"]
    assert slots["kind"] == "session" and slots["minutes"] == 45
    assert isinstance(slots["slots"], list)


def test_an_intro_call_is_booked_with_invitations(world, as_other):
    start = whole_minute(days=6)
    booked = as_other.post("/meetings", {"mentor_id": world.ids["mentor"], "kind": "intro",
                                         "starts_at": start.isoformat(), "minutes": 20})
    assert booked.status_code == 201
    meeting = booked.json()
    assert meeting["role"] == "mentee" and meeting["status"] == "scheduled" and meeting["minutes"] == 20
    assert meeting["when"]["theirs"]  # Bob reads it on Tokyo's clock
    invited = OutboxMessage.objects.filter(key__startswith=f"meeting:{meeting['id']}:invite")
    assert sorted(invited.values_list("to", flat=True)) == ["bob@example.org", "carol@example.org"]
    again = as_other.post("/meetings", {"mentor_id": world.ids["mentor"], "kind": "intro",
                                        "starts_at": start.isoformat(), "minutes": 20})
    assert "already have an intro" in assert_error(again, 422)["fields"]["kind"][0]


def test_booking_refuses_times_without_a_zone_and_clashes(world, as_owner):
    future = Meeting.objects.get(pk=world.ids["future"])
    body = {"mentor_id": world.ids["mentor"], "kind": "session", "minutes": 45}
    naive = assert_error(as_owner.post("/meetings", {**body, "starts_at": "2031-05-01T09:30:00"}), 422)
    assert "starts_at" in naive["fields"]
    clash = assert_error(as_owner.post("/meetings", {**body, "starts_at": future.starts_at.isoformat()}), 422)
    assert "already have a meeting" in clash["fields"]["starts_at"][0]


def test_a_weekly_series_is_booked_at_once(world, as_owner):
    booked = as_owner.post("/meetings", {"mentor_id": world.ids["mentor"], "kind": "session", "minutes": 30,
                                         "starts_at": whole_minute(days=10).isoformat(),
                                         "recurrence": "weekly", "count": 3})
    assert booked.status_code == 201
    assert Meeting.objects.filter(series_id=booked.json()["series_id"]).count() == 3


def test_my_meetings_are_listed_upcoming_or_past(world, as_owner, as_counterpart):
    assert [m["id"] for m in as_owner.get("/meetings?when=upcoming").json()["items"]] == [world.ids["future"]]
    past = as_counterpart.get("/meetings?when=past").json()
    assert [m["id"] for m in past["items"]] == [world.ids["past"]]
    assert past["items"][0]["role"] == "mentor" and past["items"][0]["phase"] == "after"
    assert as_owner.get("/meetings").json()["count"] == 2


def test_a_meeting_is_moved_and_cancelled_once(world, as_owner, as_counterpart):
    future = world.ids["future"]
    moved = as_counterpart.post(f"/meetings/{future}/reschedule",
                                {"starts_at": whole_minute(days=4).isoformat(), "reason": "Travel"})
    assert moved.status_code == 200
    cancelled = as_owner.post(f"/meetings/{future}/cancel", {"reason": "I am ill"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "I am ill"
    assert_error(as_owner.post(f"/meetings/{future}/cancel", {"reason": "again"}), 409, "conflict")
    assert_error(as_owner.post(f"/meetings/{future}/reschedule",
                               {"starts_at": whole_minute(days=5).isoformat(), "reason": "x"}), 409)
    over = assert_error(as_owner.post(f"/meetings/{world.ids['past']}/cancel", {"reason": "Late"}), 409)
    assert "over" in over["message"]


def test_the_mentee_writes_the_agenda_and_the_mentor_reads_it(world, as_owner, as_counterpart):
    future = world.ids["future"]
    agenda = as_owner.put(f"/meetings/{future}/agenda", {"topics": ["The review"], "questions": ["How?"]}).json()
    assert agenda["submitted_at"] and agenda["topics"] == ["The review"]
    assert [i["text"] for i in agenda["report_back"]] == ["Send the deck"]
    assert as_counterpart.get(f"/meetings/{future}/agenda").json()["questions"] == ["How?"]
    assert_error(as_counterpart.put(f"/meetings/{future}/agenda", {"topics": ["Mine"]}), 403, "forbidden")
    assert_error(as_owner.put(f"/meetings/{future}/agenda", {"topics": []}), 422)


def test_private_notes_are_their_authors_alone(world, as_owner, as_counterpart):
    past = world.ids["past"]
    mine = as_owner.get(f"/meetings/{past}").json()
    assert mine["notes_count"] == 2
    assert {n["body"] for n in mine["notes"]} == {"Shared: thanks for the time", OWNER_SECRET}
    theirs = as_counterpart.get(f"/meetings/{past}").json()
    assert theirs["notes_count"] == 2
    assert OWNER_SECRET not in str(theirs) and COUNTERPART_SECRET in str(theirs)
    listed = as_counterpart.get(f"/meetings/{past}/notes").json()
    assert listed["count"] == 2 and OWNER_SECRET not in str(listed)
    # Someone else's private note does not exist for you; a shared one is not yours to remove.
    assert_error(as_counterpart.delete(f"/meetings/{past}/notes/{world.ids['owner_private_note']}"), 404)
    assert_error(as_counterpart.delete(f"/meetings/{past}/notes/{world.ids['shared_note']}"), 403)
    staff = ApiClient(world.user("staff"))
    assert_error(staff.get(f"/meetings/{past}"), 404)
    assert_error(staff.get(f"/meetings/{past}/notes"), 404)
    assert Note.objects.filter(meeting_id=past).count() == 3


def test_notes_takeaways_and_actions_are_written_during_and_after(world, as_owner, as_counterpart):
    past = world.ids["past"]
    note = as_counterpart.post(f"/meetings/{past}/notes", {"body": "Ask about the deck"})
    assert note.status_code == 201 and note.json()["shared"] is False
    assert as_owner.delete(f"/meetings/{past}/notes/{world.ids['owner_private_note']}").status_code == 204
    takeaway = as_counterpart.post(f"/meetings/{past}/takeaways", {"text": "Alice is ready"}).json()
    assert_error(as_owner.delete(f"/meetings/{past}/takeaways/{takeaway['id']}"), 403)
    assert as_counterpart.delete(f"/meetings/{past}/takeaways/{takeaway['id']}").status_code == 204
    item = as_counterpart.post(f"/meetings/{past}/action-items", {"text": "Share a template", "owner": "them"})
    assert item.status_code == 201 and item.json()["owner_name"] == "Alice Mensah"
    assert_error(as_counterpart.post(f"/meetings/{past}/action-items/{world.ids['action']}/report",
                                     {"report_back": "x"}), 403)
    report = as_owner.post(f"/meetings/{past}/action-items/{world.ids['action']}/report", {"report_back": "Sent"})
    assert report.json()["done_at"] is not None
    assert_error(as_owner.post(f"/meetings/{past}/action-items/{world.ids['action']}/report",
                               {"report_back": "Again"}), 409)
    assert_error(as_owner.post(f"/meetings/{world.ids['future']}/takeaways", {"text": "Too soon"}), 409)


def test_the_follow_up_is_drafted_saved_and_sent_by_the_mentee(world, as_owner, as_counterpart):
    past = world.ids["past"]
    draft = as_owner.get(f"/meetings/{past}/follow-up").json()
    assert draft["saved"] is False and "Lead with the chart" in draft["body"]
    saved = as_owner.put(f"/meetings/{past}/follow-up", {"body": "Thank you, Bob."}).json()
    assert saved == {"body": "Thank you, Bob.", "saved": True, "sent_at": None}
    sent = as_owner.put(f"/meetings/{past}/follow-up", {"body": "Thank you, Bob!", "send": True}).json()
    assert sent["sent_at"] is not None
    sent_mail = OutboxMessage.objects.filter(to="bob@example.org").order_by("-id").first()
    assert "Thank you, Bob!" in sent_mail.text_body
    assert_error(as_owner.put(f"/meetings/{past}/follow-up", {"body": "More"}), 409)
    assert_error(as_counterpart.get(f"/meetings/{past}/follow-up"), 403)
    assert as_counterpart.get(f"/meetings/{past}").json()["follow_up"] is None


def test_a_written_update_replaces_a_meeting_still_to_come(world, as_counterpart):
    future = world.ids["future"]
    update = as_counterpart.post(f"/meetings/{future}/async-update", {"body": "Travelling; here is my news"})
    assert update.status_code == 201 and update.json()["author_name"] == "Bob Tanaka"
    assert Meeting.objects.get(pk=future).status == "cancelled"
    detail = as_counterpart.get(f"/meetings/{future}").json()
    assert [u["body"] for u in detail["async_updates"]] == ["Travelling; here is my news"]


def test_the_calendar_feed_is_regenerated_and_revoked(client, world, as_owner):
    old = as_owner.get("/calendar-feed").json()["url"]
    new = as_owner.post("/calendar-feed").json()["url"]
    assert new and new != old
    path = urlsplit(new).path
    assert client.get(path).status_code == 200
    assert as_owner.delete("/calendar-feed").status_code == 204
    assert as_owner.get("/calendar-feed").json() == {"url": None, "created_at": None}
    assert client.get(path).status_code == 404
