"""One meeting's page and what is written on it: the agenda, notes, takeaways, action items, the
follow-up and a written update. Every view starts from `meeting_for`: only the two people get in."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .forms import (
    ActionItemForm,
    AgendaForm,
    AsyncUpdateForm,
    FollowUpForm,
    NoteForm,
    ReportBackForm,
    TakeawayForm,
)
from .hints import hints_for
from .models import ActionItem, FollowUp, Meeting, MeetingKind, Note, Takeaway
from .question_coach import review_questions
from .times import meeting_when
from .views import copy_errors, meeting_for


def phase(meeting: Meeting, now: dt.datetime) -> str:
    if meeting.is_cancelled:
        return "cancelled"
    if not meeting.has_started(now):
        return "before"
    return "during" if not meeting.is_over(now) else "after"


def _page_context(meeting: Meeting, viewer, **bound) -> dict:
    now = timezone.now()
    other = meeting.other(viewer)
    follow_up = FollowUp.objects.filter(meeting=meeting).first()
    forms = {
        "note": NoteForm(),
        "takeaway": TakeawayForm(),
        "action": ActionItemForm(other_name=other.display_name),
        "follow_up": FollowUpForm(
            initial={"body": follow_up.body if follow_up else services.follow_up_draft(meeting)}
        ),
    }
    forms.update(bound)
    return {
        "meeting": meeting,
        "viewer": viewer,
        "other": other,
        "is_mentee": viewer.pk == meeting.organizer_id,
        "when": meeting_when(meeting, viewer, now=now),
        "phase": phase(meeting, now),
        "agenda": services.agenda_view(meeting),
        "notes": Note.objects.visible_to(viewer).filter(meeting=meeting).select_related("author"),
        "takeaways": meeting.takeaways.select_related("author"),
        "actions": meeting.action_items.select_related("owner"),
        "follow_up": follow_up,
        "updates": meeting.async_updates.select_related("author"),
        "forms": forms,
    }


def _respond(request: HttpRequest, meeting: Meeting, viewer, section: str, **bound) -> HttpResponse:
    """htmx: the section alone (and the messages); otherwise back to the page, or the page with
    the form's errors beside its fields."""
    if request.htmx:
        context = _page_context(meeting, viewer, **bound)
        return render(
            request,
            "meetings/_swap.html",
            {**context, "section": f"meetings/meeting_detail.html#{section}"},
        )
    if bound:
        return render(
            request, "meetings/meeting_detail.html", _page_context(meeting, viewer, **bound)
        )
    return redirect(f"{meeting.get_absolute_url()}#{section}")


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    return render(request, "meetings/meeting_detail.html", _page_context(meeting, viewer))


def _apply(
    request, meeting, viewer, *, form, section: str, key: str, write, done: str
) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
    if form.errors:
        return _respond(request, meeting, viewer, section, **{key: form})
    messages.success(request, done)
    return _respond(request, meeting, viewer, section)


@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    return _apply(
        request,
        meeting,
        viewer,
        form=NoteForm(request.POST),
        section="notes",
        key="note",
        write=lambda d: services.note_add(meeting=meeting, author=viewer, **d),
        done=_("Note saved."),
    )


