"""What the relationships API sends and accepts."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from lodestar.lib.apikit import Day, In

from .checkup import reason_text
from .models import AdvocacyKind, Cadence, EndReason, State

Text = Field(min_length=1, max_length=1000)


class PersonOut(Schema):
    id: int
    display_name: str


class AgreementOut(Schema):
    cadence: str
    minutes: int
    minutes_per_month: int
    channels: list[str]
    agenda_hours_before: int
    review_on: dt.date
    mentee_acknowledged: bool
    mentor_acknowledged: bool

    @staticmethod
    def resolve_mentee_acknowledged(obj) -> bool:
        return obj.mentee_acknowledged_at is not None

    @staticmethod
    def resolve_mentor_acknowledged(obj) -> bool:
        return obj.mentor_acknowledged_at is not None


class RelationshipOut(Schema):
    id: int
    kind: str
    state: str
    end_reason: str
    mentee: PersonOut
    mentor: PersonOut
    role: Literal["mentee", "mentor", "peer"] = Field(description="The caller's part")
    health: str | None = Field(description="Null until the first daily check")
    health_score: int | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_role(obj, context) -> str:
        if obj.kind == "peer":
            return "peer"
        return "mentee" if context["request"].viewer.pk == obj.mentee_id else "mentor"

    @staticmethod
    def resolve_health(obj) -> str | None:
        return obj.health if obj.health_checked_at else None


class TransitionOut(Schema):
    from_state: str
    to_state: str
    end_reason: str
    by_id: int | None
    reason: str
    draft: str = Field(description="The message drafted for the caller, on their own changes")
    at: dt.datetime

    @staticmethod
    def resolve_draft(obj, context) -> str:
        return obj.draft if obj.by_id == context["request"].viewer.pk else ""


class RelationshipDetailOut(RelationshipOut):
    health_reasons: list[str]
    agreement: AgreementOut | None
    history: list[TransitionOut]

    @staticmethod
    def resolve_health_reasons(obj) -> list[str]:
        return [reason_text(r) for r in obj.health_reasons]

    @staticmethod
    def resolve_agreement(obj):
        return getattr(obj, "agreement", None)

    @staticmethod
    def resolve_history(obj):
        return list(obj.transitions.all())


class TransitionIn(In):
    to: Literal[tuple(State.values)]  # type: ignore[valid-type]
    end_reason: Literal[("", *EndReason.values)] = ""  # type: ignore[valid-type]
    reason: str = Field("", max_length=2000, description="Kept in the history")
    learned: str = Field("", max_length=300, description="For a mismatch: what the mentee needs")


class AgreementIn(In):
    cadence: Literal[tuple(Cadence.values)]  # type: ignore[valid-type]
    minutes: int = Field(ge=10, le=180)
    channels: list[Literal["email", "chat", "video", "phone"]] = Field(min_length=1, max_length=4)
    review_on: Day
    acknowledge: bool = Field(description="Confidentiality, acknowledged by the caller")


class FeedbackIn(In):
    situation: str = Text
    behavior: str = Text
    impact: str = Text


class FeedbackOut(Schema):
    id: int
    author_id: int
    situation: str
    behavior: str
    impact: str
    created_at: dt.datetime


class ReflectionIn(In):
    text: str = Field(min_length=1, max_length=4000)
    meeting_id: int | None = Field(None, ge=1, le=2**63 - 1)


class ReflectionOut(Schema):
    id: int
    meeting_id: int | None
    text: str
    created_at: dt.datetime


class GratitudeIn(In):
    helped_with: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=2000)


class GratitudeOut(Schema):
    id: int
    author_id: int
    helped_with: str
    text: str
    created_at: dt.datetime


class ChallengeIn(In):
    text: str = Text
    due_on: Day | None = None


class ChallengeOut(Schema):
    id: int
    set_by_id: int
    text: str
    due_on: dt.date | None
    done_at: dt.datetime | None
    created_at: dt.datetime


class AdvocacyIn(In):
    kind: Literal[tuple(AdvocacyKind.values)]  # type: ignore[valid-type]
    text: str = Text


class AdvocacyOut(Schema):
    id: int
    by_id: int
    kind: str
    text: str
    created_at: dt.datetime


class QuestionThemeOut(Schema):
    theme: str
    questions: list[str]


class LineageOut(Schema):
    mentors: list[PersonOut]
    mentees: list[PersonOut]
    grand_mentees: list[PersonOut]
