"""The goals API: goals with their status, progress, milestones, check-ins and sharing, and the
rest of the self-reflection (skill gaps, guidance weights, the mentor persona, readiness).
Handlers load through lodestar.lib.permissions and call goals.services; nothing else."""

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import MAX_ID, Day, Id, In, Page, QueryIn, responses
from lodestar.people.models import Guidance

from . import services
from .models import CriterionKind, GoalStatus, Horizon, Importance, Visibility

router = Router(tags=["goals"])


# --- goals -------------------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    title: str
    done: bool
    position: int


class GoalOut(Schema):
    id: int
    owner: int = Field(alias="owner_id", description="The profile whose goal it is")
    horizon: str
    text: str
    why: str
    measure: str
    target_date: dt.date | None
    status: str
    progress_percent: int
    visibility: str
    created_at: dt.datetime
    updated_at: dt.datetime
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.milestones.all())


class GoalQuery(QueryIn):
    owner: int | None = Field(None, ge=1, le=MAX_ID, description="A profile id")


class CheckInOut(Schema):
    id: int
    on: dt.date
    note: str
    progress_percent: int
    created_at: dt.datetime


class GoalIn(In):
    horizon: Literal[tuple(Horizon.values)]
    text: str = Field(max_length=500)
    why: str = Field("", max_length=1000)
    measure: str = Field("", max_length=300)
    target_date: Day | None = None


class GoalPatch(In):
    horizon: Literal[tuple(Horizon.values)] = None
    text: str = Field(None, max_length=500)
    why: str = Field(None, max_length=1000)
    measure: str = Field(None, max_length=300)
    target_date: Day | None = None


class StatusIn(In):
    status: Literal[tuple(GoalStatus.values)]


class ProgressIn(In):
    percent: int = Field(ge=0, le=100)


class VisibilityIn(In):
    visibility: Literal[tuple(Visibility.values)]


class MilestoneIn(In):
    title: str = Field(max_length=200)


class MilestonePatch(In):
    done: bool


class CheckInIn(In):
    on: Day
    note: str = Field(max_length=2000)
    progress_percent: int | None = Field(None, ge=0, le=100)


def _goal(request: HttpRequest, goal_id: int, *, edit: bool = False):
    return permissions.goal_for(permissions.profile_of(request.auth), goal_id, edit=edit)


@router.get(
    "/goals",
    response=responses({200: list[GoalOut]}),
    summary="My goals, or the goals someone I mentor shared with me",
    description="Without `owner`, the caller's own goals. With `owner`, the goals that person "
    "shared with their mentors, when the caller mentors them now (otherwise none).",
)
@paginate(Page)
def goal_list(request: HttpRequest, filters: GoalQuery = Query(...)):
    viewer = permissions.profile_of(request.auth)
    goals = permissions.goals_visible_to(viewer)
    owner = filters.owner
    goals = goals.filter(owner=viewer) if owner is None else goals.filter(owner_id=owner)
    return goals.prefetch_related("milestones")


@router.post("/goals", response=responses({201: GoalOut}), summary="Add a goal")
def goal_create(request: HttpRequest, payload: GoalIn):
    owner = permissions.profile_of(request.auth)
    return Status(201, services.goal_create(owner=owner, **payload.model_dump()))


@router.get("/goals/{goal_id}", response=responses({200: GoalOut}), summary="One goal")
def goal_read(request: HttpRequest, goal_id: Id):
    return _goal(request, goal_id)


@router.patch(
    "/goals/{goal_id}",
    response=responses({200: GoalOut}),
    summary="Change a goal's text or date",
)
def goal_update(request: HttpRequest, goal_id: Id, payload: GoalPatch):
    goal = _goal(request, goal_id, edit=True)
    return services.goal_update(goal=goal, **payload.model_dump(exclude_unset=True))


@router.delete("/goals/{goal_id}", response=responses({204: None}), summary="Remove a goal")
def goal_delete(request: HttpRequest, goal_id: Id):
    services.goal_delete(goal=_goal(request, goal_id, edit=True))
    return Status(204, None)


@router.put(
    "/goals/{goal_id}/status",
    response=responses({200: GoalOut}),
    summary="Set a goal's status",
)
def goal_status(request: HttpRequest, goal_id: Id, payload: StatusIn):
    return services.goal_set_status(goal=_goal(request, goal_id, edit=True), status=payload.status)


