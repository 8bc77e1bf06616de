"""What a round trip must preserve, as plain data: counts per model and a sample of values,
encrypted ones included. Runs in the test process (the source) and in a fresh process (the
restored copy); `python -m lodestar.operations.tests.snapshot PATH` restores PATH first."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def snapshot() -> dict:
    from django.conf import settings
    from django.db import connection

    from lodestar.accounts.models import User
    from lodestar.goals.models import Goal, GoalCheckIn
    from lodestar.meetings.models import ActionItem, AsyncUpdate, FollowUp, Meeting, Note
    from lodestar.notifications.models import OutboxMessage
    from lodestar.operations.backup import backed_up_models
    from lodestar.people.models import Profile

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {Note._meta.db_table}")
        raw_notes = [row[0] for row in cursor.fetchall()]
    media = Path(settings.MEDIA_ROOT)
    return {
        "counts": {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()},
        "users": sorted(
            User.objects.values_list("pk", "email", "password", "is_active", "date_joined")
        ),
        "profiles": sorted(
            (
                p.pk,
                p.display_name,
                p.bio,
                p.photo.name,
                str(p.time_zone),
                list(p.channels),
                sorted(p.skills.values_list("name", flat=True)),
            )
            for p in Profile.objects.all()
        ),
        "notes": sorted(
            Note.objects.values_list("pk", "author_id", "body", "shared", "created_at")
        ),
        "raw_notes_are_ciphertext": all(v.startswith("gAAAAA") for v in raw_notes),
        "goals": sorted(
            Goal.objects.values_list("pk", "text", "why", "measure", "created_at", "updated_at")
        ),
        "check_ins": sorted(GoalCheckIn.objects.values_list("pk", "note")),
        "meetings": sorted(
            Meeting.objects.values_list("pk", "uid", "starts_at", "status", "sequence")
        ),
        "follow_ups": sorted(FollowUp.objects.values_list("pk", "body", "sent_at")),
        "updates": sorted(AsyncUpdate.objects.values_list("pk", "body")),
        "actions": sorted(ActionItem.objects.values_list("pk", "text", "report_back")),
        "emails": sorted(OutboxMessage.objects.values_list("pk", "to", "subject", "text_body")),
        "media": {
            str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(media.rglob("*"))
            if p.is_file()
        }
        if media.exists()
        else {},
    }


def as_json(data: dict) -> str:
    return json.dumps(data, default=str, sort_keys=True)


if __name__ == "__main__":
    import io

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("restore", sys.argv[1], stdout=io.StringIO())
    print(as_json(snapshot()))
