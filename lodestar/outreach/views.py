"""Writing to a mentor (composer and live coach) and the life of an intro request."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lodestar.goals.models import Goal
from lodestar.lib.forms import copy_errors
from lodestar.matching.directory import suggest_for
from lodestar.meetings.slots import suggested_slots
from lodestar.meetings.times import when
from lodestar.people.models import Profile

from . import coach, composer, services
from .availability import WAITLIST_STATUSES, Status, status_message, status_of
from .forms import (
    AcceptForm,
    BookForm,
    ComposeForm,
    DeclineForm,
    ProposeTimesForm,
    RedirectForm,
    ReportForm,
)
from .models import IntroRequest, RequestState


def own_profile(request: HttpRequest) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), user=request.user)


def mentor_or_404(pk: int) -> Profile:
    return get_object_or_404(
        Profile.objects.select_related("user").prefetch_related("public_work", "expertise"),
        pk=pk,
        user__is_active=True,
    )


def request_for(http: HttpRequest, pk: int) -> tuple[IntroRequest, Profile]:
    """A request the caller is one of the two people in; anyone else gets a 404, staff too."""
    viewer = own_profile(http)
    found = get_object_or_404(
        IntroRequest.objects.involving(viewer).select_related(
            "mentee__user", "mentor__user", "redirected_to", "cited_work", "meeting"
        ),
        pk=pk,
    )
    return found, viewer


# --- the composer and the live coach -------------------------------------------------------------


def _role(profile: Profile) -> str:
    title, org = profile.job_title.strip(), profile.organization.strip()
    if not title:
        return ""
    if title[:1].isupper() and title[1:2].islower():  # "Data engineer" mid-sentence; "CTO" stays
        title = title[0].lower() + title[1:]
    an = title[:1].lower() in "aeiou"
    if org:
        return (
            _("an %(title)s at %(organization)s") if an else _("a %(title)s at %(organization)s")
        ) % {"title": title, "organization": org}
    return (_("an %(title)s") if an else _("a %(title)s")) % {"title": title}


def draft_for(
    mentee: Profile, mentor: Profile, *, tone: str, work_id: int | None, questions: list[str]
) -> composer.Draft:
    work = next((w for w in mentor.public_work.all() if w.pk == work_id), None)
    goals = list(Goal.objects.for_owner(mentee).active().values_list("text", flat=True)[:3])
    return composer.compose(
        composer.ComposerInput(
            mentee_name=mentee.display_name,
            mentor_name=mentor.display_name,
            mentee_role=_role(mentee),
            goals=goals,
            work_title=work.title if work else "",
            work_kind=work.kind if work else "",
            work_year=work.year if work else None,
            questions=questions,
            tone=tone,
            mentor_expertise=[s.name for s in mentor.expertise.all()],
            mentor_role=mentor.job_title or mentor.headline,
        ),
        gettext=_,
    )


def coach_context(mentee: Profile, mentor: Profile, subject: str, body: str, work_id) -> dict:
    work = next((w for w in mentor.public_work.all() if w.pk == work_id), None)
    verdict = services.review(
        mentee=mentee, mentor=mentor, subject=subject, body=body, cited_work=work
    )
    findings = [(f, *coach.localize(f, _)) for f in verdict.findings]
    return {"review": verdict, "findings": findings, "reviewed": bool(body.strip())}


def _write_page(http, mentee, mentor, form, **extra) -> HttpResponse:
    status = status_of(mentor)
    context = {
        "mentor": mentor,
        "form": form,
        "status": status,
        "status_message": status_message(status, mentor),
        "available": status == Status.AVAILABLE,
        "can_wait": status in WAITLIST_STATUSES,
        **extra,
    }
    return render(http, "outreach/write.html", context)


@require_http_methods(["GET", "POST"])
def write(http: HttpRequest, pk: int) -> HttpResponse:
    """Compose, check with the coach, and send a first message as an intro request."""
    mentee, mentor = own_profile(http), mentor_or_404(pk)
    if mentee.pk == mentor.pk:
        raise Http404
    works = list(mentor.public_work.all())
    if http.method == "GET":
        work_id = works[0].pk if works else None
        draft = draft_for(mentee, mentor, tone="warm", work_id=work_id, questions=[])
        form = ComposeForm(
            works=works,
            initial={
                "cited_work": work_id,
                "tone": "warm",
                "questions": "\n".join(draft.questions),
                "subject": draft.subject,
                "body": draft.body,
            },
        )
        return _write_page(
            http,
            mentee,
            mentor,
            form,
            **coach_context(mentee, mentor, draft.subject, draft.body, work_id),
        )
    form = ComposeForm(http.POST, works=works)
    if not form.is_valid():
        return _write_page(http, mentee, mentor, form, findings=[])
    data = form.cleaned_data
    if http.POST.get("action") == "draft":  # redraft from the chosen work, tone and questions
        draft = draft_for(
            mentee,
            mentor,
            tone=data["tone"],
            work_id=data["cited_work"],
            questions=form.question_lines(),
        )
        form = ComposeForm(
            works=works,
            initial={
                **data,
                "subject": draft.subject,
                "body": draft.body,
                "questions": "\n".join(draft.questions),
            },
        )
        template = "outreach/write.html#composer" if http.htmx else None
        context = coach_context(mentee, mentor, draft.subject, draft.body, data["cited_work"])
        if template:
            return render(
                http, template, {"mentor": mentor, "form": form, "available": True, **context}
            )
        return _write_page(http, mentee, mentor, form, **context)
    try:
        sent = services.intro_request_send(
            mentee=mentee,
            mentor=mentor,
            subject=data["subject"],
            body=data["body"],
            questions=form.question_lines(),
            tone=data["tone"],
            cited_work=next((w for w in works if w.pk == data["cited_work"]), None),
        )
    except ValidationError as exc:
        subject, body, work_id = data["subject"], data["body"], data["cited_work"]
        copy_errors(form, exc)  # drops the fields in error from cleaned_data
        return _write_page(
            http, mentee, mentor, form, **coach_context(mentee, mentor, subject, body, work_id)
        )
    messages.success(
        http,
        _("Sent. %(name)s has %(days)d days to answer; you can follow it here.")
        % {"name": mentor.display_name, "days": (sent.expires_at - sent.created_at).days},
    )
    return redirect(sent)


@require_POST
def write_coach(http: HttpRequest, pk: int) -> HttpResponse:
    """The coach's view of the draft as it is typed (htmx)."""
    mentee, mentor = own_profile(http), mentor_or_404(pk)
    subject, body = http.POST.get("subject", "")[:200], http.POST.get("body", "")[:6000]
    try:
        work_id = int(http.POST.get("cited_work") or 0) or None
    except ValueError:
        work_id = None
    return render(
        http, "outreach/_coach.html", coach_context(mentee, mentor, subject, body, work_id)
    )


