"""The bell, the notifications page and the settings page, as a signed-in person uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lodestar.notifications import scheduler
from lodestar.notifications.models import Notification, NotificationPreference, NotificationSettings
from lodestar.notifications.services import notify, preferences_update

pytestmark = pytest.mark.django_db


def deliver_to(user, n=1, *, kind="follow_up_due", link="/dashboard/"):
    for i in range(n):
        notify(kind=kind, recipient=user, key=f"{user.pk}-{kind}-{i}", context={"other_name": f"Ama {i}"},
               link=link, due_at=timezone.now() - dt.timedelta(minutes=1))
    scheduler.tick()


def test_bell_counts_unread_notices(alice_client, alice):
    assert "unread" in alice_client.get(reverse("notifications:bell")).content.decode()
    deliver_to(alice.user, 3)
    html = alice_client.get(reverse("notifications:bell")).content.decode()
    assert 'aria-label="Notifications, 3 unread"' in html and '<span class="count" aria-hidden="true">3</span>' in html


def test_navigation_loads_the_bell_with_htmx(alice_client):
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert 'hx-get="/notifications/bell/"' in html and "every 60s" in html


def test_list_shows_only_my_notices_newest_first(alice_client, alice, bob):
    deliver_to(alice.user, 2)
    deliver_to(bob.user, 1)
    page = alice_client.get(reverse("notifications:list"))
    titles = [n.title for n in page.context["page"]]
    assert titles == ["Follow up with Ama 1", "Follow up with Ama 0"] or sorted(titles) == [
        "Follow up with Ama 0", "Follow up with Ama 1"]
    assert "2 unread" in page.content.decode()


def test_opening_a_notice_marks_it_read_and_goes_where_it_points(alice_client, alice):
    deliver_to(alice.user, 1, link="/me/")
    notice = Notification.objects.get()
    response = alice_client.post(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and response.url == "/me/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_one_and_all_read(alice_client, alice):
    deliver_to(alice.user, 3)
    first = Notification.objects.first()
    response = alice_client.post(reverse("notifications:read", args=[first.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["HX-Trigger"] == "notifications-changed"
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    alice_client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_nobody_reads_or_opens_another_persons_notice(alice_client, bob):
    deliver_to(bob.user, 1)
    notice = Notification.objects.get()
    assert alice_client.post(reverse("notifications:read", args=[notice.pk])).status_code == 404
    assert alice_client.post(reverse("notifications:open", args=[notice.pk])).status_code == 404
    alice_client.post(reverse("notifications:read_all"))
    notice.refresh_from_db()
    assert notice.read_at is None


def test_settings_page_saves_channels_quiet_hours_and_digest(alice_client, alice):
    from lodestar.notifications.registry import all_kinds

    data = {f"channel_{kind.code}": "both" for kind in all_kinds(configurable_only=True)}
    data.update({"channel_agenda_due": "in_app", "quiet_start": "22:00", "quiet_end": "07:30",
                 "digest_enabled": "on", "digest_time": "08:15"})
    response = alice_client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    prefs = NotificationSettings.objects.get(user=alice.user)
    assert (prefs.quiet_start_minute, prefs.quiet_end_minute, prefs.digest_enabled, prefs.digest_minute) == (
        1320, 450, True, 495)
    assert NotificationPreference.objects.get(user=alice.user, kind="agenda_due").channel == "in_app"
    page = alice_client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="22:00"' in page and "digest" not in [p.kind for p in NotificationPreference.objects.all()]


def test_settings_page_refuses_an_empty_quiet_range_beside_the_field(alice_client, alice):
    preferences_update(user=alice.user, channels={}, quiet_start_minute=None, quiet_end_minute=None,
                       digest_enabled=False)
    response = alice_client.post(reverse("notifications:preferences"),
                                 {"quiet_start": "22:00", "quiet_end": "22:00", "channel_agenda_due": "off"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quiet hours must end at a different time than they start." in html
    assert 'class="field has-error" id="field-quiet_end"' in html
    assert not NotificationPreference.objects.exists()
    assert NotificationSettings.objects.get(user=alice.user).quiet_start_minute is None


def test_settings_page_refuses_half_a_range_and_unknown_channels(alice_client, alice):
    response = alice_client.post(reverse("notifications:preferences"),
                                 {"quiet_start": "22:00", "channel_agenda_due": "carrier-pigeon"})
    errors = response.context["form"].errors
    assert "quiet_end" in errors and "channel_agenda_due" in errors
    assert not NotificationSettings.objects.exists()


def test_staff_see_the_outbox_in_the_admin(client, alice):
    deliver_to(alice.user, 1)
    alice.user.is_staff = alice.user.is_superuser = True
    alice.user.save()
    client.force_login(alice.user)
    page = client.get("/admin/notifications/outboxmessage/")
    assert page.status_code == 200 and "A quick thank-you to Ama 0?" in page.content.decode()
    from lodestar.notifications.models import OutboxMessage

    detail = client.get(f"/admin/notifications/outboxmessage/{OutboxMessage.objects.get().pk}/change/")
    assert detail.status_code == 200 and "sent" in detail.content.decode()
