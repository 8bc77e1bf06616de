"""Paying it forward: a mentee who reached their goals is invited to mentor, with a profile
drafted from what they learned; and the lineage of who mentored whom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.goals.models import Goal
from lodestar.meetings.models import Meeting, Takeaway
from lodestar.people import services as people
from lodestar.people.models import Profile

from . import notices
from .models import Kind, MentorInvitation, Relationship, State


def prefill(relationship: Relationship) -> tuple[str, str]:
    """A headline and bio drafted from the mentee's achieved goals and their own takeaways."""
    mentee = relationship.mentee
    goals = list(
        Goal.objects.filter(owner=mentee, status="achieved").values_list("text", flat=True)[:3]
    )
    meetings = Meeting.objects.between(mentee, relationship.mentor)
    takeaways = [
        t.text for t in Takeaway.objects.filter(meeting__in=meetings, author=mentee)[:5]
    ]
    headline = _("I can help with what I learned: %(what)s") % {
        "what": goals[0] if goals else _("finding my feet in a new role")
    }
    mentor_name = relationship.mentor.display_name
    lines = [_("With %(name)s as my mentor I worked towards:") % {"name": mentor_name}]
    lines += [f"- {g}" for g in goals] or [f"- {_('the goals we set together')}"]
    if takeaways:
        lines.append(_("What stayed with me:"))
        lines += [f"- {t}" for t in takeaways]
    return headline[:140], "\n".join(lines)[:4000]


def mentor_invitation_create(*, relationship: Relationship, now: dt.datetime | None = None):
    """Called when a relationship ends with goals achieved; never for the peer or reverse case
    where the mentee is already the senior one."""
    if relationship.kind in (Kind.PEER, Kind.REVERSE):
        return None
    if MentorInvitation.objects.filter(relationship=relationship).exists():
        return None
    headline, bio = prefill(relationship)
    invitation = MentorInvitation.objects.create(
        relationship=relationship,
        invitee=relationship.mentee,
        headline=headline,
        bio=bio,
        created_at=now or timezone.now(),
    )
    notices.mentor_invitation(invitation=invitation)
    return invitation


@transaction.atomic
def mentor_invitation_accept(
    *, invitation: MentorInvitation, by: Profile, headline: str, bio: str, max_mentees: int = 1,
    now: dt.datetime | None = None,
) -> Profile:
    if by.pk != invitation.invitee_id:
        raise PermissionDenied
    if invitation.accepted_at:
        raise ValidationError(_("You have already accepted this invitation."))
    if not 1 <= max_mentees <= 10:
        raise ValidationError({"max_mentees": _("Choose between 1 and 10 mentees.")})
    types = set(by.mentorship_types or []) | {"informal"}
    profile = people.profile_update(
        profile=by,
        headline=(headline or "").strip()[:140],
        bio=(bio or "").strip(),
        mentorship_types=sorted(types),
        max_mentees=max(max_mentees, by.max_mentees),
        accepting_mentees=True,
    )
    invitation.accepted_at = now or timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return profile


@dataclass
class Lineage:
    mentors: list[Profile]
    mentees: list[Profile]
    grand_mentees: list[Profile]


def lineage(person: Profile) -> Lineage:
    """Who mentored this person and whom they mentored (and whom those mentees now mentor)."""
    worked = Relationship.objects.exclude(kind=Kind.PEER).filter(
        state__in=(State.ACTIVE, State.PAUSED, State.ENDED), started_at__isnull=False
    )
    mentors = [r.mentor for r in worked.filter(mentee=person).select_related("mentor")]
    mentee_rows = list(worked.filter(mentor=person).select_related("mentee"))
    mentees = [r.mentee for r in mentee_rows]
    grand = [
        r.mentee
        for r in worked.filter(mentor__in=[m.pk for m in mentees]).select_related("mentee")
    ]
    return Lineage(mentors=mentors, mentees=mentees, grand_mentees=grand)
