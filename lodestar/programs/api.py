"""The programs API: for a program's admins (settings, people, import, matching, review,
publishing, analytics) and for participants (programs open to them, applying, surveys).

A program is visible to its admins and staff; to anyone else its admin endpoints answer 404.
Analytics are aggregates with small groups suppressed, exactly as the dashboard shows them.
"""


import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Day, Id, In, Page, responses
from lodestar.people.models import Profile

from . import analytics, csvfile, matchrun, services
from .models import (
    Participant,
    Program,
    ProgramMatch,
    ProgramRun,
    Survey,
)
from .models import (
    Status as PlaceStatus,
)

router = Router(tags=["programs"])


_viewer = permissions.api_viewer


def _managed(request: HttpRequest, program_id: int) -> tuple[Program, Profile]:
    viewer = _viewer(request)
    return get_object_or_404(Program.objects.managed_by(viewer), pk=program_id), viewer


# --- schemas ------------------------------------------------------------------------------------


class ProgramOut(Schema):
    id: int
    name: str
    purpose: str
    kind: str
    audience: str
    enrollment_opens: dt.date | None
    enrollment_closes: dt.date | None
    matching_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    published_at: dt.datetime | None


class ProgramDetailOut(ProgramOut):
    email_domain: str
    milestone_days: list[int]
    mentor_capacity: int
    match_mode: str
    weights: dict[str, float]
    forbid_same_department: bool
    forbid_same_line: bool
    max_zone_gap_hours: int | None


class ProgramIn(In):
    name: str | None = Field(None, min_length=1, max_length=120)
    purpose: str | None = Field(None, max_length=4000)
    audience: Literal["invite", "domain", "open"] | None = None
    invite_list: str | None = Field(None, max_length=100_000)
    email_domain: str | None = Field(None, max_length=120)
    enrollment_opens: Day | None = None
    enrollment_closes: Day | None = None
    matching_on: Day | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    milestone_days: list[int] | None = Field(None, max_length=20)
    mentor_capacity: int | None = Field(None, ge=1, le=20)
    match_mode: Literal["optimal", "stable", "peer", "self"] | None = None
    weights: dict[str, float] | None = None
    forbid_same_department: bool | None = None
    forbid_same_line: bool | None = None
    max_zone_gap_hours: int | None = Field(None, ge=0, le=24)


class ParticipantOut(Schema):
    id: int
    name: str = Field(alias="profile.display_name")
    department: str = Field(alias="profile.department")
    role: str
    status: str
    waitlist_reason: str


class ImportIn(In):
    csv: str = Field(max_length=20_000_000, description="The CSV file's text")


class ImportOut(Schema):
    created: int
    new_accounts: int


class DecisionIn(In):
    approve: bool


class RunIn(In):
    mode: Literal["optimal", "stable", "peer", "self"] | None = None


class RunOut(Schema):
    id: int
    mode: str
    state: str
    progress: int
    stage: str
    error: str
    report: dict


class PairOut(Schema):
    id: int
    mentee_id: int = Field(description="Participant id (peer programs: the first partner)")
    mentee_name: str = Field(alias="mentee.profile.display_name")
    mentor_id: int
    mentor_name: str = Field(alias="mentor.profile.display_name")
    score: float
    reasons: list[str]
    locked: bool
    state: str


class LockIn(In):
    locked: bool


class PublishOut(Schema):
    pairs: int
    waitlisted: int


class GroupOut(Schema):
    label: str
    people: int | None = Field(description="null when the group is too small to show")
    satisfaction: float | None
    nps: float | None
    goal_progress: float | None
    meeting_rate: float | None
    match_rate: float | None
    meetings_agreed: int | None = Field(
        description="meetings the group's pairs agreed so far; null when too few to show")
    meetings_kept: int | None = Field(
        description="meetings held, counting at most what each pair agreed")
    cadence_kept: float | None = Field(description="meetings_kept / meetings_agreed, in %")


class AnalyticsOut(Schema):
    min_group: int
    funnel: dict[str, int]
    match_rate: float | None
    median_days_to_first_meeting: float | None
    meetings_booked: int
    meetings_held: int
    meetings_agreed: int = Field(description="whole cadence periods since each pair's agreement")
    meetings_held_as_agreed: int = Field(description="meetings held within those spans")
    cadence_kept: float | None = Field(
        description="held / agreed in %, each pair capped at 100; null when too few to show")
    pairs_without_agreement: int
    health: dict[str, int]
    silence_rate: float | None
    surveys: list[dict]
    overall: GroupOut
    by_department: list[GroupOut]
    by_cohort: list[GroupOut]


class MyPlaceOut(Schema):
    program: ProgramOut
    role: str
    status: str
    waitlist_reason: str
    matched_with: list[str]
    surveys: list[dict]


