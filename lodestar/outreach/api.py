"""The outreach API: the directory and suggestions, bookmarks, hidden mentors and waitlists, the
composer and the coach, intro requests from sending to booking the intro call, and mentors found
elsewhere. Input is checked by the pages' forms or the services; the services decide the rules.

Who may do what: a request exists only for its two people (anyone else, staff included, gets a
404); of those two, only the mentor answers it (accepts, declines, points elsewhere, reports,
offers times) and only the mentee withdraws it or books a time, the other one getting a 403.
A mentor found elsewhere exists only for the mentee who recorded them.

Refusals follow lodestar.lib.apikit: a value refused (a blocking coach finding, a time not
offered, an unknown address) is a 422 naming its field; a refusal of the action itself (the
mentor is full, a request is already waiting, the daily cap, a request no longer open) is a 409.
Either way nothing was written.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Id, Page, responses
from lodestar.meetings.api_schemas import MeetingOut
from lodestar.meetings.models import Meeting
from lodestar.people.models import Profile, PublicWork

from . import api_services, coach, composer, invitations, services, shortlist
from .api_schemas import (
    AbuseReportIn,
    AbuseReportOut,
    CoachReviewOut,
    CoachTextIn,
    DirectoryCardOut,
    DirectoryPageOut,
    DirectoryQuery,
    ExternalMentorIn,
    ExternalMentorOut,
    IntroAcceptIn,
    IntroBookIn,
    IntroDeclineIn,
    IntroRedirectIn,
    IntroRequestDetailOut,
    IntroRequestIn,
    IntroRequestOut,
    IntroRequestQuery,
    IntroTimesIn,
    OutreachDraftIn,
    OutreachDraftOut,
    SuggestionQuery,
    WaitlistEntryOut,
)
from .availability import WAITLIST_STATUSES, status_message, status_of
from .availability import Status as Availability
from .forms import DirectoryFilterForm
from .models import ExternalMentor, IntroRequest, RequestState
from .views import draft_for

router = Router(tags=["outreach"])


_viewer = permissions.api_viewer


def _mentor(request: HttpRequest, profile_id: int) -> tuple[Profile, Profile]:
    viewer = _viewer(request)
    return viewer, permissions.profile_for(viewer, profile_id)


def _request(request: HttpRequest, request_id: int) -> tuple[IntroRequest, Profile]:
    """A request the caller is one of the two people in; to anyone else it does not exist."""
    viewer = _viewer(request)
    found = get_object_or_404(
        IntroRequest.objects.involving(viewer).select_related(
            "mentee__user", "mentor__user", "redirected_to", "cited_work"
        ),
        pk=request_id,
    )
    return found, viewer


def _detail(req: IntroRequest) -> IntroRequest:
    return IntroRequest.objects.select_related(
        "mentee__user", "mentor__user", "redirected_to", "cited_work"
    ).get(pk=req.pk)


def _work(mentor: Profile, work_id: int | None) -> PublicWork | None:
    """One of the mentor's own works, or a refusal under the field that named another."""
    if work_id is None:
        return None
    work = next((w for w in mentor.public_work.all() if w.pk == work_id), None)
    if work is None:
        raise ValidationError(
            {
                "cited_work": _("Pick one of %(name)s's own pieces of work.")
                % {"name": mentor.display_name}
            }
        )
    return work


def _review_out(verdict: coach.Review) -> dict:
    findings = []
    for finding in verdict.findings:
        message, fix = coach.localize(finding, _)
        findings.append(
            {
                "code": finding.code,
                "severity": finding.severity,
                "blocks": finding.blocks,
                "message": message,
                "fix": fix,
            }
        )
    return {"score": verdict.score, "blocks": verdict.blocks, "findings": findings}


# --- the directory -------------------------------------------------------------------------------


@router.get(
    "/directory",
    response=responses({200: DirectoryPageOut}),
    summary="Search mentors, best fit first",
)
def directory_search(request: HttpRequest, filters: DirectoryQuery = Query(...)):
    viewer = _viewer(request)
    sent = filters.model_dump(exclude={"order", "limit", "offset"}, exclude_none=True)
    form = DirectoryFilterForm({k: v for k, v in sent.items() if v not in ("", False)})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    total, cards = api_services.directory_window(
        viewer=viewer,
        filters=form.cleaned_data,
        offset=filters.offset,
        limit=filters.limit,
        ranked=filters.order == "fit",
    )
    return {"items": cards, "count": total}