@router.put(
    "/goals/{goal_id}/progress",
    response=responses({200: GoalOut}),
    summary="Set a goal's progress",
)
def goal_progress(request: HttpRequest, goal_id: Id, payload: ProgressIn):
    goal = _goal(request, goal_id, edit=True)
    return services.goal_set_progress(goal=goal, percent=payload.percent)


@router.put(
    "/goals/{goal_id}/visibility",
    response=responses({200: GoalOut}),
    summary="Set who can see a goal",
)
def goal_visibility(request: HttpRequest, goal_id: Id, payload: VisibilityIn):
    goal = _goal(request, goal_id, edit=True)
    return services.goal_set_visibility(goal=goal, visibility=payload.visibility)


@router.post(
    "/goals/{goal_id}/milestones",
    response=responses({201: MilestoneOut}),
    summary="Add a milestone",
)
def milestone_add(request: HttpRequest, goal_id: Id, payload: MilestoneIn):
    goal = _goal(request, goal_id, edit=True)
    return Status(201, services.milestone_add(goal=goal, title=payload.title))


@router.patch(
    "/goals/{goal_id}/milestones/{milestone_id}",
    response=responses({200: MilestoneOut}),
    summary="Tick a milestone off, or back on",
)
def milestone_update(request: HttpRequest, goal_id: Id, milestone_id: Id, payload: MilestonePatch):
    goal = _goal(request, goal_id, edit=True)
    milestone = permissions.milestone_for(permissions.profile_of(request.auth), goal, milestone_id)
    return services.milestone_toggle(milestone=milestone, done=payload.done)


@router.delete(
    "/goals/{goal_id}/milestones/{milestone_id}",
    response=responses({204: None}),
    summary="Remove a milestone",
)
def milestone_remove(request: HttpRequest, goal_id: Id, milestone_id: Id):
    goal = _goal(request, goal_id, edit=True)
    milestone = permissions.milestone_for(permissions.profile_of(request.auth), goal, milestone_id)
    services.milestone_remove(milestone=milestone)
    return Status(204, None)


@router.get(
    "/goals/{goal_id}/check-ins",
    response=responses({200: list[CheckInOut]}),
    summary="A goal's check-ins",
)
@paginate(Page)
def check_in_list(request: HttpRequest, goal_id: Id):
    return _goal(request, goal_id).check_ins.all()


@router.post(
    "/goals/{goal_id}/check-ins",
    response=responses({201: CheckInOut}),
    summary="Record a check-in",
)
def check_in_add(request: HttpRequest, goal_id: Id, payload: CheckInIn):
    goal = _goal(request, goal_id, edit=True)
    return Status(201, services.goal_check_in(goal=goal, **payload.model_dump()))


# --- the rest of the reflection ----------------------------------------------------------------


class SkillGapOut(Schema):
    id: int
    skill_id: int
    skill: str
    note: str

    @staticmethod
    def resolve_skill(obj) -> str:
        return obj.skill.name


SkillName = Annotated[str, Field(max_length=60)]


class SkillGapIn(In):
    skill: SkillName
    note: str = Field("", max_length=300)


class SkillGapsIn(In):
    skills: list[SkillName] = Field(max_length=services.MAX_SKILL_GAPS * 2)


class GuidanceOut(Schema):
    technical: int
    career: int
    navigation: int
    emotional: int


Weight = Annotated[int, Field(ge=0, le=3, description="0 not needed to 3 essential")]


class GuidanceIn(In):
    technical: Weight = None
    career: Weight = None
    navigation: Weight = None
    emotional: Weight = None


class CriterionOut(Schema):
    id: int
    kind: str
    value: str
    skill: str | None
    importance: str
    weight: int | None
    label: str

    @staticmethod
    def resolve_skill(obj) -> str | None:
        return obj.skill.name if obj.skill_id else None

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.describe()


class CriterionIn(In):
    kind: Literal[tuple(CriterionKind.values)]
    value: Annotated[int, Field(ge=0, le=1000)] | Annotated[str, Field(max_length=60)]
    importance: Literal[tuple(Importance.values)]
    weight: int | None = Field(None, ge=1, le=3, description="For a nice-to-have: 1 to 3")


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    hint: str


class MissingOut(Schema):
    code: str
    label: str
    step: str


