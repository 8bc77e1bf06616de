"""Outreach's own notification kinds, and one helper per message.

The kinds the notifications app already has (new_intro_request, request_reminder,
request_expired) are sent through its helpers in lodestar.notifications.messages; the ones
below are registered here, from this app's ready(), with their templates in this app
(templates/outreach/email/ and templates/notifications/inapp/).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lodestar.notifications.registry import Kind, register
from lodestar.notifications.services import notify


def _kind(code: str, label, description, required: tuple[str, ...]) -> Kind:
    return register(
        Kind(code, label, description, required=required, templates=f"outreach/email/{code}")
    )


REQUEST_ANSWERED = _kind(
    "request_answered",
    _("Answer to your request"),
    _("A mentor accepted, declined or pointed you to someone else."),
    ("mentor_name", "outcome"),
)
INTRO_TIMES_PROPOSED = _kind(
    "intro_times_proposed",
    _("Intro call times proposed"),
    _("A mentor who accepted your request offers times for a first call."),
    ("mentor_name",),
)
WAITLIST_PLACE_OPEN = _kind(
    "waitlist_place_open",
    _("A place opened"),
    _("A mentor you are waiting for can take a new mentee."),
    ("mentor_name",),
)
EXTERNAL_MENTOR_JOINED = _kind(
    "external_mentor_joined",
    _("Your invited mentor joined"),
    _("Someone you invited to Lodestar has joined."),
    ("mentor_name",),
)
OUTREACH_INVITATION = _kind(
    "outreach_invitation",
    _("Invitation from a mentee"),
    _("Someone who invited you to Lodestar would like a first conversation."),
    ("mentee_name",),
)


def request_answered(*, mentee, mentor_name: str, outcome: str, request_id: int, link: str):
    return notify(
        kind="request_answered",
        recipient=mentee,
        key=f"intro-request:{request_id}:{outcome}",
        context={"mentor_name": mentor_name, "outcome": outcome},
        link=link,
    )


def intro_times_proposed(*, mentee, mentor_name: str, request_id: int, round_: str, link: str):
    return notify(
        kind="intro_times_proposed",
        recipient=mentee,
        key=f"intro-request:{request_id}:times:{round_}",
        context={"mentor_name": mentor_name},
        link=link,
    )


def waitlist_place_open(*, mentee, mentor_name: str, entry_id: int, round_: str, link: str):
    return notify(
        kind="waitlist_place_open",
        recipient=mentee,
        key=f"waitlist:{entry_id}:{round_}",
        context={"mentor_name": mentor_name},
        link=link,
    )


def external_mentor_joined(*, mentee, mentor_name: str, external_id: int, link: str):
    return notify(
        kind="external_mentor_joined",
        recipient=mentee,
        key=f"external:{external_id}:joined",
        context={"mentor_name": mentor_name},
        link=link,
    )


def outreach_invitation(*, mentor, mentee_name: str, external_id: int, link: str):
    return notify(
        kind="outreach_invitation",
        recipient=mentor,
        key=f"external:{external_id}:welcome",
        context={"mentee_name": mentee_name},
        link=link,
    )
