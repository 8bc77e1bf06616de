"""The mentor directory: filter with the database, rank with matching, describe the page.

1. ``mentor_queryset`` turns the filters into one query over mentors (hidden, bookmarked,
   skills, guidance, language, country, type, seniority, tags, availability).
2. "At least N hours in common" needs both people's weeks: it is read from the matching
   index's availability masks (built once per process), never from the database per mentor.
3. ``rank_mentors`` orders what is left by fit for the signed-in mentee and explains the page.
4. ``cards`` adds what a card shows: status, bookmark, and the shared hours in both clocks.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR

from lodestar.matching.directory import MentorIndex, mentor_index, rank_mentors
from lodestar.matching.features import overlap_hours, pack_availability
from lodestar.meetings.times import band_name, clock
from lodestar.meetings.timezones import Person, availability_masks, common_intervals
from lodestar.people.models import Profile, ProfileLanguage

from .availability import (
    Status,
    open_to_mentees_q,
    places_by_mentor,
    status_label,
    status_of,
    status_reason,
    with_availability,
)
from .models import Bookmark, DirectoryTag, HiddenMentor

PAGE_SIZE = 20
WORKING_PROFICIENCY = 3
SHARED_SHOWN = 3  # shared stretches of the coming week shown on a card


def _member(field_name: str, value: str) -> Q:
    """One value of a comma-separated multiple choice ("informal" is not "formal")."""
    return Q(**{f"{field_name}__regex": rf"(^|,){value}(,|$)"})


def _skill_match(text: str) -> Q:
    key = " ".join(text.split()).casefold()
    through = (Profile.skills.through, Profile.expertise.through)
    return Q(
        *[
            Exists(t.objects.filter(profile_id=OuterRef("pk"), skill__key__contains=key))
            for t in through
        ],
        _connector=Q.OR,
    )


SUGGESTIONS_TTL = 600  # seconds


def skill_suggestions(limit: int = 200) -> list[str]:
    """The expertise mentors list most, for the search box; counted on one table and cached
    (Skill.objects.popular() joins holders and experts at once and grows with their product)."""

    def count() -> list[str]:
        through = Profile.expertise.through.objects
        return list(
            through.values("skill")
            .annotate(n=Count("pk"))
            .order_by("-n", "skill__name")
            .values_list("skill__name", flat=True)[:limit]
        )

    return cache.get_or_set(f"outreach:skill-suggestions:{limit}", count, SUGGESTIONS_TTL)


def mentor_queryset(
    *, viewer: Profile, filters: dict, now: dt.datetime | None = None
) -> QuerySet[Profile]:
    """Mentors matching ``filters`` (DirectoryFilterForm.cleaned_data), unranked."""
    qs = Profile.objects.mentors().filter(user__is_active=True).exclude(pk=viewer.pk).order_by()
    hidden = Exists(HiddenMentor.objects.filter(owner=viewer, mentor=OuterRef("pk")))
    qs = qs.filter(hidden) if filters.get("hidden") else qs.filter(~hidden)
    if filters.get("bookmarked"):
        qs = qs.filter(Exists(Bookmark.objects.filter(owner=viewer, mentor=OuterRef("pk"))))
    if filters.get("q"):
        qs = qs.filter(_skill_match(filters["q"]))
    if filters.get("guidance"):
        qs = qs.filter(_member("guidance_offered", filters["guidance"]))
    if filters.get("mentorship_type"):
        qs = qs.filter(_member("mentorship_types", filters["mentorship_type"]))
    if filters.get("language"):
        qs = qs.filter(
            Exists(
                ProfileLanguage.objects.filter(
                    profile=OuterRef("pk"),
                    language=filters["language"],
                    proficiency__gte=WORKING_PROFICIENCY,
                )
            )
        )
    if filters.get("country"):
        qs = qs.filter(country=filters["country"])
    if filters.get("min_seniority") is not None:
        qs = qs.filter(seniority__gte=filters["min_seniority"])
    if filters.get("tag"):
        tag = " ".join(filters["tag"].split())
        qs = qs.filter(
            Q(organization__icontains=tag)
            | Exists(
                DirectoryTag.objects.filter(profile=OuterRef("pk"), key__contains=tag.casefold())
            )
        )
    if only_open(filters):
        qs = qs.filter(open_to_mentees_q(now))
    return qs


def only_open(filters: dict) -> bool:
    return not filters.get("include_unavailable") and not filters.get("hidden")


def mentor_ids(
    *, viewer: Profile, filters: dict, now: dt.datetime | None = None, by_name: bool = False
) -> list[int]:
    """The ids to rank: the query above, less mentors whose places are all taken (unless the
    filters ask for everyone). Full mentors are dropped here rather than in SQL: one grouped
    count is far cheaper than a count per mentor inside the query."""
    qs = mentor_queryset(viewer=viewer, filters=filters, now=now)
    rows = (qs.order_by("display_name", "pk") if by_name else qs).values_list("pk", "max_mentees")
    if not only_open(filters):
        return [pk for pk, _room in rows]
    taken = places_by_mentor()
    return [pk for pk, room in rows if taken.get(pk, 0) < room]


class _Packed:
    """The index's mentor availability, bit-packed once per index build."""

    lock = threading.Lock()
    version: tuple | None = None
    bits: np.ndarray | None = None


def _packed(index: MentorIndex) -> np.ndarray:
    if _Packed.version != index.version or _Packed.bits is None:
        with _Packed.lock:
            if _Packed.version != index.version or _Packed.bits is None:
                _Packed.bits = pack_availability(index.mentors.availability)
                _Packed.version = index.version
    return _Packed.bits


