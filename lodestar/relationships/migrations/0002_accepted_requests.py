"""Relationships for requests accepted before relationships existed: each accepted request held a
place, so it becomes an informal relationship at the intro stage, keeping that place taken."""

from django.db import migrations


def forwards(apps, schema_editor):
    IntroRequest = apps.get_model("outreach", "IntroRequest")
    Relationship = apps.get_model("relationships", "Relationship")
    Transition = apps.get_model("relationships", "Transition")
    for request in IntroRequest.objects.filter(state="accepted").order_by("pk"):
        if Relationship.objects.filter(
            mentee_id=request.mentee_id, mentor_id=request.mentor_id
        ).exclude(state="ended").exists():
            continue
        at = request.decided_at or request.created_at
        relationship = Relationship.objects.create(
            mentee_id=request.mentee_id,
            mentor_id=request.mentor_id,
            kind="informal",
            state="intro_scheduled",
            intro_request_id=request.pk,
            created_at=request.created_at,
        )
        Transition.objects.create(
            relationship=relationship, from_state="", to_state="intro_scheduled", at=at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("relationships", "0001_initial"),
        ("outreach", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
