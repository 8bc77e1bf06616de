"""What the meetings API sends and accepts. Times are UTC instants; `when` reads them on the
viewer's clock and the other person's, as the pages do."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from lodestar.lib import permissions
from lodestar.lib.apikit import MAX_ID, Day, In, Instant, QueryIn

from . import services
from .meeting_views import phase
from .models import FollowUp, MeetingKind, Recurrence
from .times import meeting_when

Reason = Field(max_length=1000, description="Told to the other person")


class PersonOut(Schema):
    id: int
    display_name: str
    time_zone: str

    @staticmethod
    def resolve_time_zone(obj) -> str:
        return str(obj.time_zone)


class WhenOut(Schema):
    mine: str = Field(description="On the caller's clock")
    theirs: str | None = Field(description="On the other person's clock; null when the same")


class MeetingOut(Schema):
    """Resolvers read the caller from request.viewer, which every handler sets first."""

    id: int
    kind: str
    status: str
    phase: Literal["before", "during", "after", "cancelled"]
    starts_at: dt.datetime
    ends_at: dt.datetime
    minutes: int
    organizer: PersonOut = Field(description="The mentee, who organizes")
    attendee: PersonOut = Field(description="The mentor")
    role: Literal["mentee", "mentor"] = Field(description="The caller's part in this meeting")
    when: WhenOut
    series_id: int | None
    cancel_reason: str
    cancelled_by_id: int | None

    @staticmethod
    def resolve_phase(obj) -> str:
        return phase(obj, timezone.now())

    @staticmethod
    def resolve_role(obj, context) -> str:
        return "mentee" if context["request"].viewer.pk == obj.organizer_id else "mentor"

    @staticmethod
    def resolve_when(obj, context) -> dict:
        when = meeting_when(obj, context["request"].viewer)
        return {"mine": when.mine, "theirs": when.theirs}


class NoteOut(Schema):
    id: int
    author_id: int
    author_name: str
    body: str
    shared: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_author_name(obj) -> str:
        return obj.author.display_name


class TakeawayOut(Schema):
    id: int
    author_id: int
    text: str
    created_at: dt.datetime


class ActionItemOut(Schema):
    id: int
    meeting_id: int
    owner_id: int
    owner_name: str
    text: str
    due_on: dt.date | None
    done_at: dt.datetime | None
    report_back: str
    created_by_id: int
    created_at: dt.datetime

    @staticmethod
    def resolve_owner_name(obj) -> str:
        return obj.owner.display_name


class AgendaOut(Schema):
    submitted_at: dt.datetime | None
    topics: list[str]
    questions: list[str]
    progress: str
    report_back: list[ActionItemOut] = Field(description="The pair's earlier actions to hear about")


class FollowUpOut(Schema):
    body: str
    saved: bool = Field(description="False while the body is still the suggested draft")
    sent_at: dt.datetime | None


class AsyncUpdateOut(Schema):
    id: int
    meeting_id: int | None
    author_id: int
    author_name: str
    body: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author_name(obj) -> str:
        return obj.author.display_name


def agenda_out(meeting) -> dict:
    view = services.agenda_view(meeting)
    return {
        "submitted_at": view.submitted_at,
        "topics": view.topics,
        "questions": view.questions,
        "progress": view.progress,
        "report_back": view.report_back,
    }


def follow_up_out(meeting, viewer) -> dict | None:
    """The mentee's follow-up, or the draft suggested from takeaways and actions; the mentor
    gets it by email once sent, not here."""
    if not permissions.is_organizer(viewer, meeting):
        return None
    saved = FollowUp.objects.filter(meeting=meeting).first()
    if saved is None:
        return {"body": services.follow_up_draft(meeting), "saved": False, "sent_at": None}
    return {"body": saved.body, "saved": True, "sent_at": saved.sent_at}


class MeetingDetailOut(MeetingOut):
    agenda: AgendaOut
    notes: list[NoteOut] = Field(description="Shared notes, and the caller's own private ones")
    notes_count: int = Field(description="Counts only the notes above")
    takeaways: list[TakeawayOut]
    action_items: list[ActionItemOut]
    follow_up: FollowUpOut | None = Field(description="The mentee's follow-up; null for the mentor")
    async_updates: list[AsyncUpdateOut]

    @staticmethod
    def resolve_agenda(obj) -> dict:
        return agenda_out(obj)

    @staticmethod
    def resolve_notes(obj, context) -> list:
        viewer = context["request"].viewer
        return list(permissions.notes_visible_to(viewer, obj).select_related("author"))

    @staticmethod
    def resolve_notes_count(obj, context) -> int:
        return permissions.notes_visible_to(context["request"].viewer, obj).count()

    @staticmethod
    def resolve_action_items(obj) -> list:
        return list(obj.action_items.select_related("owner"))

    @staticmethod
    def resolve_follow_up(obj, context) -> dict | None:
        return follow_up_out(obj, context["request"].viewer)

    @staticmethod
    def resolve_async_updates(obj) -> list:
        return list(obj.async_updates.select_related("author"))


class KindChoice(Schema):
    kind: str
    label: str
    allowed: bool
    reason: str = Field(description="Why it cannot be booked; empty when it can")


class SlotOut(Schema):
    start: dt.datetime
    mine: str
    theirs: str
    all_working: bool = Field(description="Inside both people's working hours")


class SlotsOut(Schema):
    kinds: list[KindChoice]
    kind: str | None
    minutes: int
    slots: list[SlotOut]


class FeedOut(Schema):
    url: str | None = Field(description="Subscribe to it in a calendar app; null when off")
    created_at: dt.datetime | None


# --- input -------------------------------------------------------------------------------------


class SlotQuery(QueryIn):
    kind: Literal[tuple(MeetingKind.values)] | None = None
    minutes: int | None = Field(None, ge=1, le=600)


class MeetingQuery(QueryIn):
    when: Literal["upcoming", "past", "all"] = "all"


class BookingIn(In):
    mentor_id: int = Field(ge=1, le=MAX_ID)
    kind: Literal[tuple(MeetingKind.values)]
    starts_at: Instant
    minutes: int = Field(ge=1, le=600)
    recurrence: Literal[tuple(Recurrence.values)] | None = None
    count: int | None = Field(None, ge=1, le=52, description="With recurrence: how many meetings")
    beyond_agreement: bool = Field(
        False,
        description="Book even though it goes past the minutes a month the pair agreed (without "
        "it, such a booking is refused with a warning on `minutes`)",
    )


class RescheduleIn(In):
    starts_at: Instant
    reason: str = Reason


class CancelIn(In):
    reason: str = Reason
    following: bool = Field(False, description="Also cancel the rest of its series")


class AgendaIn(In):
    topics: list[str] = Field(default_factory=list, max_length=50)
    questions: list[str] = Field(default_factory=list, max_length=50)
    progress: str = Field("", max_length=4000)


class NoteIn(In):
    body: str = Field(max_length=8000)
    shared: bool = Field(False, description="Share it with the other person; private otherwise")


class TakeawayIn(In):
    text: str = Field(max_length=500)


class ActionItemIn(In):
    owner: Literal["me", "them"] = "me"
    text: str = Field(max_length=300)
    due_on: Day | None = None


class ReportIn(In):
    report_back: str = Field(max_length=2000)


class FollowUpIn(In):
    body: str = Field(max_length=6000)
    send: bool = Field(False, description="Send it to the mentor now; otherwise save a draft")


class AsyncUpdateIn(In):
    body: str = Field(max_length=6000)
