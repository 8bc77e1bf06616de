"""The relationships API: my mentorships, one mentorship with its history and agreement, moving
it along, and what the two give each other (feedback, reflections, thanks, challenges, advocacy).
Only the relationship's two people reach it, staff included in the refusal; a reflection only its
author."""

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Id, Page, responses
from lodestar.people.models import Profile

from . import forward, services
from .api_schemas import (
    AdvocacyIn,
    AdvocacyOut,
    AgreementIn,
    AgreementOut,
    ChallengeIn,
    ChallengeOut,
    FeedbackIn,
    FeedbackOut,
    GratitudeIn,
    GratitudeOut,
    LineageOut,
    QuestionThemeOut,
    ReflectionIn,
    ReflectionOut,
    RelationshipDetailOut,
    RelationshipOut,
    TransitionIn,
)
from .models import Relationship
from .questions import QUESTIONS

router = Router(tags=["relationships"])


_viewer = permissions.api_viewer


def _relationship(request: HttpRequest, relationship_id: int) -> tuple[Relationship, Profile]:
    """One of the caller's relationships; for anyone else it does not exist (404)."""
    viewer = _viewer(request)
    found = (
        Relationship.objects.for_person(viewer)
        .select_related("mentee", "mentor")
        .filter(pk=relationship_id)
        .first()
    )
    if found is None:
        raise Http404
    return found, viewer


def _fresh(relationship: Relationship) -> Relationship:
    return Relationship.objects.select_related("mentee", "mentor").get(pk=relationship.pk)


@router.get(
    "/relationships", response=responses({200: list[RelationshipOut]}), summary="My mentorships"
)
@paginate(Page)
def relationship_list(request: HttpRequest):
    viewer = _viewer(request)
    return Relationship.objects.for_person(viewer).select_related("mentee", "mentor").order_by(
        "-created_at", "-id"
    )


@router.get(
    "/relationships/{relationship_id}",
    response=responses({200: RelationshipDetailOut}),
    summary="One mentorship, with its agreement, health and history",
)
def relationship_read(request: HttpRequest, relationship_id: Id):
    relationship, _who = _relationship(request, relationship_id)
    return relationship


@router.post(
    "/relationships/{relationship_id}/transition",
    response=responses({200: RelationshipDetailOut}),
    summary="Move a mentorship to another state",
)
def relationship_transition(request: HttpRequest, relationship_id: Id, payload: TransitionIn):
    relationship, viewer = _relationship(request, relationship_id)
    services.relationship_transition(
        relationship=relationship, by=viewer, **payload.model_dump()
    )
    return _fresh(relationship)


@router.put(
    "/relationships/{relationship_id}/agreement",
    response=responses({200: AgreementOut}),
    summary="Write or revise the agreement (it makes the mentorship active)",
)
def agreement_make(request: HttpRequest, relationship_id: Id, payload: AgreementIn):
    relationship, viewer = _relationship(request, relationship_id)
    return services.agreement_make(relationship=relationship, by=viewer, **payload.model_dump())


@router.post(
    "/relationships/{relationship_id}/agreement/acknowledge",
    response=responses({200: AgreementOut}),
    summary="Acknowledge confidentiality",
)
def agreement_acknowledge(request: HttpRequest, relationship_id: Id):
    relationship, viewer = _relationship(request, relationship_id)
    return services.agreement_acknowledge(relationship=relationship, by=viewer)


@router.get(
    "/relationships/{relationship_id}/feedback",
    response=responses({200: list[FeedbackOut]}),
    summary="Feedback given and received",
)
def feedback_list(request: HttpRequest, relationship_id: Id):
    relationship, _who = _relationship(request, relationship_id)
    return list(relationship.feedback.all()[:200])


@router.post(
    "/relationships/{relationship_id}/feedback",
    response=responses({201: FeedbackOut}),
    summary="Give situation-behavior-impact feedback",
)
def feedback_give(request: HttpRequest, relationship_id: Id, payload: FeedbackIn):
    relationship, viewer = _relationship(request, relationship_id)
    return Status(
        201, services.feedback_give(relationship=relationship, by=viewer, **payload.model_dump())
    )


