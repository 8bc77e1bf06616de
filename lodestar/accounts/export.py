"""Everything that is a person's own, as one JSON document: the "Download my data" file.

Each app's models are walked by name, so adding a model that holds personal data means adding it
here (lodestar/accounts/tests/test_data_rights.py fails until every model that points at a person
is either exported or listed as holding nothing of theirs). Never exported: the other person's
private notes or reflections, password hashes, token secrets, the calendar feed's secret address.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.utils import timezone

from lodestar.audit.models import AuditEvent
from lodestar.goals.models import (
    Goal,
    GoalCheckIn,
    Milestone,
    PersonaCriterion,
    Reflection,
    SkillGap,
)
from lodestar.meetings.models import (
    ActionItem,
    Agenda,
    AgendaEntry,
    AsyncUpdate,
    CalendarFeed,
    FollowUp,
    Meeting,
    Note,
    Takeaway,
)
from lodestar.notifications.models import (
    Notification,
    NotificationPreference,
    NotificationSettings,
    OutboxMessage,
)
from lodestar.people.models import Profile

FORMAT = "lodestar-personal-data/1"


def _rows(queryset: QuerySet, *fields: str) -> list[dict[str, Any]]:
    return [dict(row) for row in queryset.values(*fields)]


def _one(queryset: QuerySet, *fields: str) -> dict[str, Any] | None:
    rows = _rows(queryset[:1], *fields)
    return rows[0] if rows else None


def _profile(profile: Profile) -> dict[str, Any]:
    data = _one(
        Profile.objects.filter(pk=profile.pk),
        "display_name",
        "headline",
        "bio",
        "photo",
        "organization",
        "department",
        "job_title",
        "manager__display_name",
        "seniority",
        "years_experience",
        "country",
        "time_zone",
        "channels",
        "feedback_style",
        "guidance_offered",
        "mentorship_types",
        "max_mentees",
        "minutes_per_month",
        "accepting_mentees",
        "created_at",
        "updated_at",
    )
    data["time_zone"] = str(profile.time_zone)
    for name in ("channels", "guidance_offered", "mentorship_types"):
        data[name] = list(getattr(profile, name) or [])
    data["skills"] = list(profile.skills.values_list("name", flat=True))
    data["expertise"] = list(profile.expertise.values_list("name", flat=True))
    data["languages"] = _rows(profile.languages.all(), "language", "proficiency")
    data["availability"] = _rows(
        profile.availability.all(), "weekday", "start_minute", "end_minute"
    )
    data["public_work"] = _rows(profile.public_work.all(), "kind", "title", "url", "year")
    return data


def _goals(profile: Profile) -> list[dict[str, Any]]:
    goals = _rows(
        Goal.objects.filter(owner=profile),
        "id",
        "horizon",
        "text",
        "why",
        "measure",
        "target_date",
        "status",
        "progress_percent",
        "visibility",
        "created_at",
        "updated_at",
    )
    for goal in goals:
        goal["milestones"] = _rows(Milestone.objects.filter(goal_id=goal["id"]), "title", "done")
        goal["check_ins"] = _rows(
            GoalCheckIn.objects.filter(goal_id=goal["id"]),
            "on",
            "note",
            "progress_percent",
            "created_at",
        )
    return goals


def _reflection(profile: Profile) -> dict[str, Any]:
    return {
        "progress": _one(
            Reflection.objects.filter(profile=profile),
            "last_step",
            "technical",
            "career",
            "navigation",
            "emotional",
            "ready_at",
            "updated_at",
        ),
        "skill_gaps": _rows(
            SkillGap.objects.filter(owner=profile), "skill__name", "note", "created_at"
        ),
        "persona": _rows(
            PersonaCriterion.objects.filter(owner=profile),
            "kind",
            "value",
            "skill__name",
            "importance",
            "weight",
            "created_at",
        ),
    }


def _meeting(meeting: Meeting, profile: Profile) -> dict[str, Any]:
    mine = profile.pk == meeting.organizer_id
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "role": "mentee" if mine else "mentor",
        "with": meeting.other(profile).display_name,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "status": meeting.status,
        "cancel_reason": meeting.cancel_reason,
        "agenda": _agenda(meeting),
        # Their own notes, private or shared, and what the other person shared; never the other
        # person's private notes.
        "notes": [
            {
                "author": "me" if n.author_id == profile.pk else "other",
                "body": n.body,
                "shared": n.shared,
                "created_at": n.created_at,
            }
            for n in Note.objects.visible_to(profile).filter(meeting=meeting)
        ],
        "takeaways": [
            {
                "author": "me" if t.author_id == profile.pk else "other",
                "text": t.text,
                "created_at": t.created_at,
            }
            for t in Takeaway.objects.filter(meeting=meeting)
        ],
        "action_items": [
            {
                "owner": "me" if a.owner_id == profile.pk else "other",
                "text": a.text,
                "due_on": a.due_on,
                "done_at": a.done_at,
                "report_back": a.report_back,
                "created_at": a.created_at,
            }
            for a in ActionItem.objects.filter(meeting=meeting)
        ],
        "follow_up": _follow_up(meeting, mine),
    }


def _agenda(meeting: Meeting) -> dict[str, Any] | None:
    agenda = Agenda.objects.filter(meeting=meeting).first()
    if agenda is None:
        return None
    return {
        "progress": agenda.progress,
        "submitted_at": agenda.submitted_at,
        "entries": _rows(AgendaEntry.objects.filter(agenda=agenda), "kind", "text", "position"),
    }


def _follow_up(meeting: Meeting, mine: bool) -> dict[str, Any] | None:
    follow_up = FollowUp.objects.filter(meeting=meeting).first()
    if follow_up is None or not (mine or follow_up.sent_at):
        return None  # the mentee's draft is theirs alone until it is sent
    return {
        "body": follow_up.body,
        "sent_at": follow_up.sent_at,
        "updated_at": follow_up.updated_at,
    }


def _async_updates(profile: Profile) -> list[dict[str, Any]]:
    updates = AsyncUpdate.objects.filter(Q(mentee=profile) | Q(mentor=profile)).select_related(
        "author"
    )
    return [
        {
            "meeting_id": u.meeting_id,
            "author": "me" if u.author_id == profile.pk else "other",
            "with": (u.mentor if u.mentee_id == profile.pk else u.mentee).display_name,
            "body": u.body,
            "created_at": u.created_at,
        }
        for u in updates
    ]


def _notifications(user) -> dict[str, Any]:
    return {
        "notices": [
            {
                "kind": n.kind,
                "title": n.title,
                "link": n.link,
                "due_at": n.due_at,
                "state": n.state,
                "dispatched_at": n.dispatched_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(recipient=user).order_by("due_at", "id")
        ],
        "settings": _one(
            NotificationSettings.objects.filter(user=user),
            "quiet_start_minute",
            "quiet_end_minute",
            "digest_enabled",
            "digest_minute",
        ),
        "preferences": _rows(NotificationPreference.objects.filter(user=user), "kind", "channel"),
        # Subjects and dates only: bodies repeat what is above, and account emails carry
        # password-reset and verification links that must not sit in a downloaded file.
        "emails": _rows(
            OutboxMessage.objects.filter(to__in=_addresses(user)).order_by("created_at", "id"),
            "to",
            "subject",
            "state",
            "created_at",
            "sent_at",
        ),
    }


def _addresses(user) -> list[str]:
    from allauth.account.models import EmailAddress

    return sorted(
        {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    )


def _access(user, profile: Profile | None) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    from lodestar.tokens.models import PersonalAccessToken

    feed = CalendarFeed.objects.filter(person=profile).first() if profile else None
    return {
        "email_addresses": _rows(
            EmailAddress.objects.filter(user=user), "email", "verified", "primary"
        ),
        # Metadata only: the token secret is never stored, its hash is not exported.
        "access_tokens": _rows(
            PersonalAccessToken.objects.filter(user=user),
            "name",
            "prefix",
            "scope",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
        ),
        "calendar_feed": {"created_at": feed.created_at} if feed else None,
    }


def account_data(user) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            **_access(user, profile),
        },
        "notifications": _notifications(user),
        "activity": _rows(
            AuditEvent.objects.filter(actor=user).order_by("at"), "at", "action", "summary", "ip"
        ),
    }
    if profile is not None:
        data["profile"] = _profile(profile)
        data["goals"] = _goals(profile)
        data["reflection"] = _reflection(profile)
        meetings = Meeting.objects.for_person(profile).select_related("organizer", "attendee")
        data["meetings"] = [_meeting(m, profile) for m in meetings]
        data["async_updates"] = _async_updates(profile)
        data.update(_other_apps(profile))
    return data


def _outreach(profile: Profile) -> dict[str, Any]:
    from lodestar.outreach.models import (
        AbuseReport,
        Bookmark,
        DirectoryTag,
        ExternalMentor,
        HiddenMentor,
        IntroRequest,
        Waitlist,
    )

    requests = IntroRequest.objects.involving(profile).select_related("mentee", "mentor")
    return {
        "intro_requests": [
            {
                "role": "mentee" if r.mentee_id == profile.pk else "mentor",
                "with": (r.mentor if r.mentee_id == profile.pk else r.mentee).display_name,
                "subject": r.subject,
                "body": r.body,
                "questions": r.question_list,
                "tone": r.tone,
                "origin": r.origin,
                "state": r.state,
                "created_at": r.created_at,
                "expires_at": r.expires_at,
                "decided_at": r.decided_at,
                "reply": r.reply,
                "proposed_times": r.proposed_times,
                "meeting_id": r.meeting_id,
            }
            for r in requests
        ],
        "abuse_reports": _rows(
            AbuseReport.objects.filter(reporter=profile),
            "request_id",
            "reason",
            "created_at",
            "resolved_at",
        ),
        "waitlist": _rows(
            Waitlist.objects.filter(mentee=profile),
            "mentor__display_name",
            "created_at",
            "notified_at",
        ),
        "bookmarks": _rows(
            Bookmark.objects.filter(owner=profile), "mentor__display_name", "created_at"
        ),
        "hidden_mentors": _rows(
            HiddenMentor.objects.filter(owner=profile), "mentor__display_name", "created_at"
        ),
        "directory_tags": _rows(DirectoryTag.objects.filter(profile=profile), "kind", "name"),
        "external_mentors": _rows(
            ExternalMentor.objects.filter(mentee=profile),
            "name",
            "email",
            "how_met",
            "note",
            "created_at",
            "invited_at",
            "joined_at",
        ),
    }


def _me(person_id: int | None, profile: Profile) -> str:
    if person_id is None:
        return "lodestar"
    return "me" if person_id == profile.pk else "other"


def _relationship(r, profile: Profile) -> dict[str, Any]:
    """One mentorship as this person sees it: the shared history, the messages Lodestar drafted
    for them alone, and only their own private reflections."""
    from lodestar.relationships.models import (
        Advocacy,
        Agreement,
        Challenge,
        Feedback,
        Gratitude,
        MentorInvitation,
        Reflection as RelationshipReflection,
        Transition,
    )

    mentee = r.mentee_id == profile.pk
    agreement = Agreement.objects.filter(relationship=r).first()
    invitation = MentorInvitation.objects.filter(relationship=r, invitee=profile).first()
    return {
        "id": r.pk,
        "role": "mentee" if mentee else "mentor",
        "with": r.other(profile).display_name,
        "kind": r.kind,
        "state": r.state,
        "end_reason": r.end_reason,
        "created_at": r.created_at,
        "started_at": r.started_at,
        "ended_at": r.ended_at,
        "transitions": [
            {
                "from_state": t.from_state,
                "to_state": t.to_state,
                "end_reason": t.end_reason,
                "by": _me(t.by_id, profile),
                "reason": t.reason,
                # The message drafted for whoever made the change: theirs alone.
                "draft": t.draft if t.by_id == profile.pk else "",
                "at": t.at,
            }
            for t in Transition.objects.filter(relationship=r)
        ],
        "agreement": None
        if agreement is None
        else {
            "cadence": agreement.cadence,
            "minutes": agreement.minutes,
            "channels": list(agreement.channels or []),
            "agenda_hours_before": agreement.agenda_hours_before,
            "review_on": agreement.review_on,
            "acknowledged_at": agreement.mentee_acknowledged_at
            if mentee
            else agreement.mentor_acknowledged_at,
            "created_at": agreement.created_at,
            "updated_at": agreement.updated_at,
        },
        "feedback": [
            {
                "author": _me(f.author_id, profile),
                "situation": f.situation,
                "behavior": f.behavior,
                "impact": f.impact,
                "created_at": f.created_at,
            }
            for f in Feedback.objects.filter(relationship=r)
        ],
        # Private to their author: never the other person's.
        "reflections": [
            {"meeting_id": x.meeting_id, "text": x.text, "created_at": x.created_at}
            for x in RelationshipReflection.objects.filter(relationship=r, author=profile)
        ],
        "thanks": [
            {
                "author": _me(g.author_id, profile),
                "helped_with": g.helped_with,
                "text": g.text,
                "created_at": g.created_at,
            }
            for g in Gratitude.objects.filter(relationship=r)
        ],
        "challenges": [
            {
                "set_by": _me(c.set_by_id, profile),
                "text": c.text,
                "due_on": c.due_on,
                "done_at": c.done_at,
                "created_at": c.created_at,
            }
            for c in Challenge.objects.filter(relationship=r)
        ],
        "advocacy": [
            {
                "by": _me(a.by_id, profile),
                "kind": a.kind,
                "text": a.text,
                "created_at": a.created_at,
            }
            for a in Advocacy.objects.filter(relationship=r)
        ],
        "mentor_invitation": None
        if invitation is None
        else {
            "headline": invitation.headline,
            "bio": invitation.bio,
            "created_at": invitation.created_at,
            "accepted_at": invitation.accepted_at,
            "dismissed_at": invitation.dismissed_at,
        },
    }


def _relationships(profile: Profile) -> list[dict[str, Any]]:
    from lodestar.relationships.models import Relationship

    relationships = (
        Relationship.objects.for_person(profile)
        .select_related("mentee", "mentor")
        .order_by("created_at", "id")
    )
    return [_relationship(r, profile) for r in relationships]


def _programs(profile: Profile) -> dict[str, Any]:
    """Their places in programs, with their own answers; the programs they run, by name."""
    from lodestar.programs.models import Participant, Program, SurveyResponse

    places = Participant.objects.filter(profile=profile).select_related("program")
    participating = []
    for place in places.order_by("applied_at", "id"):
        questions = dict(place.program.questions.values_list("pk", "text"))
        participating.append(
            {
                "program": place.program.name,
                "role": place.role,
                "state": place.status,
                "applied_at": place.applied_at,
                "decided_at": place.decided_at,
                "waitlist_reason": place.waitlist_reason,
                "answers": [
                    {
                        "question": questions.get(int(key), "") if key.isdigit() else "",
                        "answer": value,
                    }
                    for key, value in (place.answers or {}).items()
                ],
                "survey_responses": [
                    {
                        "survey": s.survey.label,
                        "kind": s.survey.kind,
                        "satisfaction": s.satisfaction,
                        "meeting": s.meeting,
                        "goal_progress": s.goal_progress,
                        "recommend": s.recommend,
                        "comments": s.comments,
                        "end_reason": s.end_reason,
                        "submitted_at": s.submitted_at,
                    }
                    for s in SurveyResponse.objects.filter(participant=place)
                    .select_related("survey")
                    .order_by("submitted_at", "id")
                ],
            }
        )
    return {
        "participating": participating,
        "administering": list(
            Program.objects.filter(admins=profile).order_by("name").values_list("name", flat=True)
        ),
    }


def _other_apps(profile: Profile) -> dict[str, Any]:
    """Outreach, matching, relationships and programs: intro requests, the pairs a matching run
    proposed, mentorships and program places."""
    from lodestar.matching.models import MatchProposal

    proposals = MatchProposal.objects.filter(Q(mentee=profile) | Q(mentor=profile)).select_related(
        "mentee", "mentor", "run"
    )
    return {
        "outreach": _outreach(profile),
        "match_proposals": [
            {
                "run": p.run_id,
                "mode": p.run.mode,
                "created_at": p.run.created_at,
                "role": "mentee" if p.mentee_id == profile.pk else "mentor",
                "with": (p.mentor if p.mentee_id == profile.pk else p.mentee).display_name,
                "score": p.score,
                "reasons": p.reasons,
            }
            for p in proposals
        ],
        "relationships": _relationships(profile),
        "programs": _programs(profile),
    }


def account_data_json(user) -> str:
    return json.dumps(account_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
