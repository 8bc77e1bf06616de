"""A person's rights over their data: take all of it away (export), or leave (delete).

Deleting an account erases what was the person's alone (private notes, goals, reflection,
persona, notifications, their emails, tokens, profile details) and anonymizes the rest: the
user and profile stay as "Former member", so the people they met keep their shared history
(meetings, shared notes, agendas, takeaways, action items, sent follow-ups and updates) with
a name that no longer says who it was.

Mentorships and programs follow the same rule. Their open mentorships end (as withdrawn, and the
other person is told); what they wrote for the other person (feedback, thanks, challenges,
advocacy, the notes on a change of state) stays with that person under "Former member", while
what was theirs alone goes: private reflections, the messages Lodestar drafted for them, the
mentor profile drafted when they reached their goals. In programs they leave every pool they were
still waiting in, keep only the numbers of the surveys they answered (no comments, no free-text
answers), stop being an admin and are struck off invite lists.
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
        _end_relationships(profile)
        _leave_programs(profile, addresses)
        _erase_private_content(profile)
        _anonymize_counterpart_notices(profile, old_name=old_name)
        _anonymize_counterpart_drafts(profile, old_name=old_name)
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


def _end_relationships(profile: Profile) -> None:
    """Every mentorship still open ends as withdrawn; the other person is told, and keeps its
    history (agreement, feedback, thanks, challenges, advocacy) with "Former member" in it."""
    from lodestar.relationships import services as relationships
    from lodestar.relationships.models import EndReason, Relationship, State

    for relationship in Relationship.objects.for_person(profile).open():
        try:
            relationships.relationship_transition(
                relationship=relationship,
                to=State.ENDED,
                by=profile,
                end_reason=EndReason.WITHDRAWN,
            )
        except ValidationError:  # ended meanwhile (its intro request was just closed above)
            pass


def _leave_programs(profile: Profile, addresses: set[str]) -> None:
    """Out of every program pool, with nothing free-text left behind.

    A place not yet matched (applied, approved, waitlisted or declined) is removed with the
    pairs and suggestions proposed for it, so no later run or review can pair a closed account.
    A matched place stays, as the program's published pair did: its choice answers and survey
    numbers still count in the program's aggregates, but its free-text answers and survey
    comments (which only their author could read) are erased. They stop being an admin, and
    their addresses come off the programs' invite lists.
    """
    from lodestar.programs.models import (
        Participant,
        Program,
        QuestionKind,
        Status,
        SurveyResponse,
    )

    places = Participant.objects.filter(profile=profile)
    places.exclude(status=Status.MATCHED).delete()
    for place in places.select_related("program"):
        choices = set(
            place.program.questions.filter(kind=QuestionKind.CHOICE).values_list("pk", flat=True)
        )
        kept = {k: v for k, v in (place.answers or {}).items() if k.isdigit() and int(k) in choices}
        if kept != place.answers:
            Participant.objects.filter(pk=place.pk).update(answers=kept)
    # An encrypted field cannot be filtered on: look at each response.
    for response in SurveyResponse.objects.filter(participant__profile=profile):
        if response.comments:
            response.comments = ""
            response.save(update_fields=["comments"])
    profile.programs_run.clear()
    lowered = {a.lower() for a in addresses}
    match = Q()
    for address in lowered:
        match |= Q(invite_list__icontains=address)
    for program in Program.objects.filter(match) if lowered else []:
        lines = program.invite_list.splitlines()
        left = [line for line in lines if line.strip().lower() not in lowered]
        if left != lines:
            Program.objects.filter(pk=program.pk).update(invite_list="\n".join(left))


def _erase_private_content(profile: Profile) -> None:
    Note.objects.filter(author=profile, shared=False).delete()
    # A follow-up is private until it is sent; a sent one is the mentor's too.
    FollowUp.objects.filter(meeting__organizer=profile, sent_at__isnull=True).delete()
    Goal.objects.filter(owner=profile).delete()  # milestones and check-ins go with them
    SkillGap.objects.filter(owner=profile).delete()
    PersonaCriterion.objects.filter(owner=profile).delete()
    Reflection.objects.filter(profile=profile).delete()
    CalendarFeed.objects.filter(person=profile).delete()
    _erase_private_relationship_content(profile)


def _erase_private_relationship_content(profile: Profile) -> None:
    """Reflections are seen by their author only, and so are the messages drafted for the person
    who changed a mentorship's state and the mentor profile drafted for a mentee who reached
    their goals. Feedback, thanks, challenges and advocacy they wrote were for the other person
    and stay for them, under "Former member"; so does the short note on each change of state,
    which both people saw in the shared history."""
    from lodestar.relationships.models import MentorInvitation, Transition
    from lodestar.relationships.models import Reflection as RelationshipReflection

    RelationshipReflection.objects.filter(author=profile).delete()
    MentorInvitation.objects.filter(invitee=profile).delete()
    for transition in Transition.objects.filter(by=profile):  # encrypted: not filterable
        if transition.draft:
            transition.draft = ""
            transition.save(update_fields=["draft"])


def _anonymize_counterpart_notices(profile: Profile, *, old_name: str) -> None:
    """The people they met keep their notices, with "Former member" where the name was."""
    from lodestar.outreach.models import IntroRequest
    from lodestar.relationships.models import Relationship

    pairs = [
        *Meeting.objects.for_person(profile).values_list("organizer__user", "attendee__user"),
        *IntroRequest.objects.involving(profile).values_list("mentee__user", "mentor__user"),
        *Relationship.objects.for_person(profile).values_list("mentee__user", "mentor__user"),
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


def _anonymize_counterpart_drafts(profile: Profile, *, old_name: str) -> None:
    """What Lodestar drafted for the other person named them ("Hi Alice, ..."): the messages
    on each change of state, the mentor profile drafted for a mentee who reached their goals."""
    from lodestar.relationships.models import MentorInvitation, Relationship, Transition

    if not old_name:
        return
    mine = Relationship.objects.for_person(profile)
    for transition in Transition.objects.filter(relationship__in=mine).exclude(by=profile):
        if old_name in transition.draft:  # encrypted: compared here, not in the query
            transition.draft = transition.draft.replace(old_name, former_member())
            transition.save(update_fields=["draft"])
    invitations = MentorInvitation.objects.filter(relationship__in=mine).exclude(invitee=profile)
    for invitation in invitations:
        headline = invitation.headline.replace(old_name, former_member())
        bio = invitation.bio.replace(old_name, former_member())
        if (headline, bio) != (invitation.headline, invitation.bio):
            MentorInvitation.objects.filter(pk=invitation.pk).update(headline=headline, bio=bio)


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