def with_shared_hours(viewer: Profile, ids: list[int], hours: float) -> list[int]:
    """The ids whose weekly hours in common with ``viewer`` reach ``hours`` (the engine's count:
    quarter-hours over the same four weeks the ranking uses)."""
    if hours <= 0 or not ids:
        return ids
    index = mentor_index()
    cols = index.columns(ids)
    me = Person("viewer", str(viewer.time_zone), tuple(viewer.availability.all()))
    mine = pack_availability(availability_masks([me], index.catalog.start, index.catalog.weeks))
    theirs = _packed(index)[cols]
    got = overlap_hours(np.broadcast_to(mine, theirs.shape), theirs, index.catalog.weeks)
    keep = set(index.ids[cols[got >= hours - 1e-9]].tolist())
    return [pk for pk in ids if pk in keep]


@dataclass
class Card:
    mentor: Profile
    status: Status
    status_label: str
    score: float
    reasons: list[str]
    shared_hours: float
    shared: list[tuple[str, str]] = field(default_factory=list)  # (my clock, their clock)
    bookmarked: bool = False
    hidden: bool = False

    @property
    def available(self) -> bool:
        return self.status == Status.AVAILABLE


@dataclass
class Page:
    cards: list[Card]
    total: int
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _span(start: dt.datetime, end: dt.datetime, zone) -> str:
    """ "Tue 18:00–19:30, evening" on ``zone``'s clock: a weekday is enough within the coming
    week, and skipping the full date format keeps twenty cards cheap."""
    day = WEEKDAYS_ABBR[start.astimezone(ZoneInfo(str(zone))).weekday()]
    return (
        f"{day} {clock(start, zone, with_day=False)}–{clock(end, zone, with_day=False)}, "
        f"{band_name(start, zone)}"
    )


def shared_stretches(
    viewer: Profile, mentor: Profile, now: dt.datetime, *, me: Person | None = None
) -> list[tuple[str, str]]:
    """The coming week's shared hours, each on the viewer's clock and on the mentor's. ``me``:
    the viewer as a Person, built once for a page of cards."""
    people = [
        me or Person("me", str(viewer.time_zone), tuple(viewer.availability.all())),
        Person("them", str(mentor.time_zone), tuple(mentor.availability.all())),
    ]
    # The coming week starts at the viewer's next midnight, so no stretch is cut in two by "now"
    # (today's evening and next week's same evening would show as two odd pieces).
    here = ZoneInfo(str(viewer.time_zone))
    tomorrow = now.astimezone(here).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(0), here).astimezone(ZoneInfo("UTC"))
    found = common_intervals(people, start=start, weeks=1)[:SHARED_SHOWN]
    return [(_span(s, e, viewer.time_zone), _span(s, e, mentor.time_zone)) for s, e in found]


def search(
    *,
    viewer: Profile,
    filters: dict,
    page: int = 1,
    now: dt.datetime | None = None,
    ranked: bool = True,
) -> Page:
    """One page of the directory. ``ranked=False`` keeps the database's order (for reference
    in the benchmark)."""
    now = now or timezone.now()
    page = max(page, 1)
    ids = mentor_ids(viewer=viewer, filters=filters, now=now, by_name=not ranked)
    if filters.get("min_hours"):
        ids = with_shared_hours(viewer, ids, filters["min_hours"])
    offset = (page - 1) * PAGE_SIZE
    if ranked:
        result = rank_mentors(mentee=viewer, mentor_ids=ids, offset=offset, limit=PAGE_SIZE)
        total, suggestions = result.total, result.suggestions
    else:  # by name, no engine: the reference in bench/bench_directory_page.py
        total, suggestions = len(ids), [_Plain(pk) for pk in ids[offset : offset + PAGE_SIZE]]
    return Page(cards(viewer, suggestions, now), total, page, max(1, -(-total // PAGE_SIZE)))


@dataclass
class _Plain:
    """A mentor in database order, shaped like a suggestion (no score, no reasons)."""

    profile_id: int
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    shared_hours: float = 0.0


def cards(viewer: Profile, suggestions, now: dt.datetime) -> list[Card]:
    ids = [s.profile_id for s in suggestions]
    # A card shows no expertise, so none is fetched; the viewer's own windows are read once
    # for the page rather than with their whole profile again.
    mentors = {
        p.pk: p
        for p in with_availability(Profile.objects.filter(pk__in=ids))
        .select_related("user")
        .prefetch_related("availability")
    }
    me = Person("me", str(viewer.time_zone), tuple(viewer.availability.all()))
    marked = set(
        Bookmark.objects.filter(owner=viewer, mentor__in=ids).values_list("mentor", flat=True)
    )
    hidden = set(
        HiddenMentor.objects.filter(owner=viewer, mentor__in=ids).values_list("mentor", flat=True)
    )
    out = []
    for s in suggestions:
        mentor = mentors.get(s.profile_id)
        if mentor is None:  # deactivated between the ranking and now
            continue
        status = status_of(mentor, places=mentor.places_taken, last_seen=mentor.last_seen, now=now)
        reasons = list(s.reasons)
        if status in (Status.FULL, Status.INACTIVE):  # the engine does not count places or log-ins
            reasons.insert(0, status_reason(status))
        out.append(
            Card(
                mentor=mentor,
                status=status,
                status_label=status_label(status),
                score=s.score,
                reasons=reasons[:4],
                shared_hours=s.shared_hours,
                shared=shared_stretches(viewer, mentor, now, me=me),
                bookmarked=mentor.pk in marked,
                hidden=mentor.pk in hidden,
            )
        )
    return out
