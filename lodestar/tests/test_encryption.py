"""Notes, messages and reflections are ciphertext in the database, and keys can be rotated."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lodestar.audit.models import Action, AuditEvent
from lodestar.goals import services as goals
from lodestar.goals.models import Goal, GoalCheckIn
from lodestar.lib import crypto
from lodestar.meetings import services as meetings
from lodestar.meetings.models import Note
from lodestar.meetings.tests.conftest import make_mentor, past

OLD, NEW = crypto.generate_key(), crypto.generate_key()
SECRET = "I am thinking of leaving my job before the reorganisation in March."


def raw(model, field: str, pk: int) -> str:
    column = model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def note(alice, bob):
    meeting = past(alice, make_mentor(bob))
    return meetings.note_add(meeting=meeting, author=alice, body=SECRET, shared=False)


def test_the_database_holds_ciphertext_and_the_model_plaintext(note):
    stored = raw(Note, "body", note.pk)
    assert SECRET not in stored and "reorganisation" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert Note.objects.get(pk=note.pk).body == SECRET
    assert Note.objects.values_list("body", flat=True).get(pk=note.pk) == SECRET


def test_the_same_text_never_gives_the_same_ciphertext(note):
    twin = meetings.note_add(meeting=note.meeting, author=note.author, body=SECRET, shared=True)
    assert raw(Note, "body", note.pk) != raw(Note, "body", twin.pk)


def test_encrypted_columns_refuse_lookups(note):
    with pytest.raises(FieldError, match="encrypted"):
        list(Note.objects.filter(body=SECRET))
    with pytest.raises(FieldError, match="encrypted"):
        list(Note.objects.filter(body__icontains="job"))
    assert Note.objects.filter(body__isnull=False).count() == 1


def test_goal_reflections_are_encrypted(alice):
    goal = goals.goal_create(
        owner=alice,
        horizon="short",
        text="Lead the Q3 migration",
        why="My manager doubts me",
        measure="Shipped with no rollback",
    )
    goals.goal_check_in(
        goal=goal, on=goal.created_at.date(), note="Stuck on the budget", progress_percent=20
    )
    check_in = GoalCheckIn.objects.get()
    assert "manager" not in raw(Goal, "why", goal.pk)
    assert "rollback" not in raw(Goal, "measure", goal.pk)
    assert "budget" not in raw(GoalCheckIn, "note", check_in.pk)
    assert raw(Goal, "text", goal.pk) == "Lead the Q3 migration"  # the goal itself is not secret
    assert check_in.note == "Stuck on the budget"


def test_rotation_old_keys_decrypt_until_rotated_then_only_the_new_key_is_needed(
    settings, alice, bob, capsys
):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]  # everything below is written with the old key
    meeting = past(alice, make_mentor(bob))
    note = meetings.note_add(meeting=meeting, author=alice, body=SECRET, shared=False)
    before = raw(Note, "body", note.pk)

    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]  # step 1: the new key first, the old one kept
    assert Note.objects.get(pk=note.pk).body == SECRET  # still readable

    call_command("rotate-encryption-key".replace("-", "_"))  # step 2
    assert "meetings.Note: 1 rows re-encrypted" in capsys.readouterr().out
    assert raw(Note, "body", note.pk) != before

    settings.FIELD_ENCRYPTION_KEYS = [NEW]  # step 3: the old key is gone
    assert Note.objects.get(pk=note.pk).body == SECRET
    event = AuditEvent.objects.get(action=Action.KEY_ROTATION)
    assert event.actor is None and "re-encrypted" in event.summary

    settings.FIELD_ENCRYPTION_KEYS = [OLD]  # a value no configured key opens is an error
    with pytest.raises(crypto.DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
        Note.objects.get(pk=note.pk)


def test_a_key_that_is_not_a_fernet_key_is_refused(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    with pytest.raises(crypto.ImproperlyConfigured, match="Fernet keys"):
        crypto.encrypt("x")


def test_generate_key_prints_a_usable_key(capsys, settings):
    call_command("rotate_encryption_key", generate_key=True)
    settings.FIELD_ENCRYPTION_KEYS = [capsys.readouterr().out.strip()]
    assert crypto.decrypt(crypto.encrypt("hello")) == "hello"


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_rows_written_before_it(alice):
    executor = MigrationExecutor(connection)
    before, after = [("goals", "0001_initial")], [("goals", "0002_encrypt_at_rest")]
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        OldGoal = old_apps.get_model("goals", "Goal")
        goal = OldGoal.objects.create(owner_id=alice.pk, horizon="short", text="T", why="plain why")
        assert raw(Goal, "why", goal.pk) == "plain why"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    assert raw(Goal, "why", goal.pk).startswith("gAAAAA")
    assert Goal.objects.get(pk=goal.pk).why == "plain why"
    assert Goal.objects.get(pk=goal.pk).measure == ""  # blank values are encrypted too


# --- nothing people write to each other is readable in the database ---------------------------

# Each text below is written through the real services; afterwards no column of any table (the
# outbox, notifications, tasks and audit log included) may hold any of these phrases.
PRIVATE = {
    "note": "Thinking of asking for the Lisbon transfer",
    "takeaway": "Say no to the third steering committee",
    "action": "Draft the onboarding charter for Kwame",
    "report_back": "Charter reviewed by Efua and the union rep",
    "follow_up": "Thank you for the story about the failed launch",
    "async_update": "The reorganisation stalled my promotion case",
    "agenda_topic": "My conflict with the finance director",
    "agenda_question": "How do I push back on weekend on-call?",
    "agenda_progress": "Finished the negotiation course in secret",
    "cancel_reason": "My mother is in hospital in Kumasi",
    "intro_reply": "Happy to talk about leaving a first lead role",
}


def _intro_request_texts() -> tuple[list[str], object]:
    from lodestar.goals import services as goal_services
    from lodestar.outreach import services as outreach
    from lodestar.outreach.tests.conftest import good_message, make_mentor as outreach_mentor
    from lodestar.outreach.tests.conftest import make_person

    mentee = make_person("Arjun Mehta", zone="Asia/Kolkata", job_title="Data engineer")
    goal_services.goal_create(
        owner=mentee, horizon="short", text="Lead the data platform team of four by spring"
    )
    mentor = outreach_mentor("Elena Vasquez")
    message = good_message(mentor)
    request = outreach.intro_request_send(
        mentee=mentee, mentor=mentor, cited_work=mentor.public_work.first(), **message
    )
    outreach.intro_request_accept(request=request, by=mentor, note=PRIVATE["intro_reply"])
    phrases = [
        message["subject"].split("”")[-1].strip(),  # "and a question about leading a data team"
        "stayed with me since",
        "stop writing pipelines yourself",
        "first quarter as a lead teach you",
    ]
    return phrases, request


def _meeting_texts(alice, bob) -> None:
    from lodestar.meetings import booking
    from lodestar.meetings.tests.conftest import at, book

    mentor = make_mentor(bob)
    held = past(alice, mentor, days_ago=0.5)
    meetings.note_add(meeting=held, author=alice, body=PRIVATE["note"], shared=False)
    meetings.takeaway_add(meeting=held, author=alice, text=PRIVATE["takeaway"])
    item = meetings.action_item_add(
        meeting=held, by=alice, owner=alice, text=PRIVATE["action"], due_on=None
    )
    meetings.action_item_report(item=item, by=alice, report_back=PRIVATE["report_back"])
    meetings.follow_up_send(meeting=held, by=alice, body=PRIVATE["follow_up"])
    meetings.async_update_send(meeting=held, author=mentor, body=PRIVATE["async_update"])

    coming = book(alice, mentor, start=at(days=3), kind="session")
    meetings.agenda_save(
        meeting=coming,
        by=alice,
        topics=[PRIVATE["agenda_topic"]],
        questions=[PRIVATE["agenda_question"]],
        progress=PRIVATE["agenda_progress"],
    )
    booking.meeting_cancel(meeting=coming, by=alice, reason=PRIVATE["cancel_reason"])


def _every_stored_value() -> list[tuple[str, str]]:
    """(table, value) for every non-empty value of every table, read with a plain cursor."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found += [(table, str(value)) for value in row if value not in (None, "")]
    return found


def test_no_private_text_is_stored_in_plaintext_anywhere(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting_texts(alice, bob)
        intro_phrases, request = _intro_request_texts()

    # The texts really were written and read back through the models.
    assert Note.objects.get().body == PRIVATE["note"]
    assert request.__class__.objects.get(pk=request.pk).reply == PRIVATE["intro_reply"]
    from lodestar.meetings.models import Meeting
    from lodestar.notifications.models import OutboxMessage

    assert Meeting.objects.get(status="cancelled").cancel_reason == PRIVATE["cancel_reason"]
    bodies = " ".join(m.text_body for m in OutboxMessage.objects.all())
    assert PRIVATE["follow_up"] in bodies and PRIVATE["async_update"] in bodies

    stored = _every_stored_value()
    assert len(stored) > 200
    leaks = [
        f"{table}: {value[:80]!r}"
        for table, value in stored
        for phrase in [*PRIVATE.values(), *intro_phrases]
        if phrase.lower() in value.lower()
    ]
    assert not leaks, "\n".join(leaks)