@router.get(
    "/relationships/{relationship_id}/reflections",
    response=responses({200: list[ReflectionOut]}),
    summary="My own reflections (nobody else's)",
)
def reflection_list(request: HttpRequest, relationship_id: Id):
    relationship, viewer = _relationship(request, relationship_id)
    return list(relationship.reflections.filter(author=viewer)[:200])


@router.post(
    "/relationships/{relationship_id}/reflections",
    response=responses({201: ReflectionOut}),
    summary="Keep a private reflection",
)
def reflection_add(request: HttpRequest, relationship_id: Id, payload: ReflectionIn):
    relationship, viewer = _relationship(request, relationship_id)
    meeting = None
    if payload.meeting_id is not None:
        meeting = permissions.meeting_for(viewer, payload.meeting_id)
    reflection = services.reflection_add(
        relationship=relationship, by=viewer, text=payload.text, meeting=meeting
    )
    return Status(201, reflection)


@router.get(
    "/relationships/{relationship_id}/thanks",
    response=responses({200: list[GratitudeOut]}),
    summary="Thank-you notes",
)
def thanks_list(request: HttpRequest, relationship_id: Id):
    relationship, _who = _relationship(request, relationship_id)
    return list(relationship.thanks.all()[:200])


@router.post(
    "/relationships/{relationship_id}/thanks",
    response=responses({201: GratitudeOut}),
    summary="Send a thank-you note tied to what helped",
)
def thanks_send(request: HttpRequest, relationship_id: Id, payload: GratitudeIn):
    relationship, viewer = _relationship(request, relationship_id)
    return Status(
        201, services.gratitude_send(relationship=relationship, by=viewer, **payload.model_dump())
    )


@router.get(
    "/relationships/{relationship_id}/challenges",
    response=responses({200: list[ChallengeOut]}),
    summary="Stretch challenges",
)
def challenge_list(request: HttpRequest, relationship_id: Id):
    relationship, _who = _relationship(request, relationship_id)
    return list(relationship.challenges.all()[:200])


@router.post(
    "/relationships/{relationship_id}/challenges",
    response=responses({201: ChallengeOut}),
    summary="Set a stretch challenge (the mentor)",
)
def challenge_set(request: HttpRequest, relationship_id: Id, payload: ChallengeIn):
    relationship, viewer = _relationship(request, relationship_id)
    return Status(
        201, services.challenge_set(relationship=relationship, by=viewer, **payload.model_dump())
    )


@router.post(
    "/relationships/{relationship_id}/challenges/{challenge_id}/done",
    response=responses({200: ChallengeOut}),
    summary="Mark a challenge done (the person who took it on)",
)
def challenge_done(request: HttpRequest, relationship_id: Id, challenge_id: Id):
    relationship, viewer = _relationship(request, relationship_id)
    challenge = relationship.challenges.filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    return services.challenge_done(challenge=challenge, by=viewer)


@router.get(
    "/relationships/{relationship_id}/advocacy",
    response=responses({200: list[AdvocacyOut]}),
    summary="The advocacy log (the mentee sees it)",
)
def advocacy_list(request: HttpRequest, relationship_id: Id):
    relationship, _who = _relationship(request, relationship_id)
    return list(relationship.advocacy.all()[:200])


@router.post(
    "/relationships/{relationship_id}/advocacy",
    response=responses({201: AdvocacyOut}),
    summary="Log something done for the mentee (the mentor)",
)
def advocacy_log(request: HttpRequest, relationship_id: Id, payload: AdvocacyIn):
    relationship, viewer = _relationship(request, relationship_id)
    return Status(
        201, services.advocacy_log(relationship=relationship, by=viewer, **payload.model_dump())
    )


@router.get(
    "/coaching-questions",
    response=responses({200: list[QuestionThemeOut]}),
    summary="Open coaching questions to draw on before a session",
)
def coaching_questions(request: HttpRequest):
    return [
        {"theme": str(theme), "questions": [str(q) for q in items]}
        for theme, items in QUESTIONS.items()
    ]


@router.get("/lineage", response=responses({200: LineageOut}), summary="Who mentored whom")
def lineage(request: HttpRequest):
    return forward.lineage(_viewer(request))
