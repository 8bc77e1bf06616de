"""The profile API: my own profile, section by section as on the profile page, and other people's
public profiles. Each section is validated by the same form as the web page, then written by the
same service, so both say yes and no to exactly the same things."""

from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Clock, Id, In, Page, QueryIn, clock, responses
from lodestar.lib.localtime import windows_for_viewer

from . import services
from .completeness import profile_completeness
from .forms import (
    AboutForm,
    AvailabilityForm,
    LanguageForm,
    MentorForm,
    PlaceForm,
    PublicWorkForm,
    SkillsForm,
    StyleForm,
    WorkForm,
)
from .models import (
    Channel,
    FeedbackStyle,
    Guidance,
    MentorshipType,
    Profile,
    Skill,
    WorkKind,
    normalize_skill_name,
)

router = Router(tags=["people"])

ChannelCode = Literal[tuple(Channel.values)]
GuidanceCode = Literal[tuple(Guidance.values)]
TypeCode = Literal[tuple(MentorshipType.values)]
# One skill name; the form checks its length again once normalized.
SkillName = Annotated[str, Field(max_length=60, pattern=r"^[^,]*$")]

# --- output ------------------------------------------------------------------------------------


class SkillOut(Schema):
    id: int
    name: str
    category: str


class LanguageOut(Schema):
    id: int
    language: str = Field(description="ISO 639-1 code")
    name: str
    proficiency: int = Field(description="1 basic to 5 native")


class WindowOut(Schema):
    id: int
    weekday: int = Field(description="0 Monday to 6 Sunday, in the person's own time zone")
    start: str
    end: str


class PublicWorkOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    year: int | None


class MissingItem(Schema):
    label: str
    section: str


class CompletenessOut(Schema):
    percent: int
    missing: list[MissingItem]


class MentorOut(Schema):
    expertise: list[str]
    guidance_offered: list[str]
    mentorship_types: list[str]
    max_mentees: int
    minutes_per_month: int
    accepting_mentees: bool
    public_work: list[PublicWorkOut]


class SharedWindow(Schema):
    owner_label: str
    viewer_label: str | None = Field(
        description="The same window on the viewer's clock; null when both clocks agree"
    )
    hours: float


class PublicProfileOut(Schema):
    id: int
    display_name: str
    headline: str
    bio: str
    photo_url: str | None
    job_title: str
    organization: str
    department: str
    country: str
    time_zone: str
    seniority: int | None
    years_experience: int | None
    skills: list[str]
    languages: list[LanguageOut]
    channels: list[str]
    feedback_style: str
    availability: list[SharedWindow]
    is_self: bool
    mentor: MentorOut | None


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    headline: str
    bio: str
    photo_url: str | None
    job_title: str
    organization: str
    department: str
    manager_email: str | None
    seniority: int | None
    years_experience: int | None
    country: str
    time_zone: str
    channels: list[str]
    feedback_style: str
    mentorship_types: list[str]
    guidance_offered: list[str]
    max_mentees: int
    minutes_per_month: int
    accepting_mentees: bool
    skills: list[str]
    expertise: list[str]
    languages: list[LanguageOut]
    availability: list[WindowOut]
    public_work: list[PublicWorkOut]
    completeness: CompletenessOut


def language_out(entry) -> dict:
    return {
        "id": entry.pk,
        "language": entry.language,
        "name": entry.get_language_display(),
        "proficiency": entry.proficiency,
    }


def window_out(window) -> dict:
    return {
        "id": window.pk,
        "weekday": window.weekday,
        "start": clock(window.start_minute),
        "end": clock(window.end_minute),
    }


def work_out(work) -> dict:
    return {
        "id": work.pk, "kind": work.kind, "title": work.title, "url": work.url, "year": work.year
    }


def _common(profile: Profile) -> dict:
    return {
        "id": profile.pk,
        "display_name": profile.display_name,
        "headline": profile.headline,
        "bio": profile.bio,
        "photo_url": profile.photo.url if profile.photo else None,
        "job_title": profile.job_title,
        "organization": profile.organization,
        "department": profile.department,
        "country": profile.country.code or "",
        "time_zone": str(profile.time_zone),
        "seniority": profile.seniority,
        "years_experience": profile.years_experience,
        "skills": [s.name for s in profile.skills.all()],
        "languages": [language_out(x) for x in profile.languages.all()],
        "channels": list(profile.channels),
        "feedback_style": profile.feedback_style,
    }


def me_out(profile: Profile) -> dict:
    profile = Profile.objects.select_related("user", "manager__user").get(pk=profile.pk)
    completeness = profile_completeness(profile)
    return {
        **_common(profile),
        "email": profile.user.email,
        "manager_email": profile.manager.user.email if profile.manager_id else None,
        "mentorship_types": list(profile.mentorship_types),
        "guidance_offered": list(profile.guidance_offered),
        "max_mentees": profile.max_mentees,
        "minutes_per_month": profile.minutes_per_month,
        "accepting_mentees": profile.accepting_mentees,
        "expertise": [s.name for s in profile.expertise.all()],
        "availability": [window_out(w) for w in profile.availability.all()],
        "public_work": [work_out(w) for w in profile.public_work.all()],
        "completeness": {
            "percent": completeness.percent,
            "missing": [
                {"label": str(i.label), "section": i.section} for i in completeness.missing
            ],
        },
    }