# --- requests ------------------------------------------------------------------------------------


@require_GET
def request_list(http: HttpRequest) -> HttpResponse:
    viewer = own_profile(http)
    mine = IntroRequest.objects.select_related("mentee", "mentor", "redirected_to")
    return render(
        http,
        "outreach/request_list.html",
        {
            "sent": mine.filter(mentee=viewer)[:100],
            "received": mine.filter(mentor=viewer).exclude(state=RequestState.WITHDRAWN)[:100],
            "waiting": viewer.waiting_for.select_related("mentor"),
            "invitations": viewer.invited_by.filter(request__isnull=True).select_related("mentee"),
        },
    )


def _propose_form(req: IntroRequest, viewer: Profile, data=None):
    if viewer.pk != req.mentor_id or req.state != RequestState.ACCEPTED or req.meeting_id:
        return None
    slots = suggested_slots(req.mentee, req.mentor, minutes=services.INTRO_MINUTES, limit=8)
    # suggested_slots reads "mine" as the mentee's clock; the mentor reads their own first.
    mentor_first = [replace(s, mine=s.theirs, theirs=s.mine) for s in slots]
    return ProposeTimesForm(data, slots=mentor_first, other_name=req.mentee.display_name)


def _proposed(req: IntroRequest, viewer: Profile) -> list[tuple[str, str, str]]:
    other = req.mentor if viewer.pk == req.mentee_id else req.mentee
    out = []
    for value in req.proposed_times:
        start = dt.datetime.fromisoformat(value)
        w = when(
            start,
            start + dt.timedelta(minutes=services.INTRO_MINUTES),
            my_zone=viewer.time_zone,
            their_zone=other.time_zone,
            their_name=other.display_name,
        )
        out.append((value, w.mine, w.theirs or ""))
    return out


def _detail(http, req, viewer, **forms) -> HttpResponse:
    is_mentor = viewer.pk == req.mentor_id
    context = {
        "req": req,
        "viewer": viewer,
        "is_mentor": is_mentor,
        "is_mentee": not is_mentor,
        "other": req.mentee if is_mentor else req.mentor,
        "open": req.is_open,
        "proposed": _proposed(req, viewer),
        "propose_form": forms.get("propose_form") or _propose_form(req, viewer),
        "accept_form": forms.get("accept_form") or AcceptForm(),
        "book_errors": forms.get("book_errors", []),
        "reported": req.reports.filter(reporter=viewer).exists(),
    }
    return render(http, "outreach/request_detail.html", context)


