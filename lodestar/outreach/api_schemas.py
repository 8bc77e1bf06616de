"""What the outreach API sends and accepts: directory cards, drafts and the coach's review, intro
requests, waitlists and mentors found elsewhere. Resolvers that depend on who asks read the
caller from request.viewer, which every handler sets first (as the meetings API does)."""

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext
from ninja import Field, Schema

from lodestar.lib.apikit import MAX_ID, MAX_OFFSET, MAX_PAGE_SIZE, In, Instant, QueryIn
from lodestar.meetings.times import when
from lodestar.people.models import Guidance, MentorshipType, Seniority

from . import composer, services
from .availability import Status
from .composer import DECLINE_REASONS
from .models import HowMet, Origin, RequestState, Tone

ToneCode = Literal[tuple(Tone.values)]
StateCode = Literal[tuple(RequestState.values)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
Question = Annotated[str, Field(max_length=services.QUESTION_MAX)]
Questions = Field(
    default_factory=list,
    max_length=services.MAX_PROPOSED,
    description="Two or three questions only this mentor can answer",
)


# --- people and cards ----------------------------------------------------------------------------


class OutreachPersonOut(Schema):
    id: int
    display_name: str
    time_zone: str

    @staticmethod
    def resolve_time_zone(obj) -> str:
        return str(obj.time_zone)


class DirectoryMentorOut(OutreachPersonOut):
    headline: str
    job_title: str
    organization: str
    country: str = Field(description="ISO 3166 code; empty when not given")

    @staticmethod
    def resolve_country(obj) -> str:
        return getattr(obj.country, "code", "") or ""


class SharedStretchOut(Schema):
    mine: str = Field(description="On the caller's clock")
    theirs: str = Field(description="On the mentor's clock")


class DirectoryCardOut(Schema):
    mentor: DirectoryMentorOut
    status: Literal[tuple(s.value for s in Status)]
    status_label: str
    available: bool = Field(description="Taking mentees now: a request can be sent")
    score: float = Field(description="Fit for the caller, from 0 to 1")
    reasons: list[str] = Field(description="Why this mentor fits (or cannot take anyone now)")
    shared_hours: float = Field(description="Weekly hours both people are free")
    shared: list[SharedStretchOut] = Field(description="The coming week's shared stretches")
    bookmarked: bool
    hidden: bool

    @staticmethod
    def resolve_shared(obj) -> list[dict]:
        return [{"mine": mine, "theirs": theirs} for mine, theirs in obj.shared]


class DirectoryPageOut(Schema):
    items: list[DirectoryCardOut]
    count: int


class CitableWorkOut(Schema):
    id: int
    kind: str
    title: str
    year: int | None


# --- the composer and the coach ------------------------------------------------------------------


class CoachFindingOut(Schema):
    code: str
    severity: Literal["block", "advice"]
    blocks: bool = Field(description="Sending is refused until this is fixed")
    message: str
    fix: str


class CoachReviewOut(Schema):
    score: int = Field(ge=0, le=100)
    blocks: bool = Field(description="A finding blocks sending")
    findings: list[CoachFindingOut]


class OutreachDraftOut(Schema):
    subject: str
    body: str
    questions: list[str]
    tone: str
    cited_work: int | None = Field(description="The work the opening cites")
    works: list[CitableWorkOut] = Field(description="The mentor's public work, to choose from")
    status: str = Field(description="Whether the mentor can take a mentee now")
    status_message: str
    can_send: bool
    can_wait: bool = Field(description="Full or resting: the waitlist is open")
    review: CoachReviewOut


class OutreachDraftIn(In):
    tone: ToneCode = Tone.WARM
    cited_work: ObjectId | None = Field(
        None, description="One of the mentor's works; left out: the first one; null: none"
    )
    questions: list[Question] = Questions


class CoachTextIn(In):
    subject: str = Field("", max_length=services.SUBJECT_MAX)
    body: str = Field("", max_length=6000)
    cited_work: ObjectId | None = None


# --- intro requests ------------------------------------------------------------------------------


class IntroRequestOut(Schema):
    id: int
    role: Literal["mentee", "mentor"] = Field(description="The caller's side: sender or receiver")
    state: StateCode = Field(description="An open request past its time reads as expired")
    state_label: str
    origin: Literal[tuple(Origin.values)]
    mentee: OutreachPersonOut
    mentor: OutreachPersonOut
    subject: str
    tone: str
    coach_score: int | None
    created_at: dt.datetime
    expires_at: dt.datetime
    decided_at: dt.datetime | None
    redirected_to: OutreachPersonOut | None
    meeting_id: int | None = Field(description="The intro call, once booked")

    @staticmethod
    def resolve_role(obj, context) -> str:
        return "mentee" if context["request"].viewer.pk == obj.mentee_id else "mentor"

    @staticmethod
    def resolve_state(obj) -> str:
        return str(obj.shown_state_code)

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.shown_state)


class IntroTimeOut(Schema):
    start: dt.datetime
    mine: str = Field(description="On the caller's clock")
    theirs: str = Field(description="On the other person's clock; empty when the same")