def public_out(profile: Profile, viewer: Profile) -> dict:
    """What the profile page shows anyone signed in: no email, no manager."""
    windows = windows_for_viewer(
        list(profile.availability.all()), profile.time_zone, viewer.time_zone
    )
    mentor = None
    if profile.is_mentor:
        mentor = {
            "expertise": [s.name for s in profile.expertise.all()],
            "guidance_offered": list(profile.guidance_offered),
            "mentorship_types": list(profile.mentorship_types),
            "max_mentees": profile.max_mentees,
            "minutes_per_month": profile.minutes_per_month,
            "accepting_mentees": profile.accepting_mentees,
            "public_work": [work_out(w) for w in profile.public_work.all()],
        }
    return {
        **_common(profile),
        "availability": [
            {"owner_label": w.owner_label, "viewer_label": w.viewer_label, "hours": w.hours}
            for w in windows
        ],
        "is_self": profile.pk == viewer.pk,
        "mentor": mentor,
    }


# --- input -------------------------------------------------------------------------------------


class AboutIn(In):
    display_name: str = Field(None, max_length=80)
    headline: str = Field(None, max_length=140)
    bio: str = Field(None, max_length=4000)


class WorkIn(In):
    job_title: str = Field(None, max_length=120)
    organization: str = Field(None, max_length=120)
    department: str = Field(None, max_length=120)
    seniority: int | None = Field(None, ge=0, le=7, description="0 student to 7 executive")
    years_experience: int | None = Field(None, ge=0, le=70)
    manager_email: str | None = Field(None, max_length=254, description="Empty or null: none")


class PlaceIn(In):
    country: str = Field(None, max_length=2, description="ISO 3166 code; empty for none")
    time_zone: str = Field(None, max_length=64, examples=["Europe/Berlin"])


class StyleIn(In):
    channels: list[ChannelCode] = Field(None, max_length=len(Channel.values))
    feedback_style: Literal[("", *FeedbackStyle.values)] = None


class MentorIn(In):
    mentorship_types: list[TypeCode] = Field(None, max_length=len(MentorshipType.values))
    guidance_offered: list[GuidanceCode] = Field(None, max_length=len(Guidance.values))
    max_mentees: int = Field(None, ge=0, le=50)
    minutes_per_month: int = Field(None, ge=0, le=6000)
    accepting_mentees: bool = None


class SkillsIn(In):
    skills: list[SkillName] = Field(default_factory=list, max_length=30)
    expertise: list[SkillName] = Field(default_factory=list, max_length=30)


class LanguageIn(In):
    language: str = Field(max_length=3, examples=["pt"])
    proficiency: int = Field(3, ge=1, le=5)


class WindowIn(In):
    weekday: int = Field(ge=0, le=6)
    start: Clock
    end: Clock = Field(description="00:00 or 24:00 is the end of the day")


class PublicWorkIn(In):
    kind: Literal[tuple(WorkKind.values)]
    title: str = Field(max_length=200)
    url: str = Field("", max_length=500)
    year: int | None = Field(None, ge=1950, le=9999)


def _current(profile: Profile, name: str):
    """A profile field as the section forms read it."""
    if name == "manager_email":
        return profile.manager.user.email if profile.manager_id else ""
    if name == "country":
        return profile.country.code or ""
    if name == "time_zone":
        return str(profile.time_zone)
    value = getattr(profile, name)
    return list(value) if name in {"channels", "mentorship_types", "guidance_offered"} else value


def _valid(form) -> dict:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def _update_section(request: HttpRequest, form_class, payload: In) -> dict:
    """PATCH semantics: fields left out keep their value; the section form judges the result."""
    profile = permissions.profile_of(request.auth)
    names = [n for n in form_class.base_fields if n != "photo"]
    data = {name: _current(profile, name) for name in names}
    given = payload.model_dump(exclude_unset=True)
    data.update({k: ("" if v is None else v) for k, v in given.items()})
    cleaned = _valid(form_class(data, instance=Profile.objects.get(pk=profile.pk)))
    fields = {name: cleaned[name] for name in form_class._meta.fields if name != "photo"}
    if form_class is WorkForm:
        fields["manager"] = cleaned["manager_email"]
    services.profile_update(profile=profile, **fields)
    return me_out(profile)


# --- endpoints ---------------------------------------------------------------------------------


@router.get("/me", response=responses({200: MeOut}), summary="My profile")
def me_read(request: HttpRequest):
    return me_out(permissions.profile_of(request.auth))


