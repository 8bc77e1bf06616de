"""What the outreach API needs beyond the pages' services: saying yes and offering intro-call
times in one step, and the directory read by limit and offset instead of by page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lodestar.matching.directory import rank_mentors
from lodestar.people.models import Profile

from . import directory, services
from .models import IntroRequest


@transaction.atomic
def intro_request_accept_offering(
    *,
    request: IntroRequest,
    by: Profile,
    note: str = "",
    times: Sequence[dt.datetime] = (),
    now: dt.datetime | None = None,
) -> IntroRequest:
    """Accept and, when times are given, offer them: both or neither (a refused time leaves the
    request open and the place free)."""
    accepted = services.intro_request_accept(request=request, by=by, note=note, now=now)
    if times:
        accepted = services.intro_times_propose(request=accepted, by=by, starts=times, now=now)
    return accepted


@dataclass
class _Unranked:
    """A mentor in name order, shaped like the engine's suggestion (no score, no reasons)."""

    profile_id: int
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    shared_hours: float = 0.0


def directory_window(
    *,
    viewer: Profile,
    filters: dict,
    offset: int,
    limit: int,
    ranked: bool = True,
    now: dt.datetime | None = None,
) -> tuple[int, list[directory.Card]]:
    """(total, cards) for one window of the directory: outreach.directory.search, by offset."""
    now = now or timezone.now()
    ids = directory.mentor_ids(viewer=viewer, filters=filters, now=now, by_name=not ranked)
    if filters.get("min_hours"):
        ids = directory.with_shared_hours(viewer, ids, filters["min_hours"])
    if ranked:
        result = rank_mentors(mentee=viewer, mentor_ids=ids, offset=offset, limit=limit)
        total, picks = result.total, result.suggestions
    else:
        total, picks = len(ids), [_Unranked(pk) for pk in ids[offset : offset + limit]]
    return total, directory.cards(viewer, picks, now)


def suggestions_for(*, viewer: Profile, limit: int, now: dt.datetime | None = None):
    """The best mentors who can take the viewer now, minus the ones they hid."""
    now = now or timezone.now()
    ids = directory.mentor_ids(viewer=viewer, filters={}, now=now)
    ranked = rank_mentors(mentee=viewer, mentor_ids=ids, limit=limit).suggestions
    return directory.cards(viewer, [s for s in ranked if s.available], now)