class ApplyIn(In):
    role: Literal["mentee", "mentor", "peer"]
    answers: dict[str, str] = Field(default_factory=dict, max_length=100)


class PlaceOut(Schema):
    id: int
    role: str
    status: str


class SurveyIn(In):
    satisfaction: int = Field(ge=1, le=5)
    meeting: bool
    goal_progress: int = Field(ge=0, le=100)
    recommend: int | None = Field(None, ge=0, le=10)
    comments: str = Field("", max_length=4000, description="Only its author ever reads it")
    end_reason: Literal["", "goals_met", "program_ended", "no_time", "not_a_fit", "other"] = ""


class SurveyOut(Schema):
    id: int
    survey_id: int
    satisfaction: int
    meeting: bool
    goal_progress: int


# --- admins -------------------------------------------------------------------------------------


@router.get("/programs/managed", response=responses({200: list[ProgramOut]}),
            summary="Programs I run (staff: all)")
@paginate(Page)
def managed_list(request: HttpRequest):
    return Program.objects.managed_by(_viewer(request)).order_by("-created_at", "-id")


@router.get("/programs/{program_id}", response=responses({200: ProgramDetailOut}),
            summary="A program I run, with its settings")
def program_detail(request: HttpRequest, program_id: Id):
    return _managed(request, program_id)[0]


@router.patch("/programs/{program_id}", response=responses({200: ProgramDetailOut}),
              summary="Change a program's settings")
def program_update(request: HttpRequest, program_id: Id, payload: ProgramIn):
    program = _managed(request, program_id)[0]
    fields = payload.model_dump(exclude_unset=True)
    for key in ("name", "purpose", "invite_list", "email_domain", "audience", "match_mode",
                "mentor_capacity", "weights", "milestone_days", "forbid_same_department",
                "forbid_same_line"):
        if key in fields and fields[key] is None:
            del fields[key]  # these cannot be emptied, only changed
    return services.program_update(program=program, **fields)


@router.get("/programs/{program_id}/participants", response=responses({200: list[ParticipantOut]}),
            summary="A program's participants")
@paginate(Page)
def participant_list(request: HttpRequest, program_id: Id):
    program, _v = _managed(request, program_id)
    return Participant.objects.filter(program=program).select_related("profile").order_by("pk")


@router.post("/programs/{program_id}/participants/import", response=responses({201: ImportOut}),
             summary="Import participants from CSV (all or nothing)")
def participant_import(request: HttpRequest, program_id: Id, payload: ImportIn):
    from django.core.exceptions import ValidationError

    program, _v = _managed(request, program_id)
    report = csvfile.participants_import(program=program, text=payload.csv)
    if not report.ok:
        raise ValidationError({f"line {line}": [message] for line, message in report.errors[:200]})
    return Status(201, report)


@router.post("/programs/{program_id}/participants/{participant_id}/decision",
             response=responses({200: ParticipantOut}), summary="Approve or decline an applicant")
def participant_decide(request: HttpRequest, program_id: Id, participant_id: Id, payload: DecisionIn):
    program, _v = _managed(request, program_id)
    place = get_object_or_404(Participant.objects.select_related("profile__user", "program"),
                              program=program, pk=participant_id)
    return services.participant_decide(participant=place, approve=payload.approve)


@router.post("/programs/{program_id}/runs", response=responses({202: RunOut}),
             summary="Start a matching run in the background")
def run_start(request: HttpRequest, program_id: Id, payload: RunIn):
    program, _v = _managed(request, program_id)
    return Status(202, matchrun.run_create(program=program, by=request.auth, mode=payload.mode))


@router.get("/programs/{program_id}/runs/{run_id}", response=responses({200: RunOut}),
            summary="A matching run's progress and quality report")
def run_detail(request: HttpRequest, program_id: Id, run_id: Id):
    program, _v = _managed(request, program_id)
    return get_object_or_404(ProgramRun, program=program, pk=run_id)


@router.get("/programs/{program_id}/pairs", response=responses({200: list[PairOut]}),
            summary="Proposed and published pairs, with their reasons")
@paginate(Page)
def pair_list(request: HttpRequest, program_id: Id):
    program, _v = _managed(request, program_id)
    return (ProgramMatch.objects.filter(program=program)
            .select_related("mentee__profile", "mentor__profile").order_by("state", "-score", "pk"))


def _pair(program: Program, pair_id: int) -> ProgramMatch:
    return get_object_or_404(ProgramMatch.objects.select_related("mentee__profile", "mentor__profile"),
                             program=program, pk=pair_id)


@router.post("/programs/{program_id}/pairs/{pair_id}/lock", response=responses({200: PairOut}),
             summary="Lock or unlock a proposed pair")
def pair_lock(request: HttpRequest, program_id: Id, pair_id: Id, payload: LockIn):
    program, _v = _managed(request, program_id)
    return services.pair_lock(pair=_pair(program, pair_id), locked=payload.locked)


