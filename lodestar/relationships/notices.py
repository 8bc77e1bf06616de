"""The relationship's notification kinds, registered from this app's ready(), and one helper
per message. Templates live in templates/relationships/email/ and templates/notifications/inapp/.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lodestar.notifications import messages
from lodestar.notifications.registry import Kind, register
from lodestar.notifications.services import notify


def _kind(code: str, label, description, required: tuple[str, ...]) -> Kind:
    return register(
        Kind(code, label, description, required=required, templates=f"relationships/email/{code}")
    )


RELATIONSHIP_ENDED = _kind(
    "relationship_ended",
    _("A mentorship ended"),
    _("A mentorship you are part of was closed."),
    ("other_name", "reason"),
)
MENTOR_INVITATION = _kind(
    "mentor_invitation",
    _("Invitation to mentor"),
    _("You reached your goals; pass it on by mentoring someone."),
    ("mentor_name",),
)


def relationship_ended(*, relationship, by) -> None:
    """Tell the other person."""
    for person in [relationship.other(by)]:
        notify(
            kind="relationship_ended",
            recipient=person.user,
            key=f"relationship:{relationship.pk}:ended:{person.pk}",
            context={
                "other_name": relationship.other(person).display_name,
                "reason": str(relationship.get_end_reason_display()),
            },
            link=relationship.get_absolute_url(),
        )


def check_in(*, relationship, recipient, days_quiet: int) -> None:
    """The quiet side's counterpart gets a gentle check-in drafted (on the relationship page)."""
    messages.check_in_due(
        person=recipient.user,
        other_name=relationship.other(recipient).display_name,
        relationship_id=relationship.pk,
        days_quiet=days_quiet,
        link=relationship.get_absolute_url(),
    )


def move_on(*, relationship, recipient, on) -> None:
    """The check-in went unanswered: suggest moving on (new matches, for a mentee)."""
    if recipient.pk == relationship.mentee_id:
        reason = _("your check-in had no answer. Other mentors could be a good fit for you now.")
    else:
        reason = _("your check-in had no answer. It may be kinder to both of you to close it.")
    messages.relationship_at_risk(
        person=recipient.user,
        other_name=relationship.other(recipient).display_name,
        relationship_id=relationship.pk,
        reason=str(reason),
        link=relationship.get_absolute_url(),
        on=on,
    )


def mentor_invitation(*, invitation) -> None:
    notify(
        kind="mentor_invitation",
        recipient=invitation.invitee.user,
        key=f"mentor-invitation:{invitation.pk}",
        context={"mentor_name": invitation.relationship.mentor.display_name},
        link="/mentorships/pay-it-forward/",
    )


# Not a message: the daily health check rides on a due notification row (see checkup.py).
HEALTH_CHECK = register(
    Kind(
        "relationship_health_check",
        _("Mentorship health check"),
        _("Lodestar's daily look at how a mentorship is doing."),
        default_channel="off",
        time_critical=True,
        user_configurable=False,
        required=("relationship_id",),
        templates="relationships/email/relationship_health_check",
    )
)