@require_POST
def note_remove(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    note = get_object_or_404(Note, pk=note_pk, meeting=meeting, author=viewer)
    services.note_remove(note=note, by=viewer)
    return _respond(request, meeting, viewer, "notes")


@require_POST
def takeaway_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    return _apply(
        request,
        meeting,
        viewer,
        form=TakeawayForm(request.POST),
        section="after",
        key="takeaway",
        write=lambda d: services.takeaway_add(meeting=meeting, author=viewer, **d),
        done=_("Takeaway added."),
    )


@require_POST
def takeaway_remove(request: HttpRequest, pk: int, takeaway_pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    takeaway = get_object_or_404(Takeaway, pk=takeaway_pk, meeting=meeting, author=viewer)
    services.takeaway_remove(takeaway=takeaway, by=viewer)
    return _respond(request, meeting, viewer, "after")


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    other = meeting.other(viewer)

    def write(data):
        owner = viewer if data["owner"] == "me" else other
        services.action_item_add(
            meeting=meeting, by=viewer, owner=owner, text=data["text"], due_on=data["due_on"]
        )

    return _apply(
        request,
        meeting,
        viewer,
        form=ActionItemForm(request.POST, other_name=other.display_name),
        section="after",
        key="action",
        write=write,
        done=_("Action added."),
    )


@require_POST
def action_report(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The owner reports on an action from this or an earlier meeting of the pair."""
    meeting, viewer = meeting_for(request, pk)
    item = get_object_or_404(
        ActionItem.objects.of_pair(meeting.organizer, meeting.attendee), pk=item_pk, owner=viewer
    )
    section = "after" if item.meeting_id == meeting.pk else "agenda"
    form = ReportBackForm(request.POST, prefix=f"item-{item.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["report_back"])
        services.action_item_report(
            item=item, by=viewer, report_back=form.cleaned_data["report_back"]
        )
    except ValidationError as exc:  # the form is a small one inside a list: say it above the page
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Reported. It will be on your next agenda."))
    return _respond(request, meeting, viewer, section)


@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    send = "send" in request.POST
    service = services.follow_up_send if send else services.follow_up_save
    done = (
        (_("Sent to %(name)s.") % {"name": meeting.attendee.display_name})
        if send
        else _("Draft saved.")
    )
    return _apply(
        request,
        meeting,
        viewer,
        form=FollowUpForm(request.POST),
        section="after",
        key="follow_up",
        write=lambda d: service(meeting=meeting, by=viewer, body=d["body"]),
        done=done,
    )


# --- the agenda --------------------------------------------------------------------------------


def _coach(meeting: Meeting, questions: list[str]):
    if meeting.kind != MeetingKind.INTRO:
        return []
    mentor = meeting.attendee
    return hints_for(
        review_questions(questions, services.mentor_profile(mentor)), questions, mentor.display_name
    )


@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    intro = meeting.kind == MeetingKind.INTRO
    view = services.agenda_view(meeting)
    if request.method == "POST":
        form = AgendaForm(request.POST, intro=intro)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.agenda_save(
                    meeting=meeting,
                    by=viewer,
                    topics=form.lines(data["topics"]),
                    questions=form.lines(data["questions"]),
                    progress=data["progress"],
                )
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Agenda saved. %(name)s can read it now.")
                    % {"name": meeting.attendee.display_name},
                )
                return redirect(f"{meeting.get_absolute_url()}#agenda")
    else:
        form = AgendaForm(
            intro=intro,
            initial={
                "topics": "\n".join(view.topics),
                "questions": "\n".join(view.questions),
                "progress": view.progress,
            },
        )
    questions = AgendaForm.lines(form["questions"].value() or "")
    return render(
        request,
        "meetings/agenda_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "agenda": view,
            "intro": intro,
            "other": meeting.other(viewer),
            "is_mentee": viewer.pk == meeting.organizer_id,
            "when": meeting_when(meeting, viewer),
            "hints": _coach(meeting, questions),
            "reviewed": bool(questions),
        },
    )


@require_POST
def agenda_coach(request: HttpRequest, pk: int) -> HttpResponse:
    """The coach's view of the questions as they are typed (htmx)."""
    meeting, _viewer = meeting_for(request, pk)
    questions = AgendaForm.lines(request.POST.get("questions", "")[:6000])
    return render(
        request,
        "meetings/_hints.html",
        {
            "hints": _coach(meeting, questions),
            "reviewed": bool(questions),
            "intro": meeting.kind == MeetingKind.INTRO,
        },
    )


# --- a written update instead of a meeting -----------------------------------------------------


@require_http_methods(["GET", "POST"])
def async_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer = meeting_for(request, pk)
    form = AsyncUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.async_update_send(
                meeting=meeting, author=viewer, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(
                request,
                _("Update sent to %(name)s.") % {"name": meeting.other(viewer).display_name},
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/async_update.html",
        {
            "meeting": meeting,
            "form": form,
            "other": meeting.other(viewer),
            "when": meeting_when(meeting, viewer),
            "phase": phase(meeting, timezone.now()),
        },
    )