@router.patch("/me/about", response=responses({200: MeOut}), summary="Update name, headline, bio")
def me_about(request: HttpRequest, payload: AboutIn):
    return _update_section(request, AboutForm, payload)


@router.patch("/me/work", response=responses({200: MeOut}), summary="Update job and experience")
def me_work(request: HttpRequest, payload: WorkIn):
    return _update_section(request, WorkForm, payload)


@router.patch("/me/place", response=responses({200: MeOut}), summary="Update country and time zone")
def me_place(request: HttpRequest, payload: PlaceIn):
    return _update_section(request, PlaceForm, payload)


@router.patch("/me/style", response=responses({200: MeOut}), summary="Update working style")
def me_style(request: HttpRequest, payload: StyleIn):
    return _update_section(request, StyleForm, payload)


@router.patch("/me/mentor", response=responses({200: MeOut}), summary="Update mentoring offer")
def me_mentor(request: HttpRequest, payload: MentorIn):
    return _update_section(request, MentorForm, payload)


@router.put("/me/skills", response=responses({200: MeOut}), summary="Replace skills and expertise")
def me_skills(request: HttpRequest, payload: SkillsIn):
    profile = permissions.profile_of(request.auth)
    data = {"skills": ", ".join(payload.skills), "expertise": ", ".join(payload.expertise)}
    services.profile_set_skills(profile=profile, **_valid(SkillsForm(data)))
    return me_out(profile)


@router.post(
    "/me/languages",
    response=responses({201: LanguageOut}),
    summary="Add or change a language",
)
def language_add(request: HttpRequest, payload: LanguageIn):
    profile = permissions.profile_of(request.auth)
    data = _valid(LanguageForm(payload.model_dump()))
    entry = services.language_set(
        profile=profile, language=data["language"], proficiency=data["proficiency"]
    )
    return Status(201, language_out(entry))


@router.delete(
    "/me/languages/{language_id}",
    response=responses({204: None}),
    summary="Remove a language",
)
def language_remove(request: HttpRequest, language_id: Id):
    profile = permissions.profile_of(request.auth)
    _own(profile.languages, language_id)
    services.language_remove(profile=profile, language_id=language_id)
    return Status(204, None)


@router.post(
    "/me/availability",
    response=responses({201: WindowOut}),
    summary="Add a weekly window",
)
def window_add(request: HttpRequest, payload: WindowIn):
    profile = permissions.profile_of(request.auth)
    data = _valid(AvailabilityForm(payload.model_dump()))
    window = services.availability_add(
        profile=profile, weekday=data["weekday"], start_minute=data["start"], end_minute=data["end"]
    )
    return Status(201, window_out(window))


@router.delete(
    "/me/availability/{window_id}",
    response=responses({204: None}),
    summary="Remove a weekly window",
)
def window_remove(request: HttpRequest, window_id: Id):
    profile = permissions.profile_of(request.auth)
    _own(profile.availability, window_id)
    services.availability_remove(profile=profile, window_id=window_id)
    return Status(204, None)


@router.post("/me/public-work", response=responses({201: PublicWorkOut}), summary="Add public work")
def work_add(request: HttpRequest, payload: PublicWorkIn):
    profile = permissions.profile_of(request.auth)
    given = {k: ("" if v is None else v) for k, v in payload.model_dump().items()}
    data = _valid(PublicWorkForm(given))
    return Status(201, work_out(services.public_work_add(profile=profile, **data)))


@router.delete(
    "/me/public-work/{work_id}",
    response=responses({204: None}),
    summary="Remove public work",
)
def work_remove(request: HttpRequest, work_id: Id):
    profile = permissions.profile_of(request.auth)
    _own(profile.public_work, work_id)
    services.public_work_remove(profile=profile, work_id=work_id)
    return Status(204, None)


def _own(related, pk: int) -> None:
    """Removing an id from someone else's list is a 404, not a silent success."""
    if not related.filter(pk=pk).exists():
        raise Http404


@router.get(
    "/people/{profile_id}",
    response=responses({200: PublicProfileOut}),
    summary="A person's public profile",
)
def person_read(request: HttpRequest, profile_id: Id):
    viewer = permissions.profile_of(request.auth)
    return public_out(permissions.profile_for(viewer, profile_id), viewer)


class SkillQuery(QueryIn):
    q: str = Field("", max_length=60, description="Part of a skill's name")
    category: str = Field("", max_length=60)


@router.get(
    "/skills",
    response=responses({200: list[SkillOut]}),
    summary="Search the skills taxonomy",
)
@paginate(Page)
def skill_search(request: HttpRequest, filters: SkillQuery = Query(...)):
    skills = Skill.objects.popular()
    _display, key = normalize_skill_name(filters.q)
    if key:
        skills = skills.filter(Q(key__contains=key) | Q(name__icontains=filters.q.strip()))
    if filters.category:
        skills = skills.filter(category__iexact=filters.category.strip())
    return skills