class GoalReviewOut(Schema):
    goal_id: int
    passes: bool
    findings: list[FindingOut]


class ReadinessOut(Schema):
    ready: bool
    missing: list[MissingOut]
    blocking: list[FindingOut]
    goals: list[GoalReviewOut]


def _gaps(profile) -> list:
    return list(profile.skill_gaps.select_related("skill"))


@router.get(
    "/reflection/skill-gaps",
    response=responses({200: list[SkillGapOut]}),
    summary="Skills I want to build",
)
def skill_gap_list(request: HttpRequest):
    return _gaps(permissions.profile_of(request.auth))


@router.post(
    "/reflection/skill-gaps",
    response=responses({201: SkillGapOut}),
    summary="Add a skill to build",
)
def skill_gap_add(request: HttpRequest, payload: SkillGapIn):
    profile = permissions.profile_of(request.auth)
    gap = services.skill_gap_add(profile=profile, name=payload.skill, note=payload.note)
    return Status(201, gap)


@router.put(
    "/reflection/skill-gaps",
    response=responses({200: list[SkillGapOut]}),
    summary="Replace the skills to build",
)
def skill_gaps_set(request: HttpRequest, payload: SkillGapsIn):
    profile = permissions.profile_of(request.auth)
    return services.skill_gaps_set(profile=profile, names=payload.skills)


@router.delete(
    "/reflection/skill-gaps/{gap_id}",
    response=responses({204: None}),
    summary="Remove a skill to build",
)
def skill_gap_remove(request: HttpRequest, gap_id: Id):
    profile = permissions.profile_of(request.auth)
    if not profile.skill_gaps.filter(pk=gap_id).exists():
        raise Http404
    services.skill_gap_remove(profile=profile, gap_id=gap_id)
    return Status(204, None)


def _weights(profile) -> dict:
    reflection = getattr(profile, "reflection", None)
    return reflection.guidance_weights if reflection else dict.fromkeys(Guidance.values, 0)


@router.get(
    "/reflection/guidance",
    response=responses({200: GuidanceOut}),
    summary="The guidance I want",
)
def guidance_read(request: HttpRequest):
    return _weights(permissions.profile_of(request.auth))


@router.put(
    "/reflection/guidance",
    response=responses({200: GuidanceOut}),
    summary="Weigh the guidance I want",
)
def guidance_set(request: HttpRequest, payload: GuidanceIn):
    profile = permissions.profile_of(request.auth)
    weights = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return services.guidance_set(profile=profile, weights=weights).guidance_weights


@router.get(
    "/reflection/persona",
    response=responses({200: list[CriterionOut]}),
    summary="My ideal mentor",
)
def persona_list(request: HttpRequest):
    return list(permissions.profile_of(request.auth).persona.select_related("skill"))


@router.post(
    "/reflection/persona",
    response=responses({201: CriterionOut}),
    summary="Add a criterion",
)
def persona_add(request: HttpRequest, payload: CriterionIn):
    profile = permissions.profile_of(request.auth)
    return Status(201, services.persona_set_criterion(profile=profile, **payload.model_dump()))


@router.delete(
    "/reflection/persona/{criterion_id}",
    response=responses({204: None}),
    summary="Remove a criterion",
)
def persona_remove(request: HttpRequest, criterion_id: Id):
    profile = permissions.profile_of(request.auth)
    if not profile.persona.filter(pk=criterion_id).exists():
        raise Http404
    services.persona_remove_criterion(profile=profile, criterion_id=criterion_id)
    return Status(204, None)


def _finding(finding) -> dict:
    return {k: str(getattr(finding, k)) for k in ("code", "severity", "message", "hint")}


@router.get(
    "/reflection/readiness",
    response=responses({200: ReadinessOut}),
    summary="Am I ready to find a mentor?",
)
def readiness_read(request: HttpRequest):
    readiness = services.reflection_readiness(permissions.profile_of(request.auth))
    return {
        "ready": readiness.ready,
        "missing": [
            {"code": m.code, "label": str(m.label), "step": m.step} for m in readiness.missing
        ],
        "blocking": [_finding(f) for f in readiness.blocking],
        "goals": [
            {
                "goal_id": r.goal.key,
                "passes": r.passes,
                "findings": [_finding(f) for f in r.findings],
            }
            for r in readiness.goals.goals
        ],
    }
