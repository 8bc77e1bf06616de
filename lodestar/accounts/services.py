"""A person's rights over their data: take all of it away (export), or leave (delete).

Deleting an account erases what was the person's alone (private notes, goals, reflection,
persona, notifications, their emails, tokens, profile details) and anonymizes the rest: the
user and profile stay as "Former member", so the people they met keep their shared history
(meetings, shared notes, agendas, takeaways, action items, sent follow-ups and updates) with
a name that no longer says who it was.
"""

from __future__ import annotations

import uuid

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.audit.models import Action, AuditEvent
from lodestar.audit.services import audit_record
from lodestar.goals.models import Goal, PersonaCriterion, Reflection, SkillGap
from lodestar.meetings import booking
from lodestar.meetings.models import CalendarFeed, FollowUp, Meeting, MeetingStatus, Note
from lodestar.notifications.models import (
    Notification,
    NotificationPreference,
    NotificationSettings,
    OutboxMessage,
)
from lodestar.people.models import Profile

from .export import account_data_json
from .models import User

NAME_KEYS = ("other_name", "mentee_name", "mentor_name")


def former_member() -> str:
    return _("Former member")


def account_export(*, user: User, request: HttpRequest | None = None) -> str:
    """Everything that is theirs, as JSON; the export itself goes in the audit log."""
    data = account_data_json(user)
    audit_record(
        action=Action.DATA_EXPORT,
        actor=user,
        obj=user,
        summary="Personal data exported",
        request=request,
    )
    return data


@transaction.atomic
def account_delete(*, user: User, request: HttpRequest | None = None) -> None:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(_("This account is already closed."))
    profile = Profile.objects.filter(user=user).first()
    addresses = _addresses(user)
    old_name = profile.display_name if profile else ""
    old_names = {user.email, old_name} - {""}
    audit_record(
        action=Action.ACCOUNT_DELETE,
        actor=user,
        obj=user,
        summary="Account deleted by its owner; private content erased, the rest anonymized",
        request=request,
    )
    if profile is not None:
        # Renamed first, so what the other people are told from here on says "Former member".
        Profile.objects.filter(pk=profile.pk).update(display_name=former_member())
        profile.display_name = former_member()
        _cancel_upcoming_meetings(profile)
        _close_outreach(profile)
        _erase_private_content(profile)
        _anonymize_counterpart_notices(profile, old_name=old_name)
        _anonymize_profile(profile)
    _erase_account_content(user, addresses)
    _anonymize_admin_history(user, profile, old_names)
    _anonymize_user(user)


def _addresses(user: User) -> set[str]:
    from allauth.account.models import EmailAddress

    return {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}


def _cancel_upcoming_meetings(profile: Profile) -> None:
    """The other person is told, as for any cancellation, instead of waiting for nobody."""
    upcoming = Meeting.objects.for_person(profile).filter(
        status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now()
    )
    for meeting in upcoming:
        booking.meeting_cancel(
            meeting=meeting, by=profile, reason=_("This person closed their Lodestar account.")
        )


def _close_outreach(profile: Profile) -> None:
    from lodestar.outreach import services as outreach
    from lodestar.outreach.models import (
        Bookmark,
        DirectoryTag,
        ExternalMentor,
        HiddenMentor,
        IntroRequest,
        Waitlist,
    )

    for request in IntroRequest.objects.involving(profile).open():
        try:
            if request.mentee_id == profile.pk:
                outreach.intro_request_withdraw(request=request, by=profile)
            else:
                outreach.intro_request_decline(
                    request=request,
                    by=profile,
                    reply=_("This mentor closed their Lodestar account."),
                )
        except ValidationError:  # lapsed meanwhile: the scheduler closes it
            pass
    Bookmark.objects.filter(owner=profile).delete()
    HiddenMentor.objects.filter(owner=profile).delete()
    Waitlist.objects.filter(Q(mentee=profile) | Q(mentor=profile)).delete()
    DirectoryTag.objects.filter(profile=profile).delete()
    ExternalMentor.objects.filter(mentee=profile).delete()


def _erase_private_content(profile: Profile) -> None:
    Note.objects.filter(author=profile, shared=False).delete()
    # A follow-up is private until it is sent; a sent one is the mentor's too.
    FollowUp.objects.filter(meeting__organizer=profile, sent_at__isnull=True).delete()
    Goal.objects.filter(owner=profile).delete()  # milestones and check-ins go with them
    SkillGap.objects.filter(owner=profile).delete()
    PersonaCriterion.objects.filter(owner=profile).delete()
    Reflection.objects.filter(profile=profile).delete()
    CalendarFeed.objects.filter(person=profile).delete()


def _anonymize_counterpart_notices(profile: Profile, *, old_name: str) -> None:
    """The people they met keep their notices, with "Former member" where the name was."""
    from lodestar.outreach.models import IntroRequest

    pairs = [
        *Meeting.objects.for_person(profile).values_list("organizer__user", "attendee__user"),
        *IntroRequest.objects.involving(profile).values_list("mentee__user", "mentor__user"),
    ]
    users = {pk for pair in pairs for pk in pair} - {profile.user_id}
    name = old_name
    match = Q()
    for key in NAME_KEYS:
        match |= Q(**{f"context__{key}": name})
    for notice in Notification.objects.filter(recipient__in=users).filter(match):
        notice.context = {
            k: former_member() if k in NAME_KEYS and v == name else v
            for k, v in notice.context.items()
        }
        notice.save(update_fields=["context"])


def _anonymize_profile(profile: Profile) -> None:
    if profile.photo:
        profile.photo.delete(save=False)
    profile.languages.all().delete()
    profile.availability.all().delete()
    profile.public_work.all().delete()
    profile.skills.clear()
    profile.expertise.clear()
    Profile.objects.filter(manager=profile).update(manager=None)
    blank = {
        "headline": "",
        "bio": "",
        "photo": "",
        "organization": "",
        "department": "",
        "job_title": "",
        "manager": None,
        "seniority": None,
        "years_experience": None,
        "country": "",
        "time_zone": "UTC",
        "channels": [],
        "feedback_style": "",
        "guidance_offered": [],
        "mentorship_types": [],
        "max_mentees": 0,
        "minutes_per_month": 0,
        "accepting_mentees": False,
    }
    for field, value in blank.items():
        setattr(profile, field, value)
    profile.save()


def _erase_account_content(user: User, addresses: set[str]) -> None:
    from allauth.account.models import EmailAddress

    from lodestar.tokens.models import PersonalAccessToken

    Notification.objects.filter(recipient=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    OutboxMessage.objects.filter(to__in=addresses).delete()
    PersonalAccessToken.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


def _anonymize_admin_history(user: User, profile: Profile | None, old_names: set[str]) -> None:
    """Staff history keeps what was done, not to whom by name or address."""
    for obj in filter(None, (user, profile)):
        content_type = ContentType.objects.get_for_model(obj)
        LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).update(
            object_repr=former_member()
        )
        for event in AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ):
            summary = event.summary
            for old in old_names:
                summary = summary.replace(old, former_member())
            if summary != event.summary:
                AuditEvent.objects.filter(pk=event.pk).update(summary=summary)


def _anonymize_user(user: User) -> None:
    user.email = f"former-member-{uuid.uuid4().hex}@deleted.invalid"
    user.set_unusable_password()  # also ends every session: their auth hash no longer matches
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