@require_GET
def request_detail(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    return _detail(http, req, viewer)


@require_POST
def request_accept(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    form = AcceptForm(http.POST)
    if form.is_valid():
        try:
            services.intro_request_accept(request=req, by=viewer, note=form.cleaned_data["note"])
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(
                http, _("Accepted. Now offer two or three times for a short intro call.")
            )
            return redirect(f"{req.get_absolute_url()}#times")
    return _detail(http, req, viewer, accept_form=form)


@require_http_methods(["GET", "POST"])
def request_decline(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    services.must_be(viewer, req.mentor_id)
    reason = http.GET.get("reason", "time")
    form = DeclineForm(
        http.POST or None,
        initial={
            "reason": reason,
            "reply": composer.decline_reply(
                mentee_name=req.mentee.display_name,
                mentor_name=viewer.display_name,
                reason=reason,
                gettext=_,
            ),
        },
    )
    if http.method == "POST" and form.is_valid():
        try:
            services.intro_request_decline(request=req, by=viewer, reply=form.cleaned_data["reply"])
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(http, _("Declined, with your reply. Thank you for answering."))
            return redirect("outreach:requests")
    return render(http, "outreach/decline.html", {"req": req, "form": form})


def _redirect_choices(req: IntroRequest, viewer: Profile) -> list[tuple[int, str]]:
    try:
        picks = suggest_for(mentee=req.mentee, k=8)
    except Exception:  # the ranking must never stop a mentor from answering
        picks = []
    ids = [s.profile_id for s in picks if s.profile_id not in (viewer.pk, req.mentee_id)]
    names = dict(Profile.objects.filter(pk__in=ids).values_list("pk", "display_name"))
    return [(pk, names[pk]) for pk in ids if pk in names]


@require_http_methods(["GET", "POST"])
def request_redirect(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    services.must_be(viewer, req.mentor_id)
    choices = _redirect_choices(req, viewer)
    form = RedirectForm(
        http.POST or None,
        choices=choices,
        initial={
            "reply": composer.redirect_reply(
                mentee_name=req.mentee.display_name,
                mentor_name=viewer.display_name,
                other_name=_("the mentor I suggest"),
                gettext=_,
            )
        },
    )
    if http.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = None
        if data.get("to"):
            target = Profile.objects.select_related("user").filter(pk=data["to"]).first()
        elif data.get("email"):
            target = (
                Profile.objects.select_related("user")
                .filter(user__email__iexact=data["email"])
                .first()
            )
            if target is None:
                form.add_error("email", _("Nobody on Lodestar has that address."))
        if not form.errors:
            try:
                services.intro_request_redirect(
                    request=req, by=viewer, to=target, reply=data["reply"]
                )
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(
                    http,
                    _("Done. %(name)s will see your suggestion.")
                    % {"name": req.mentee.display_name},
                )
                return redirect("outreach:requests")
    return render(http, "outreach/redirect.html", {"req": req, "form": form})


@require_POST
def request_withdraw(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    try:
        services.intro_request_withdraw(request=req, by=viewer)
    except ValidationError as exc:
        messages.error(http, " ".join(exc.messages))
    else:
        messages.success(
            http, _("Withdrawn. %(name)s will not be reminded.") % {"name": req.mentor.display_name}
        )
    return redirect(req)


@require_http_methods(["GET", "POST"])
def request_report(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    services.must_be(viewer, req.mentor_id)
    form = ReportForm(http.POST or None)
    if http.method == "POST" and form.is_valid():
        try:
            services.abuse_report(request=req, by=viewer, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(http, _("Reported. Staff will look at it; the request is closed."))
            return redirect("outreach:requests")
    return render(http, "outreach/report.html", {"req": req, "form": form})


@require_POST
def request_propose_times(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    services.must_be(viewer, req.mentor_id)
    form = _propose_form(req, viewer, http.POST)
    if form is None:
        messages.error(http, _("Times are agreed only on an accepted request."))
        return redirect(req)
    if form.is_valid():
        try:
            services.intro_times_propose(request=req, by=viewer, starts=form.cleaned_data["times"])
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(
                http,
                _("Sent. %(name)s can now book one of your times with one click.")
                % {"name": req.mentee.display_name},
            )
            return redirect(f"{req.get_absolute_url()}#times")
    return _detail(http, req, viewer, propose_form=form)


@require_POST
def request_book(http: HttpRequest, pk: int) -> HttpResponse:
    req, viewer = request_for(http, pk)
    services.must_be(viewer, req.mentee_id)
    form = BookForm(http.POST)
    if form.is_valid():
        try:
            meeting = services.intro_call_book(
                request=req, by=viewer, start=form.cleaned_data["start"], now=timezone.now()
            )
        except ValidationError as exc:
            return _detail(http, req, viewer, book_errors=exc.messages)
        messages.success(
            http, _("Booked. You both have an invitation for your calendars in your email.")
        )
        return redirect(meeting)
    return _detail(
        http, req, viewer, book_errors=[e for errs in form.errors.values() for e in errs]
    )
