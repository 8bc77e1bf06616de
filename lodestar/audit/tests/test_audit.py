"""Staff actions in the admin are in the audit log, which staff can read and nobody can edit."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from lodestar.accounts.models import User
from lodestar.audit.models import Action, AuditEvent
from lodestar.audit.services import audit_record, client_ip
from lodestar.people.models import Skill


@pytest.fixture
def staff(db):
    return User.objects.create_superuser(email="staff@example.org", password="x")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_adding_in_the_admin_is_recorded_with_who_and_from_where(staff_client, staff):
    response = staff_client.post(
        reverse("admin:people_skill_add"),
        {"name": "Kubernetes", "category": "Ops"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get()
    skill = Skill.objects.get(key="kubernetes")
    assert (event.action, event.actor, event.ip) == (Action.ADMIN_ADD, staff, "203.0.113.7")
    assert (event.object_type, event.object_id) == ("people.skill", str(skill.pk))
    assert event.summary.startswith("Kubernetes: Added")


def test_changing_a_user_is_recorded_with_the_fields_not_their_values(staff_client, alice):
    url = reverse("admin:accounts_user_change", args=[alice.user.pk])
    response = staff_client.post(
        url,
        {
            "email": "alice@example.org",
            "is_active": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "10:00:00",
            "groups": [],
            "user_permissions": [],
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.get()
    assert event.action == Action.ADMIN_CHANGE and event.object_type == "accounts.user"
    assert "Active" in event.summary or "active" in event.summary


def test_deleting_one_or_several_in_the_admin_is_recorded_once_per_object(staff_client):
    skills = [Skill.objects.create(name=n) for n in ("A1", "B2", "C3")]
    staff_client.post(reverse("admin:people_skill_delete", args=[skills[0].pk]), {"post": "yes"})
    staff_client.post(
        reverse("admin:people_skill_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [s.pk for s in skills[1:]],
            "post": "yes",
        },
    )
    assert not Skill.objects.exists()
    deleted = AuditEvent.objects.filter(action=Action.ADMIN_DELETE)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in skills)
    assert LogEntry.objects.count() == 3  # Django's own log agrees


def test_the_confirmation_page_alone_records_nothing(staff_client):
    skills = [Skill.objects.create(name=n) for n in ("A1", "B2")]
    response = staff_client.post(
        reverse("admin:people_skill_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [s.pk for s in skills],
        },
    )
    assert response.status_code == 200 and Skill.objects.count() == 2
    assert not AuditEvent.objects.exists()


def test_staff_read_the_log_but_nobody_changes_it(staff_client, staff):
    event = audit_record(action=Action.KEY_ROTATION, summary="12 rows re-encrypted")
    listing = staff_client.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200 and b"12 rows re-encrypted" in listing.content
    assert staff_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert staff_client.get(change).status_code == 200  # view only
    assert staff_client.post(change, {"summary": "nothing happened"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.summary == "12 rows re-encrypted"


def test_people_who_are_not_staff_cannot_see_the_log(alice_client):
    response = alice_client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302


def test_the_address_is_the_one_the_proxy_saw_only_behind_the_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9"
    )
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.2"  # a client can write any X-Forwarded-For
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "198.51.100.9"  # what nginx appended
