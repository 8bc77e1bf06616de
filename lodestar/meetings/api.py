"""The meetings API: slots with a mentor, booking, rescheduling and cancelling, my meetings, and
what is written around one (agenda, notes, takeaways, action items, follow-up, written updates),
plus the calendar feed. Only the meeting's two people reach it; a private note only its author.
"""

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Id, Page, responses
from lodestar.people.models import Profile

from . import booking, services
from .api_schemas import (
    ActionItemIn,
    ActionItemOut,
    AgendaIn,
    AgendaOut,
    AsyncUpdateIn,
    AsyncUpdateOut,
    BookingIn,
    CancelIn,
    FeedOut,
    FollowUpIn,
    FollowUpOut,
    MeetingDetailOut,
    MeetingOut,
    MeetingQuery,
    NoteIn,
    NoteOut,
    ReportIn,
    RescheduleIn,
    SlotQuery,
    SlotsOut,
    TakeawayIn,
    TakeawayOut,
    agenda_out,
    follow_up_out,
)
from .models import CalendarFeed, Meeting, MeetingKind
from .slots import suggested_slots

router = Router(tags=["meetings"])


_viewer = permissions.api_viewer


def _meeting(request: HttpRequest, meeting_id: int) -> tuple[Meeting, Profile]:
    viewer = _viewer(request)
    return permissions.meeting_for(viewer, meeting_id), viewer


def _refreshed(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("organizer", "attendee").get(pk=meeting.pk)


# --- booking -----------------------------------------------------------------------------------


@router.get(
    "/people/{profile_id}/slots",
    response=responses({200: SlotsOut}),
    summary="What I could book with a mentor",
)
def slots(request: HttpRequest, profile_id: Id, filters: SlotQuery = Query(...)):
    mentee = _viewer(request)
    mentor = permissions.profile_for(mentee, profile_id)
    kinds = [
        {
            "kind": kind,
            "label": str(label),
            "reason": booking.booking_allowed(mentee, mentor, kind).reason,
        }
        for kind, label in MeetingKind.choices
    ]
    allowed = [k["kind"] for k in kinds if not k["reason"]]
    kind = filters.kind if filters.kind in allowed else next(iter(allowed), None)
    minutes = filters.minutes or booking.DEFAULT_MINUTES.get(kind, 0)
    found = []
    if kind and booking.length_error(kind, minutes) is None:
        found = suggested_slots(mentee, mentor, minutes=minutes)
    return {
        "kinds": [{**k, "allowed": not k["reason"]} for k in kinds],
        "kind": kind,
        "minutes": minutes,
        "slots": [
            {"start": s.start, "mine": s.mine, "theirs": s.theirs, "all_working": s.all_working}
            for s in found
        ],
    }


@router.post(
    "/meetings",
    response=responses({201: MeetingOut}),
    summary="Book a meeting (or a series)",
)
def meeting_book(request: HttpRequest, payload: BookingIn):
    mentee = _viewer(request)
    mentor = permissions.profile_for(mentee, payload.mentor_id)
    common = {
        "mentee": mentee,
        "mentor": mentor,
        "kind": payload.kind,
        "starts_at": payload.starts_at,
        "minutes": payload.minutes,
    }
    if payload.recurrence:
        series = booking.meeting_series_book(
            recurrence=payload.recurrence, count=payload.count or 0, **common
        )
        meeting = series.meetings.order_by("starts_at").first()
    else:
        meeting = booking.meeting_book(**common, beyond_agreement=payload.beyond_agreement)
    return Status(201, _refreshed(meeting))


@router.get("/meetings", response=responses({200: list[MeetingOut]}), summary="My meetings")
@paginate(Page)
def meeting_list(request: HttpRequest, filters: MeetingQuery = Query(...)):
    viewer = _viewer(request)
    now = timezone.now()
    mine = permissions.meetings_for(viewer).select_related("organizer", "attendee")
    if filters.when == "upcoming":
        return mine.upcoming(now)
    if filters.when == "past":
        past = mine.filter(Q(ends_at__lte=now) | Q(status="cancelled"))
        return past.order_by("-starts_at", "-id")
    return mine.order_by("-starts_at", "-id")


@router.get(
    "/meetings/{meeting_id}",
    response=responses({200: MeetingDetailOut}),
    summary="One meeting, with what was written",
)
def meeting_read(request: HttpRequest, meeting_id: Id):
    meeting, _who = _meeting(request, meeting_id)
    return meeting


@router.post(
    "/meetings/{meeting_id}/reschedule",
    response=responses({200: MeetingOut}),
    summary="Move a meeting",
)
def meeting_reschedule(request: HttpRequest, meeting_id: Id, payload: RescheduleIn):
    meeting, viewer = _meeting(request, meeting_id)
    booking.meeting_reschedule(
        meeting=meeting, by=viewer, starts_at=payload.starts_at, reason=payload.reason
    )
    return _refreshed(meeting)


@router.post(
    "/meetings/{meeting_id}/cancel",
    response=responses({200: MeetingOut}),
    summary="Cancel a meeting",
)
def meeting_cancel(request: HttpRequest, meeting_id: Id, payload: CancelIn):
    meeting, viewer = _meeting(request, meeting_id)
    booking.meeting_cancel(
        meeting=meeting, by=viewer, reason=payload.reason, following=payload.following
    )
    return _refreshed(meeting)


# --- the agenda, notes, takeaways and actions --------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/agenda",
    response=responses({200: AgendaOut}),
    summary="The agenda",
)
def agenda_read(request: HttpRequest, meeting_id: Id):
    meeting, _who = _meeting(request, meeting_id)
    return agenda_out(meeting)