class IntroRequestDetailOut(IntroRequestOut):
    body: str
    questions: list[str]
    cited_work: CitableWorkOut | None
    reply: str = Field(description="The mentor's note, decline or pointer")
    proposed_times: list[IntroTimeOut]
    reported: bool = Field(description="The caller reported this request")
    actions: list[str] = Field(description="What the caller may do with it now")
    reply_drafts: dict[str, str] = Field(
        description="For the mentor while it is open: kind replies drafted for declining"
    )

    @staticmethod
    def resolve_questions(obj) -> list[str]:
        return obj.question_list

    @staticmethod
    def resolve_proposed_times(obj, context) -> list[dict]:
        viewer = context["request"].viewer
        other = obj.mentor if viewer.pk == obj.mentee_id else obj.mentee
        out = []
        for value in obj.proposed_times:
            start = dt.datetime.fromisoformat(value)
            shown = when(
                start,
                start + dt.timedelta(minutes=services.INTRO_MINUTES),
                my_zone=viewer.time_zone,
                their_zone=other.time_zone,
                their_name=other.display_name,
            )
            out.append({"start": start, "mine": shown.mine, "theirs": shown.theirs or ""})
        return out

    @staticmethod
    def resolve_reported(obj, context) -> bool:
        return obj.reports.filter(reporter=context["request"].viewer).exists()

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        viewer = context["request"].viewer
        accepted = obj.state == RequestState.ACCEPTED and not obj.meeting_id
        if viewer.pk == obj.mentee_id:
            return ["withdraw"] * obj.is_open + ["book"] * (accepted and bool(obj.proposed_times))
        reported = obj.reports.filter(reporter=viewer).exists()
        return (
            ["accept", "decline", "redirect"] * obj.is_open
            + ["propose_times"] * accepted
            + ["report"] * (not reported)
        )

    @staticmethod
    def resolve_reply_drafts(obj, context) -> dict[str, str]:
        viewer = context["request"].viewer
        if viewer.pk != obj.mentor_id or not obj.is_open:
            return {}
        return {
            reason: composer.decline_reply(
                mentee_name=obj.mentee.display_name,
                mentor_name=viewer.display_name,
                reason=reason,
                gettext=gettext,
            )
            for reason in DECLINE_REASONS
        }


class IntroRequestQuery(QueryIn):
    box: Literal["all", "sent", "received"] = "all"
    state: StateCode | None = None


class IntroRequestIn(In):
    mentor_id: ObjectId
    subject: str = Field(max_length=services.SUBJECT_MAX)
    body: str = Field(max_length=services.BODY_MAX)
    questions: list[Question] = Questions
    cited_work: ObjectId | None = Field(None, description="One of the mentor's works")
    tone: ToneCode = Tone.WARM


class IntroAcceptIn(In):
    note: str = Field("", max_length=services.REPLY_MAX, description="A note with your yes")
    times: list[Instant] = Field(
        default_factory=list,
        max_length=services.MAX_PROPOSED,
        description="Up to three intro-call times to offer now (or later, with /times)",
    )


class IntroTimesIn(In):
    times: list[Instant] = Field(min_length=1, max_length=services.MAX_PROPOSED)


class IntroDeclineIn(In):
    reason: Literal[DECLINE_REASONS] = "time"
    reply: str | None = Field(
        None, max_length=services.REPLY_MAX, description="Left out: the drafted reply for reason"
    )


class IntroRedirectIn(In):
    to: ObjectId | None = Field(None, description="The mentor you suggest")
    email: str | None = Field(None, max_length=254, description="Or their address on Lodestar")
    reply: str | None = Field(None, max_length=services.REPLY_MAX, description="Left out: drafted")


class AbuseReportIn(In):
    reason: str = Field(max_length=2000)


class AbuseReportOut(Schema):
    id: int
    request_id: int
    created_at: dt.datetime


class IntroBookIn(In):
    start: Instant = Field(description="One of the proposed times")


# --- shortlist and waitlist ----------------------------------------------------------------------


class WaitlistEntryOut(Schema):
    mentor: OutreachPersonOut
    created_at: dt.datetime
    notified_at: dt.datetime | None = Field(description="When we told you a place opened")


# --- mentors found elsewhere ---------------------------------------------------------------------


class ExternalMentorOut(Schema):
    id: int
    name: str
    email: str
    how_met: Literal[tuple(HowMet.values)]
    note: str
    created_at: dt.datetime
    invited_at: dt.datetime | None
    can_invite: bool = Field(description="Not joined, and not invited in the last week")
    joined: OutreachPersonOut | None
    joined_at: dt.datetime | None
    request_id: int | None = Field(description="The accepted request, once they said yes")


class ExternalMentorIn(In):
    name: str = Field(max_length=80)
    email: str = Field(max_length=254)
    how_met: Literal[tuple(HowMet.values)]
    note: str = Field("", max_length=1000)
    invite: bool = Field(False, description="Email the invitation now")


# --- the directory's filters ---------------------------------------------------------------------


class DirectoryQuery(QueryIn):
    """The page's filters (checked by the same form), with limit and offset."""

    q: str = Field("", max_length=60, description="A skill or expertise")
    guidance: Literal[tuple(Guidance.values)] | None = None
    language: str = Field("", max_length=10, description="ISO 639-1; spoken at working level")
    country: str = Field("", max_length=2, description="ISO 3166 code")
    min_hours: int | None = Field(None, ge=0, le=40, description="Weekly hours in common")
    mentorship_type: Literal[tuple(MentorshipType.values)] | None = None
    min_seniority: int | None = Field(
        None,
        ge=min(Seniority.values),
        le=max(Seniority.values),
        description="0 student, 1 entry, 2 junior, 3 mid, 4 senior, 5 lead, 6 director, 7 exec",
    )
    tag: str = Field("", max_length=100, description="Organization, alumni or community")
    include_unavailable: bool = Field(False, description="Also full, resting and away mentors")
    bookmarked: bool = False
    hidden: bool = Field(False, description="Only the mentors I hid")
    order: Literal["fit", "name"] = "fit"
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SuggestionQuery(QueryIn):
    limit: int = Field(5, ge=1, le=20)
