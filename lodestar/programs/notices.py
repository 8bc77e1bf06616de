"""Programs' notification kinds and one helper per message.

match_published and survey_due are the notifications app's own kinds; the two below are
registered here, from this app's ready(), with their templates under templates/programs/email/
and templates/notifications/inapp/.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.notifications.models import Notification
from lodestar.notifications.registry import Kind, register
from lodestar.notifications.services import notify


def _kind(code: str, label, description, required: tuple[str, ...]) -> Kind:
    return register(
        Kind(code, label, description, required=required, templates=f"programs/email/{code}")
    )


APPLICATION_ANSWERED = _kind(
    "program_application_answered",
    _("Program application answered"),
    _("A program's admins approved or declined your application."),
    ("program_name", "outcome"),
)
PROGRAM_WAITLISTED = _kind(
    "program_waitlisted",
    _("Waitlisted in a program"),
    _("A program published its pairs without a match for you, and says why."),
    ("program_name", "reason"),
)


def application_answered(*, participant) -> Notification:
    outcome = "approved" if participant.status == "approved" else "declined"
    return notify(
        kind="program_application_answered",
        recipient=participant.profile.user,
        key=f"program-place:{participant.pk}:{outcome}",
        context={"program_name": participant.program.name, "outcome": outcome},
        link=f"/programs/{participant.program_id}/mine/",
    )


def publish_notify(*, program_id: int, since: dt.datetime) -> int:
    """After publishing: the matched hear who with, the waitlisted why; surveys get reminders.

    Rows are written in bulk with the same idempotency keys ``notify`` uses, so running this
    twice sends nothing twice.
    """
    from .models import Participant, Program, ProgramMatch, Status

    program = Program.objects.get(pk=program_id)
    link = f"/programs/{program.pk}/mine/"
    rows: list[Notification] = []
    pairs = (ProgramMatch.objects.published().filter(program=program, published_at__gte=since)
             .select_related("mentee__profile", "mentor__profile"))
    for pair in pairs:
        for me, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
            rows.append(Notification(
                kind="match_published", recipient_id=me.profile.user_id,
                key=f"program-match:{pair.pk}:{me.pk}", link=link, due_at=since,
                context={"program_name": program.name, "other_name": other.profile.display_name},
            ))
    waiting = Participant.objects.filter(program=program, status=Status.WAITLISTED)
    for p in waiting.select_related("profile"):
        rows.append(Notification(
            kind="program_waitlisted", recipient_id=p.profile.user_id,
            key=f"program-waitlist:{p.pk}:{since:%Y%m%d%H%M%S}", link=link, due_at=since,
            context={"program_name": program.name, "reason": str(p.waitlist_reason)},
        ))
    matched = list(Participant.objects.filter(program=program, status=Status.MATCHED)
                   .values_list("pk", "profile__user_id"))
    for survey in program.surveys.all():
        due = dt.datetime.combine(survey.due_on, dt.time(9), tzinfo=dt.UTC)
        for pk, user_id in matched:
            rows.append(Notification(
                kind="survey_due", recipient_id=user_id, key=f"program-survey:{survey.pk}:{pk}",
                link=f"/programs/{program.pk}/surveys/{survey.pk}/", due_at=max(due, timezone.now()),
                context={"program_name": program.name},
            ))
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)
