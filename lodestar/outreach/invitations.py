"""Mentors found elsewhere: recorded by the mentee, invited by email, linked when they join.

Linking happens when the invited address is verified (allauth's ``email_confirmed``), so nobody
can claim an invitation with an address they do not own. The invitee then says yes on the
invitation page, which starts the pair as an accepted request: from there everything in
Lodestar (times for an intro call, booking through meetings) works as for any other pair.
"""

from __future__ import annotations

import datetime as dt
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.notifications.outbox import email_queue
from lodestar.people import services as people
from lodestar.people.models import MentorshipType, Profile

from . import notices
from .availability import places_taken
from .models import REINVITE_AFTER, ExternalMentor, HowMet, IntroRequest, Origin, RequestState

MAX_EXTERNAL = 30


def _verified_emails(profile: Profile) -> set[str]:
    emails = set(
        EmailAddress.objects.filter(user=profile.user, verified=True).values_list(
            "email", flat=True
        )
    )
    return {e.lower() for e in emails}


@transaction.atomic
def external_mentor_add(
    *, mentee: Profile, name: str, email: str, how_met: str, note: str = ""
) -> ExternalMentor:
    name, email, note = (
        " ".join((name or "").split()),
        (email or "").strip().lower(),
        (note or "").strip(),
    )
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give their name.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Give a valid email address, like name@example.org.")
    if how_met not in HowMet.values:
        errors["how_met"] = _("Say how you know them.")
    if len(note) > 1000:
        errors["note"] = _("Keep the note under 1,000 characters.")
    if errors:
        raise ValidationError(errors)
    if email in _verified_emails(mentee) or email == mentee.user.email.lower():
        raise ValidationError({"email": _("That is your own address.")})
    member = Profile.objects.filter(user__email__iexact=email, user__is_active=True).first()
    if member is not None:
        raise ValidationError(
            {
                "email": _("%(name)s is already on Lodestar: write to them from their profile.")
                % {"name": member.display_name}
            }
        )
    if mentee.external_mentors.count() >= MAX_EXTERNAL:
        raise ValidationError(
            _("You can record up to %(n)d mentors found elsewhere.") % {"n": MAX_EXTERNAL}
        )
    try:
        with transaction.atomic():
            return ExternalMentor.objects.create(
                mentee=mentee,
                name=name,
                email=email,
                how_met=how_met,
                note=note,
                token=secrets.token_urlsafe(32),
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("You have already recorded %(email)s.") % {"email": email}}
        ) from exc


@transaction.atomic
def external_mentor_invite(
    *, external: ExternalMentor, by: Profile, now: dt.datetime | None = None
) -> ExternalMentor:
    """Email the invitation (through the outbox); again at most once a week."""
    now = now or timezone.now()
    if by.pk != external.mentee_id:
        raise PermissionDenied
    external = ExternalMentor.objects.select_for_update().get(pk=external.pk)
    if external.joined_id:
        raise ValidationError(_("%(name)s has already joined.") % {"name": external.name})
    if external.invited_at and now - external.invited_at < REINVITE_AFTER:
        raise ValidationError(
            _("You invited %(name)s on %(day)s; you can send it again a week later.")
            % {"name": external.name, "day": timezone.localtime(external.invited_at).date()}
        )
    context = {
        "name": external.name,
        "email": external.email,
        "mentee_name": by.display_name,
        "how_met": external.how_met_for_invitee,
        "note": external.note,
        "link": f"{settings.SITE_ROOT}{external.get_absolute_url()}",
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string("outreach/email/invitation-subject.txt", context).split())
    email_queue(
        key=f"outreach:invitation:{external.pk}:{now:%Y%m%dT%H%M%S}",
        to=external.email,
        subject=subject,
        text=render_to_string("outreach/email/invitation-body.txt", context),
        html=render_to_string("outreach/email/invitation-body.html", context),
    )
    external.invited_at = now
    external.save(update_fields=["invited_at"])
    return external


@transaction.atomic
def external_mentor_remove(*, external: ExternalMentor, by: Profile) -> None:
    if by.pk != external.mentee_id:
        raise PermissionDenied
    external.delete()


def external_mentors_link(*, profile: Profile, email: str, now: dt.datetime | None = None) -> int:
    """A verified address matched invitations: link them and tell both people."""
    now = now or timezone.now()
    linked = 0
    waiting = (
        ExternalMentor.objects.filter(email__iexact=email, joined__isnull=True)
        .exclude(mentee=profile)
        .select_related("mentee__user")
    )
    for external in waiting:
        if ExternalMentor.objects.filter(pk=external.pk, joined__isnull=True).update(
            joined=profile, joined_at=now
        ):
            link = external.get_absolute_url()
            notices.external_mentor_joined(
                mentee=external.mentee.user,
                mentor_name=profile.display_name,
                external_id=external.pk,
                link=link,
            )
            notices.outreach_invitation(
                mentor=profile.user,
                mentee_name=external.mentee.display_name,
                external_id=external.pk,
                link=link,
            )
            linked += 1
    return linked


def may_answer(external: ExternalMentor, profile: Profile) -> bool:
    """Only the person the invitation was sent to, signed in with that verified address."""
    return external.joined_id == profile.pk or external.email.lower() in _verified_emails(profile)


@transaction.atomic
def invitation_accept(
    *, external: ExternalMentor, by: Profile, now: dt.datetime | None = None
) -> IntroRequest:
    """The invitee says yes: the pair starts as an accepted request, ready for an intro call.

    Someone who has not set up mentoring yet becomes an informal mentor with room for this
    mentee (the page says so before they click); they can change it on their profile.
    """
    now = now or timezone.now()
    external = (
        ExternalMentor.objects.select_for_update()
        .select_related("mentee__user")
        .get(pk=external.pk)
    )
    if not may_answer(external, by):
        raise PermissionDenied
    if external.request_id:
        return external.request
    if external.mentee_id == by.pk:
        raise ValidationError(_("You cannot accept your own invitation."))
    mentor = Profile.objects.select_for_update().get(pk=by.pk)
    if not mentor.is_mentor:
        people.profile_update(
            profile=mentor,
            mentorship_types=[MentorshipType.INFORMAL],
            accepting_mentees=True,
            max_mentees=max(mentor.max_mentees, places_taken(mentor) + 1),
        )
    request = IntroRequest.objects.create(
        mentee=external.mentee,
        mentor=mentor,
        origin=Origin.EXTERNAL,
        subject=_("First conversation with %(name)s") % {"name": external.mentee.display_name},
        body=external.note
        or _("Invited by %(name)s, who knows you from outside Lodestar.")
        % {"name": external.mentee.display_name},
        state=RequestState.ACCEPTED,
        created_at=now,
        decided_at=now,
        expires_at=now,
    )
    external.joined, external.joined_at = mentor, external.joined_at or now
    external.request = request
    external.save(update_fields=["joined", "joined_at", "request"])
    notices.request_answered(
        mentee=external.mentee.user,
        mentor_name=mentor.display_name,
        outcome="accepted",
        request_id=request.pk,
        link=request.get_absolute_url(),
    )
    return request