@router.get(
    "/suggestions",
    response=responses({200: list[DirectoryCardOut]}),
    summary="The mentors who fit me best and can take me now",
)
def suggestions(request: HttpRequest, filters: SuggestionQuery = Query(...)):
    return api_services.suggestions_for(viewer=_viewer(request), limit=filters.limit)


@router.put("/bookmarks/{profile_id}", response=responses({204: None}), summary="Bookmark a mentor")
def bookmark_add(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    shortlist.bookmark_set(owner=viewer, mentor=mentor, on=True)
    return Status(204, None)


@router.delete(
    "/bookmarks/{profile_id}", response=responses({204: None}), summary="Remove a bookmark"
)
def bookmark_remove(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    shortlist.bookmark_set(owner=viewer, mentor=mentor, on=False)
    return Status(204, None)


@router.put(
    "/hidden-mentors/{profile_id}",
    response=responses({204: None}),
    summary="Hide a mentor from my directory",
)
def mentor_hide(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    shortlist.mentor_hide(owner=viewer, mentor=mentor, hidden=True)
    return Status(204, None)


@router.delete(
    "/hidden-mentors/{profile_id}",
    response=responses({204: None}),
    summary="Bring a hidden mentor back",
)
def mentor_unhide(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    shortlist.mentor_hide(owner=viewer, mentor=mentor, hidden=False)
    return Status(204, None)


@router.get("/waitlist", response=responses({200: list[WaitlistEntryOut]}), summary="Where I wait")
@paginate(Page)
def waitlist_list(request: HttpRequest):
    return _viewer(request).waiting_for.select_related("mentor")


@router.put(
    "/waitlist/{profile_id}",
    response=responses({200: WaitlistEntryOut}),
    summary="Wait for a full or resting mentor",
)
def waitlist_join(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    entry = shortlist.waitlist_join(mentee=viewer, mentor=mentor)
    entry.mentor = mentor
    return entry


@router.delete(
    "/waitlist/{profile_id}", response=responses({204: None}), summary="Leave a waitlist"
)
def waitlist_leave(request: HttpRequest, profile_id: Id):
    viewer, mentor = _mentor(request, profile_id)
    shortlist.waitlist_leave(mentee=viewer, mentor=mentor)
    return Status(204, None)


# --- the composer and the coach ------------------------------------------------------------------


def _writing_to(request: HttpRequest, profile_id: int) -> tuple[Profile, Profile]:
    viewer = _viewer(request)
    mentor = get_object_or_404(
        Profile.objects.select_related("user").prefetch_related("public_work", "expertise"),
        pk=profile_id,
        user__is_active=True,
    )
    if mentor.pk == viewer.pk:
        raise ValidationError(_("You cannot write to yourself."))
    return viewer, mentor


@router.post(
    "/people/{profile_id}/draft",
    response=responses({200: OutreachDraftOut}),
    summary="Draft a first message to a mentor",
)
def draft(request: HttpRequest, profile_id: Id, payload: OutreachDraftIn):
    viewer, mentor = _writing_to(request, profile_id)
    works = list(mentor.public_work.all())
    if "cited_work" in payload.model_fields_set:
        work = _work(mentor, payload.cited_work)
    else:
        work = works[0] if works else None
    work_id = work.pk if work else None
    drafted = draft_for(
        viewer, mentor, tone=payload.tone, work_id=work_id, questions=payload.questions
    )
    verdict = services.review(
        mentee=viewer, mentor=mentor, subject=drafted.subject, body=drafted.body, cited_work=work
    )
    status = status_of(mentor)
    return {
        "subject": drafted.subject,
        "body": drafted.body,
        "questions": list(drafted.questions),
        "tone": payload.tone,
        "cited_work": work_id,
        "works": works,
        "status": status.value,
        "status_message": status_message(status, mentor),
        "can_send": status == Availability.AVAILABLE,
        "can_wait": status in WAITLIST_STATUSES,
        "review": _review_out(verdict),
    }


@router.post(
    "/people/{profile_id}/coach",
    response=responses({200: CoachReviewOut}),
    summary="Review a message to a mentor: score, findings and fixes",
)
def coach_review(request: HttpRequest, profile_id: Id, payload: CoachTextIn):
    viewer, mentor = _writing_to(request, profile_id)
    verdict = services.review(
        mentee=viewer,
        mentor=mentor,
        subject=payload.subject,
        body=payload.body,
        cited_work=_work(mentor, payload.cited_work),
    )
    return _review_out(verdict)


# --- intro requests ------------------------------------------------------------------------------


@router.get(
    "/intro-requests",
    response=responses({200: list[IntroRequestOut]}),
    summary="My requests, sent and received, with where each stands",
)
@paginate(Page)
def request_list(request: HttpRequest, filters: IntroRequestQuery = Query(...)):
    viewer = _viewer(request)
    now = timezone.now()
    sent = Q(mentee=viewer)
    # A mentor no longer sees a request its sender withdrew, as on the page.
    received = Q(mentor=viewer) & ~Q(state=RequestState.WITHDRAWN)
    box = {"sent": sent, "received": received}.get(filters.box, sent | received)
    mine = IntroRequest.objects.filter(box).select_related("mentee", "mentor", "redirected_to")
    if filters.state == RequestState.REQUESTED:
        mine = mine.filter(state=RequestState.REQUESTED, expires_at__gt=now)
    elif filters.state == RequestState.EXPIRED:
        lapsed = Q(state=RequestState.REQUESTED, expires_at__lte=now)
        mine = mine.filter(Q(state=RequestState.EXPIRED) | lapsed)
    elif filters.state:
        mine = mine.filter(state=filters.state)
    return mine


@router.post(
    "/intro-requests",
    response=responses({201: IntroRequestDetailOut}),
    summary="Send a first message as an intro request",
)
def request_send(request: HttpRequest, payload: IntroRequestIn):
    viewer = _viewer(request)
    mentor = permissions.profile_for(viewer, payload.mentor_id)
    sent = services.intro_request_send(
        mentee=viewer,
        mentor=mentor,
        subject=payload.subject,
        body=payload.body,
        questions=payload.questions,
        tone=payload.tone,
        cited_work=_work(mentor, payload.cited_work),
    )
    return Status(201, _detail(sent))


@router.get(
    "/intro-requests/{request_id}",
    response=responses({200: IntroRequestDetailOut}),
    summary="One request, with where it stands",
)
def request_read(request: HttpRequest, request_id: Id):
    return _request(request, request_id)[0]


@router.post(
    "/intro-requests/{request_id}/withdraw",
    response=responses({200: IntroRequestDetailOut}),
    summary="Withdraw my request (the mentee)",
)
def request_withdraw(request: HttpRequest, request_id: Id):
    req, viewer = _request(request, request_id)
    return _detail(services.intro_request_withdraw(request=req, by=viewer))


@router.post(
    "/intro-requests/{request_id}/accept",
    response=responses({200: IntroRequestDetailOut}),
    summary="Accept, and offer intro-call times (the mentor)",
)
def request_accept(request: HttpRequest, request_id: Id, payload: IntroAcceptIn):
    req, viewer = _request(request, request_id)
    accepted = api_services.intro_request_accept_offering(
        request=req, by=viewer, note=payload.note, times=payload.times
    )
    return _detail(accepted)


@router.post(
    "/intro-requests/{request_id}/times",
    response=responses({200: IntroRequestDetailOut}),
    summary="Offer intro-call times on an accepted request (the mentor)",
)
def request_times(request: HttpRequest, request_id: Id, payload: IntroTimesIn):
    req, viewer = _request(request, request_id)
    return _detail(services.intro_times_propose(request=req, by=viewer, starts=payload.times))


@router.post(
    "/intro-requests/{request_id}/decline",
    response=responses({200: IntroRequestDetailOut}),
    summary="Decline kindly (the mentor); the reply is drafted when left out",
)
def request_decline(request: HttpRequest, request_id: Id, payload: IntroDeclineIn):
    req, viewer = _request(request, request_id)
    services.must_be(viewer, req.mentor_id)
    reply = payload.reply
    if reply is None:
        reply = composer.decline_reply(
            mentee_name=req.mentee.display_name,
            mentor_name=viewer.display_name,
            reason=payload.reason,
            gettext=_,
        )
    return _detail(services.intro_request_decline(request=req, by=viewer, reply=reply))


@router.post(
    "/intro-requests/{request_id}/redirect",
    response=responses({200: IntroRequestDetailOut}),
    summary="Point the mentee to a mentor who fits better (the mentor)",
)
def request_redirect(request: HttpRequest, request_id: Id, payload: IntroRedirectIn):
    req, viewer = _request(request, request_id)
    services.must_be(viewer, req.mentor_id)
    people = Profile.objects.select_related("user")
    target = None
    if payload.to is not None:
        target = people.filter(pk=payload.to).first()
    elif payload.email:
        target = people.filter(user__email__iexact=payload.email.strip()).first()
        if target is None:
            raise ValidationError({"email": _("Nobody on Lodestar has that address.")})
    reply = payload.reply
    if reply is None and target is not None:
        reply = composer.redirect_reply(
            mentee_name=req.mentee.display_name,
            mentor_name=viewer.display_name,
            other_name=target.display_name,
            gettext=_,
        )
    redirected = services.intro_request_redirect(
        request=req, by=viewer, to=target, reply=reply or ""
    )
    return _detail(redirected)


@router.post(
    "/intro-requests/{request_id}/report",
    response=responses({201: AbuseReportOut}),
    summary="Report an abusive request to staff (the mentor)",
)
def request_report(request: HttpRequest, request_id: Id, payload: AbuseReportIn):
    req, viewer = _request(request, request_id)
    return Status(201, services.abuse_report(request=req, by=viewer, reason=payload.reason))


@router.post(
    "/intro-requests/{request_id}/book",
    response=responses({201: MeetingOut}),
    summary="Book one of the offered times as the intro call (the mentee)",
)
def request_book(request: HttpRequest, request_id: Id, payload: IntroBookIn):
    req, viewer = _request(request, request_id)
    meeting = services.intro_call_book(request=req, by=viewer, start=payload.start)
    return Status(201, Meeting.objects.select_related("organizer", "attendee").get(pk=meeting.pk))


# --- mentors found elsewhere ---------------------------------------------------------------------


def _external(request: HttpRequest, external_id: int) -> tuple[ExternalMentor, Profile]:
    viewer = _viewer(request)
    return get_object_or_404(ExternalMentor, pk=external_id, mentee=viewer), viewer


@router.get(
    "/external-mentors",
    response=responses({200: list[ExternalMentorOut]}),
    summary="Mentors I found elsewhere",
)
@paginate(Page)
def external_list(request: HttpRequest):
    return _viewer(request).external_mentors.select_related("joined")


@router.post(
    "/external-mentors",
    response=responses({201: ExternalMentorOut}),
    summary="Record a mentor found elsewhere (and invite them)",
)
def external_add(request: HttpRequest, payload: ExternalMentorIn):
    viewer = _viewer(request)
    external = invitations.external_mentor_add(
        mentee=viewer,
        name=payload.name,
        email=payload.email,
        how_met=payload.how_met,
        note=payload.note,
    )
    if payload.invite:
        external = invitations.external_mentor_invite(external=external, by=viewer)
    return Status(201, external)


@router.post(
    "/external-mentors/{external_id}/invite",
    response=responses({200: ExternalMentorOut}),
    summary="Email them the invitation (again after a week)",
)
def external_invite(request: HttpRequest, external_id: Id):
    external, viewer = _external(request, external_id)
    return invitations.external_mentor_invite(external=external, by=viewer)


@router.delete(
    "/external-mentors/{external_id}",
    response=responses({204: None}),
    summary="Forget a mentor found elsewhere",
)
def external_remove(request: HttpRequest, external_id: Id):
    external, viewer = _external(request, external_id)
    invitations.external_mentor_remove(external=external, by=viewer)
    return Status(204, None)
