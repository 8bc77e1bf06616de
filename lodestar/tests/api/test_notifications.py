"""The notifications API: the inbox, what is unread, marking read, and preferences."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lodestar.notifications.models import Notification, NotificationPreference
from lodestar.notifications.services import notify

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def _in_app(user, key: str) -> Notification:
    notice = notify(kind="follow_up_due", recipient=user, key=key, context={"other_name": "Bob"})
    Notification.objects.filter(pk=notice.pk).update(in_app=True, dispatched_at=timezone.now())
    return notice


def test_the_inbox_lists_counts_and_marks_read(world, as_owner):
    second = _in_app(world.user("owner"), "second")
    _in_app(world.user("other"), "not-hers")
    inbox = as_owner.get("/notifications").json()
    assert inbox["count"] == 2
    assert [n["title"] for n in inbox["items"]][0] == "Follow up with Bob"  # newest first
    assert inbox["items"][1]["link"] == f"/meetings/{world.ids['future']}/"
    assert as_owner.get("/notifications/unread-count").json() == {"count": 2}

    read = as_owner.post(f"/notifications/{second.pk}/read").json()
    assert read["read_at"] is not None
    assert [n["id"] for n in as_owner.get("/notifications?unread=true").json()["items"]] == [
        world.ids["notification"]
    ]
    assert as_owner.post("/notifications/read-all").json() == {"marked": 1}
    assert as_owner.get("/notifications/unread-count").json() == {"count": 0}


def test_preferences_change_only_what_is_sent(world, as_owner):
    prefs = as_owner.get("/notifications/preferences").json()
    assert prefs["quiet_start"] is None and prefs["digest_time"] == "08:00"
    assert {"code", "label", "description", "time_critical", "default_channel", "channel"} == set(prefs["kinds"][0])

    prefs = as_owner.patch("/notifications/preferences", {
        "channels": {"agenda_due": "in_app"}, "quiet_start": "22:00", "quiet_end": "07:00",
    }).json()
    assert (prefs["quiet_start"], prefs["quiet_end"]) == ("22:00", "07:00")
    assert next(k for k in prefs["kinds"] if k["code"] == "agenda_due")["channel"] == "in_app"
    assert NotificationPreference.objects.get(user=world.user("owner"), kind="agenda_due").channel == "in_app"
    prefs = as_owner.patch("/notifications/preferences", {"digest_enabled": True, "digest_time": "18:30"}).json()
    assert prefs["digest_enabled"] is True and prefs["quiet_start"] == "22:00"


def test_preferences_follow_the_settings_pages_rules(as_owner):
    error = assert_error(as_owner.patch("/notifications/preferences", {"quiet_start": "22:00"}), 422)
    assert "quiet_end" in error["fields"]
    error = assert_error(as_owner.patch("/notifications/preferences", {"channels": {"nope": "off"}}), 422)
    assert set(error["fields"]) == {"channels.nope"}
    assert_error(as_owner.patch("/notifications/preferences", {"channels": {"agenda_due": "pigeon"}}), 422)
    assert_error(as_owner.patch("/notifications/preferences", {"digest_time": "24:00"}), 422)