@router.post("/programs/{program_id}/pairs/{pair_id}/swap/{other_id}",
             response=responses({200: list[PairOut]}), summary="Swap the mentors of two proposed pairs")
def pair_swap(request: HttpRequest, program_id: Id, pair_id: Id, other_id: Id):
    program, _v = _managed(request, program_id)
    a, b = services.pair_swap(pair=_pair(program, pair_id), other=_pair(program, other_id))
    return [_pair(program, a.pk), _pair(program, b.pk)]


@router.post("/programs/{program_id}/publish", response=responses({200: PublishOut}),
             summary="Publish the proposed pairs as formal mentorships")
def publish(request: HttpRequest, program_id: Id):
    program, viewer = _managed(request, program_id)
    return services.program_publish(program=program, by=viewer)


@router.get("/programs/{program_id}/analytics", response=responses({200: AnalyticsOut}),
            summary="Outcome figures (aggregates only; small groups suppressed)")
def program_analytics(request: HttpRequest, program_id: Id):
    program, _v = _managed(request, program_id)
    data = analytics.program_analytics(program)

    def group(g):
        return {"label": g.label, "people": None if g.suppressed else g.people,
                "satisfaction": g.satisfaction, "nps": g.nps, "goal_progress": g.goal_progress,
                "meeting_rate": g.meeting_rate, "match_rate": g.match_rate,
                "meetings_agreed": g.meetings_agreed, "meetings_kept": g.meetings_kept,
                "cadence_kept": g.cadence_kept}

    return {
        "min_group": analytics.MIN_GROUP, "funnel": dict(data.funnel), "match_rate": data.match_rate,
        "median_days_to_first_meeting": data.median_days_to_first_meeting,
        "meetings_booked": data.meetings_booked, "meetings_held": data.meetings_held,
        "meetings_agreed": data.meetings_agreed,
        "meetings_held_as_agreed": data.meetings_held_as_agreed,
        "cadence_kept": data.cadence_kept, "pairs_without_agreement": data.pairs_without_agreement,
        "health": data.health, "silence_rate": data.silence_rate, "surveys": data.surveys,
        "overall": group(data.overall), "by_department": [group(g) for g in data.by_department],
        "by_cohort": [group(g) for g in data.by_cohort],
    }


# --- participants -------------------------------------------------------------------------------


@router.get("/programs", response=responses({200: list[ProgramOut]}),
            summary="Programs open to me or that I am in")
@paginate(Page)
def program_list(request: HttpRequest):
    return Program.objects.open_to(_viewer(request)).order_by("-created_at", "-id")


@router.post("/programs/{program_id}/apply", response=responses({201: PlaceOut}),
             summary="Apply to a program")
def apply(request: HttpRequest, program_id: Id, payload: ApplyIn):
    viewer = _viewer(request)
    program = get_object_or_404(Program.objects.open_to(viewer), pk=program_id)
    place = services.participant_apply(program=program, profile=viewer, role=payload.role,
                                       answers=payload.answers)
    return Status(201, place)


@router.get("/me/programs", response=responses({200: list[MyPlaceOut]}), summary="My programs")
@paginate(Page)
def my_programs(request: HttpRequest):
    viewer = _viewer(request)
    places = Participant.objects.filter(profile=viewer).select_related("program").order_by("-pk")
    out = []
    for place in places:
        pairs = (ProgramMatch.objects.published().filter(program=place.program).for_profile(viewer)
                 .select_related("mentee__profile", "mentor__profile"))
        names = [(p.mentor if p.mentee_id == place.pk else p.mentee).profile.display_name for p in pairs]
        answered = set(place.responses.values_list("survey_id", flat=True))
        surveys = [] if place.status != PlaceStatus.MATCHED else [
            {"id": s.pk, "label": s.label, "kind": s.kind, "due_on": s.due_on.isoformat(),
             "answered": s.pk in answered} for s in place.program.surveys.all()]
        out.append({"program": place.program, "role": place.role, "status": place.status,
                    "waitlist_reason": place.waitlist_reason, "matched_with": names,
                    "surveys": surveys})
    return out


@router.post("/programs/{program_id}/surveys/{survey_id}/responses",
             response=responses({201: SurveyOut}), summary="Answer a check-in survey")
def survey_respond(request: HttpRequest, program_id: Id, survey_id: Id, payload: SurveyIn):
    viewer = _viewer(request)
    place = get_object_or_404(Participant, program_id=program_id, profile=viewer,
                              status=PlaceStatus.MATCHED)
    survey = get_object_or_404(Survey, program_id=program_id, pk=survey_id)
    answer = services.survey_respond(survey=survey, participant=place, **payload.model_dump())
    return Status(201, answer)