@router.put(
    "/meetings/{meeting_id}/agenda",
    response=responses({200: AgendaOut}),
    summary="Write the agenda (the mentee)",
)
def agenda_save(request: HttpRequest, meeting_id: Id, payload: AgendaIn):
    meeting, viewer = _meeting(request, meeting_id)
    permissions.require(permissions.is_organizer(viewer, meeting))
    services.agenda_save(meeting=meeting, by=viewer, **payload.model_dump())
    return agenda_out(meeting)


@router.get(
    "/meetings/{meeting_id}/notes",
    response=responses({200: list[NoteOut]}),
    summary="Notes I can read",
)
@paginate(Page)
def note_list(request: HttpRequest, meeting_id: Id):
    meeting, viewer = _meeting(request, meeting_id)
    return permissions.notes_visible_to(viewer, meeting).select_related("author")


@router.post(
    "/meetings/{meeting_id}/notes",
    response=responses({201: NoteOut}),
    summary="Write a note",
)
def note_add(request: HttpRequest, meeting_id: Id, payload: NoteIn):
    meeting, viewer = _meeting(request, meeting_id)
    return Status(201, services.note_add(meeting=meeting, author=viewer, **payload.model_dump()))


@router.delete(
    "/meetings/{meeting_id}/notes/{note_id}",
    response=responses({204: None}),
    summary="Remove my note",
)
def note_remove(request: HttpRequest, meeting_id: Id, note_id: Id):
    meeting, viewer = _meeting(request, meeting_id)
    note = permissions.note_for(viewer, meeting, note_id, remove=True)
    services.note_remove(note=note, by=viewer)
    return Status(204, None)


@router.post(
    "/meetings/{meeting_id}/takeaways",
    response=responses({201: TakeawayOut}),
    summary="Add a takeaway",
)
def takeaway_add(request: HttpRequest, meeting_id: Id, payload: TakeawayIn):
    meeting, viewer = _meeting(request, meeting_id)
    return Status(201, services.takeaway_add(meeting=meeting, author=viewer, text=payload.text))


@router.delete(
    "/meetings/{meeting_id}/takeaways/{takeaway_id}",
    response=responses({204: None}),
    summary="Remove my takeaway",
)
def takeaway_remove(request: HttpRequest, meeting_id: Id, takeaway_id: Id):
    meeting, viewer = _meeting(request, meeting_id)
    takeaway = permissions.takeaway_for(viewer, meeting, takeaway_id, remove=True)
    services.takeaway_remove(takeaway=takeaway, by=viewer)
    return Status(204, None)


@router.post(
    "/meetings/{meeting_id}/action-items",
    response=responses({201: ActionItemOut}),
    summary="Add an action item",
)
def action_item_add(request: HttpRequest, meeting_id: Id, payload: ActionItemIn):
    meeting, viewer = _meeting(request, meeting_id)
    owner = viewer if payload.owner == "me" else meeting.other(viewer)
    item = services.action_item_add(
        meeting=meeting, by=viewer, owner=owner, text=payload.text, due_on=payload.due_on
    )
    return Status(201, item)


@router.post(
    "/meetings/{meeting_id}/action-items/{item_id}/report",
    response=responses({200: ActionItemOut}),
    summary="Report on my action item",
)
def action_item_report(request: HttpRequest, meeting_id: Id, item_id: Id, payload: ReportIn):
    meeting, viewer = _meeting(request, meeting_id)
    item = permissions.action_item_for(viewer, meeting, item_id, report=True)
    return services.action_item_report(item=item, by=viewer, report_back=payload.report_back)


# --- after the meeting -------------------------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/follow-up",
    response=responses({200: FollowUpOut}),
    summary="The follow-up (the mentee)",
)
def follow_up_read(request: HttpRequest, meeting_id: Id):
    meeting, viewer = _meeting(request, meeting_id)
    permissions.require(permissions.is_organizer(viewer, meeting))
    return follow_up_out(meeting, viewer)


@router.put(
    "/meetings/{meeting_id}/follow-up",
    response=responses({200: FollowUpOut}),
    summary="Save or send the follow-up",
)
def follow_up_write(request: HttpRequest, meeting_id: Id, payload: FollowUpIn):
    meeting, viewer = _meeting(request, meeting_id)
    permissions.require(permissions.is_organizer(viewer, meeting))
    write = services.follow_up_send if payload.send else services.follow_up_save
    write(meeting=meeting, by=viewer, body=payload.body)
    return follow_up_out(meeting, viewer)


@router.post(
    "/meetings/{meeting_id}/async-update",
    response=responses({201: AsyncUpdateOut}),
    summary="Send a written update",
)
def async_update(request: HttpRequest, meeting_id: Id, payload: AsyncUpdateIn):
    meeting, viewer = _meeting(request, meeting_id)
    update = services.async_update_send(meeting=meeting, author=viewer, body=payload.body)
    return Status(201, update)


# --- the calendar feed -------------------------------------------------------------------------


def _feed(viewer) -> dict:
    feed = CalendarFeed.objects.filter(person=viewer).first()
    return {"url": feed.full_url if feed else None, "created_at": feed.created_at if feed else None}


@router.get("/calendar-feed", response=responses({200: FeedOut}), summary="My calendar feed")
def feed_read(request: HttpRequest):
    return _feed(_viewer(request))


@router.post(
    "/calendar-feed",
    response=responses({201: FeedOut}),
    summary="Make a new feed address",
)
def feed_regenerate(request: HttpRequest):
    viewer = _viewer(request)
    services.feed_regenerate(person=viewer)
    return Status(201, _feed(viewer))


@router.delete("/calendar-feed", response=responses({204: None}), summary="Turn the feed off")
def feed_revoke(request: HttpRequest):
    services.feed_revoke(person=_viewer(request))
    return Status(204, None)
