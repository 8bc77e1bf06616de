"""Meetings: my list, booking, rescheduling, cancelling, calendar files and the feed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lodestar.lib.forms import copy_errors
from lodestar.people.models import Profile

from . import booking, services
from .forms import BookingForm, CancelForm, RescheduleForm
from .invites import feed_ics, invite_ics
from .models import AsyncUpdate, CalendarFeed, Meeting, MeetingKind
from .slots import suggested_slots
from .times import meeting_when


def own_profile(request: HttpRequest) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), user=request.user)


def meeting_for(request: HttpRequest, pk: int) -> tuple[Meeting, Profile]:
    """A meeting the caller is one of the two people in, and the caller. Anyone else gets the
    same 404 as for a meeting that does not exist: staff and admins included."""
    viewer = own_profile(request)
    meeting = get_object_or_404(
        Meeting.objects.for_person(viewer).select_related(
            "organizer__user", "attendee__user", "series"
        ),
        pk=pk,
    )
    return meeting, viewer


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    viewer = own_profile(request)
    now = timezone.now()
    mine = Meeting.objects.for_person(viewer).select_related("organizer", "attendee")
    rows = lambda qs: [(m, meeting_when(m, viewer, now=now)) for m in qs]  # noqa: E731
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": rows(mine.upcoming(now)),
            "past": rows(mine.exclude(pk__in=mine.upcoming(now)).order_by("-starts_at")[:50]),
            "updates": AsyncUpdate.objects.filter(
                Q(mentee=viewer) | Q(mentor=viewer)
            ).select_related("author", "mentee", "mentor")[:20],
            "feed": CalendarFeed.objects.filter(person=viewer).first(),
        },
    )


# --- booking -----------------------------------------------------------------------------------


def _kinds(mentee: Profile, mentor: Profile) -> list[tuple[str, str, str]]:
    """(kind, label, why not) for each kind; `why not` is empty when it may be booked."""
    return [
        (kind, label, booking.booking_allowed(mentee, mentor, kind).reason)
        for kind, label in MeetingKind.choices
    ]


def _booking_page(
    request: HttpRequest,
    mentee: Profile,
    mentor: Profile,
    *,
    kind: str | None,
    minutes: int,
    form: BookingForm,
    chosen_slot: str = "",
) -> HttpResponse:
    kinds = _kinds(mentee, mentor)
    slots = []
    if kind and booking.length_error(kind, minutes) is None:
        slots = suggested_slots(mentee, mentor, minutes=minutes)
    context = {
        "mentor": mentor,
        "mentee": mentee,
        "form": form,
        "kinds": kinds,
        "kind": kind,
        "allowed": [k for k, _label, why in kinds if not why],
        "slots": slots,
        "chosen_slot": chosen_slot,
    }
    template = (
        "meetings/book.html#slots"
        if request.htmx and request.method == "GET"
        else "meetings/book.html"
    )
    return render(request, template, context)


def _as_minutes(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_http_methods(["GET", "POST"])
def meeting_book(request: HttpRequest, profile_id: int) -> HttpResponse:
    mentee = own_profile(request)
    mentor = get_object_or_404(
        Profile.objects.select_related("user"), pk=profile_id, user__is_active=True
    )
    zone, url = str(mentee.time_zone), request.path
    allowed = [k for k, _label, why in _kinds(mentee, mentor) if not why]
    if request.method == "GET":
        # A fresh page, or htmx asking for the free times of another kind or length.
        kind = (
            request.GET.get("kind")
            if request.GET.get("kind") in allowed
            else next(iter(allowed), None)
        )
        default = booking.DEFAULT_MINUTES.get(kind, 0)
        minutes = _as_minutes(request.GET.get("minutes"), default)
        if kind is None or booking.length_error(kind, minutes):
            minutes = default
        form = BookingForm(
            zone=zone, kind=kind, refresh_url=url, initial={"kind": kind, "minutes": minutes}
        )
        return _booking_page(
            request,
            mentee,
            mentor,
            kind=kind,
            minutes=minutes,
            form=form,
            chosen_slot=request.GET.get("slot", ""),
        )
    kind = request.POST.get("kind") if request.POST.get("kind") in MeetingKind.values else None
    form = BookingForm(request.POST, zone=zone, kind=kind, refresh_url=url)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = _book(mentee, mentor, data)
        except ValidationError as exc:
            # Past the agreed minutes a month: say so, and offer to book it anyway.
            form.offer_beyond = any(
                e.code == "beyond_agreement"
                for e in getattr(exc, "error_dict", {}).get("minutes", [])
            )
            copy_errors(form, exc, {"starts_at": "slot" if data.get("slot") else "time"})
        else:
            messages.success(
                request, _("Booked. You both have an invitation for your calendars in your email.")
            )
            return redirect(meeting)
    minutes = _as_minutes(request.POST.get("minutes"), booking.DEFAULT_MINUTES.get(kind, 0))
    return _booking_page(
        request,
        mentee,
        mentor,
        kind=kind,
        minutes=minutes,
        form=form,
        chosen_slot=request.POST.get("slot") or "-",
    )


def _book(mentee: Profile, mentor: Profile, data: dict) -> Meeting:
    common = {
        "mentee": mentee,
        "mentor": mentor,
        "kind": data["kind"],
        "starts_at": data["starts_at"],
        "minutes": data["minutes"],
    }
    if data.get("recurrence"):
        series = booking.meeting_series_book(
            recurrence=data["recurrence"], count=data["count"], **common
        )
        return series.meetings.order_by("starts_at").first()
    return booking.meeting_book(**common, beyond_agreement=bool(data.get("beyond_agreement")))


# --- changing a booking ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def meeting_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    zone = str(viewer.time_zone)
    local = meeting.starts_at.astimezone(ZoneInfo(zone))
    form = RescheduleForm(
        request.POST or None,
        zone=zone,
        initial={"day": local.date(), "time": local.time().strftime("%H:%M")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking.meeting_reschedule(
                meeting=meeting,
                by=viewer,
                starts_at=form.cleaned_data["starts_at"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            copy_errors(form, exc, {"starts_at": "time"})
        else:
            messages.success(request, _("Moved. An updated invitation is on its way to you both."))
            return redirect(meeting)
    return render(
        request,
        "meetings/reschedule.html",
        {
            "meeting": meeting,
            "form": form,
            "when": meeting_when(meeting, viewer),
            "other": meeting.other(viewer),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking.meeting_cancel(
                meeting=meeting,
                by=viewer,
                reason=form.cleaned_data["reason"],
                following=form.cleaned_data["following"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, _("Cancelled. You both have been told, with your reason."))
            return redirect(meeting)
    return render(
        request,
        "meetings/cancel.html",
        {
            "meeting": meeting,
            "form": form,
            "when": meeting_when(meeting, viewer),
            "other": meeting.other(viewer),
        },
    )


# --- calendar files ----------------------------------------------------------------------------


def _calendar_response(content: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _viewer = meeting_for(request, pk)
    return _calendar_response(invite_ics(meeting), f"meeting-{meeting.pk}.ics")


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No log-in: calendar apps cannot log in. The unguessable token is the key."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not token:
        raise Http404
    return _calendar_response(feed_ics(feed.person, services.feed_meetings(feed.person)))


@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    viewer = own_profile(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "regenerate":
            had_one = CalendarFeed.objects.filter(person=viewer).exists()
            services.feed_regenerate(person=viewer)
            messages.success(
                request,
                _("Your calendar has a new address. The old one no longer works.")
                if had_one
                else _("Your calendar feed is ready."),
            )
        elif action == "revoke":
            services.feed_revoke(person=viewer)
            messages.success(request, _("Your calendar feed is off. Its address no longer works."))
        return redirect("meetings:feed")
    return render(
        request, "meetings/feed.html", {"feed": CalendarFeed.objects.filter(person=viewer).first()}
    )
