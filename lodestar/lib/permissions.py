"""Who may see and change what: the one place the API asks.

Two answers for a refusal. Something the caller may not even know exists (another person's
goal, a meeting they are not in, someone's private note) is a 404, the same as an id that does
not exist. Something they can see but may not change (the mentor editing the mentee's agenda,
removing the other person's takeaway) is a 403. Staff and program admins have no special reach
here: what people write to each other is theirs alone.

The `can_*` functions answer yes or no; the `*_for` loaders fetch an object through them and
raise Http404 or PermissionDenied, so an API handler cannot forget the check.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lodestar.goals.models import Goal, Milestone
from lodestar.meetings.models import ActionItem, Meeting, Note, Takeaway
from lodestar.notifications.models import Notification
from lodestar.people.models import Profile
from lodestar.people.services import profile_create
from lodestar.tokens.models import PersonalAccessToken


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _one(queryset: QuerySet, pk: int):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- people ------------------------------------------------------------------------------------


def profile_of(user) -> Profile:
    """The caller's own profile; staff made with createsuperuser get one, as on the dashboard."""
    profile = Profile.objects.select_related("user").filter(user=user).first()
    if profile is None:
        profile = profile_create(user=user, display_name=user.email.split("@")[0])
    return profile


def api_viewer(request) -> Profile:
    """The API caller's profile, also kept on the request for output schemas' resolvers."""
    request.viewer = profile_of(request.auth)
    return request.viewer


def can_view_profile(viewer: Profile, profile: Profile) -> bool:
    """Every signed-in person sees the public profile of every active person."""
    return viewer is not None and profile.user.is_active


def profile_for(viewer: Profile, pk: int) -> Profile:
    profile = _one(Profile.objects.select_related("user"), pk)
    if not can_view_profile(viewer, profile):
        raise Http404
    return profile


# --- goals -------------------------------------------------------------------------------------


def goals_visible_to(viewer: Profile) -> QuerySet[Goal]:
    return Goal.objects.visible_to(viewer)


def can_edit_goal(viewer: Profile, goal: Goal) -> bool:
    return goal.owner_id == viewer.pk


def goal_for(viewer: Profile, pk: int, *, edit: bool = False) -> Goal:
    goal = _one(goals_visible_to(viewer).select_related("owner"), pk)
    if edit:
        require(can_edit_goal(viewer, goal))
    return goal


def milestone_for(viewer: Profile, goal: Goal, pk: int) -> Milestone:
    require(can_edit_goal(viewer, goal))
    return _one(Milestone.objects.filter(goal=goal).select_related("goal__owner"), pk)


# --- meetings ----------------------------------------------------------------------------------


def meetings_for(viewer: Profile) -> QuerySet[Meeting]:
    return Meeting.objects.for_person(viewer)


def can_view_meeting(viewer: Profile, meeting: Meeting) -> bool:
    return viewer.pk in (meeting.organizer_id, meeting.attendee_id)


def meeting_for(viewer: Profile, pk: int) -> Meeting:
    """A meeting the caller is one of the two people in; anyone else, staff included, a 404."""
    return _one(
        meetings_for(viewer).select_related("organizer__user", "attendee__user", "series"), pk
    )


def is_organizer(viewer: Profile, meeting: Meeting) -> bool:
    """The mentee organizes: the agenda and the follow-up are theirs to write and read."""
    return viewer.pk == meeting.organizer_id


def notes_visible_to(viewer: Profile, meeting: Meeting) -> QuerySet[Note]:
    """Shared notes and the caller's own private ones; never anyone else's private note, not
    even as a count."""
    if not can_view_meeting(viewer, meeting):
        return Note.objects.none()
    return Note.objects.visible_to(viewer).filter(meeting=meeting)


def can_view_note(viewer: Profile, note: Note) -> bool:
    members = (note.meeting.organizer_id, note.meeting.attendee_id)
    return viewer.pk in members and (note.author_id == viewer.pk or note.shared)


def note_for(viewer: Profile, meeting: Meeting, pk: int, *, remove: bool = False) -> Note:
    note = _one(notes_visible_to(viewer, meeting).select_related("meeting"), pk)
    if remove:
        require(note.author_id == viewer.pk)
    return note


def takeaway_for(viewer: Profile, meeting: Meeting, pk: int, *, remove: bool = False) -> Takeaway:
    takeaway = _one(Takeaway.objects.filter(meeting=meeting), pk)
    if remove:
        require(takeaway.author_id == viewer.pk)
    return takeaway


def action_item_for(
    viewer: Profile, meeting: Meeting, pk: int, *, report: bool = False
) -> ActionItem:
    """An action from any meeting of this pair (it comes back on later agendas); only its owner
    reports on it."""
    item = _one(
        ActionItem.objects.of_pair(meeting.organizer, meeting.attendee).select_related("owner"), pk
    )
    if report:
        require(item.owner_id == viewer.pk)
    return item


# --- notifications -----------------------------------------------------------------------------


def notification_for(user, pk: int) -> Notification:
    return _one(Notification.objects.inbox(user), pk)


# --- access tokens -----------------------------------------------------------------------------


def token_for(user, pk: int) -> PersonalAccessToken:
    return _one(PersonalAccessToken.objects.for_user(user), pk)
