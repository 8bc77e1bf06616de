"""Whether a mentor can take a new mentee now: the one place outreach decides it.

A mentor is available when they offer mentoring, say they accept mentees, have a place left and
have signed in recently (``DIRECTORY_INACTIVE_DAYS``). The directory filters and labels with the
same rules as the services that refuse a request. A place taken is defined once, by
``Relationship.objects.holding_places()``: a relationship past the request and not ended.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.people.models import Profile

from lodestar.relationships.models import Relationship


class Status(StrEnum):
    AVAILABLE = "available"
    FULL = "full"
    NOT_ACCEPTING = "not_accepting"
    INACTIVE = "inactive"
    NOT_MENTOR = "not_mentor"


WAITLIST_STATUSES = (Status.FULL, Status.NOT_ACCEPTING, Status.INACTIVE)


def _holding(mentor) -> QuerySet[Relationship]:
    return Relationship.objects.holding_places().filter(mentor=mentor)


def places_taken(mentor: Profile) -> int:
    return _holding(mentor).count()


def places_by_mentor() -> dict[int, int]:
    """Places taken, for every mentor who has any (one grouped query)."""
    rows = Relationship.objects.holding_places().order_by().values("mentor").annotate(n=Count("pk"))
    return dict(rows.values_list("mentor", "n"))


def inactive_before(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.DIRECTORY_INACTIVE_DAYS)


def with_availability(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Annotate ``places_taken`` and ``last_seen`` (last log-in, else the day they joined)."""
    taken = _holding(OuterRef("pk")).order_by().values("mentor").annotate(n=Count("pk")).values("n")
    return profiles.annotate(
        places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
        last_seen=Coalesce("user__last_login", "user__date_joined"),
    )


def recently_seen_q(now: dt.datetime | None = None, prefix: str = "user__") -> Q:
    """Signed in within DIRECTORY_INACTIVE_DAYS (never signed in: joined within it)."""
    since = inactive_before(now)
    return Q(**{f"{prefix}last_login__gte": since}) | Q(
        **{f"{prefix}last_login__isnull": True, f"{prefix}date_joined__gte": since}
    )


def open_to_mentees_q(now: dt.datetime | None = None) -> Q:
    """Mentors who accept mentees, have places and were here lately: everything but "full",
    which needs the count of places taken (``places_by_mentor``)."""
    return Q(accepting_mentees=True, max_mentees__gt=0, user__is_active=True) & recently_seen_q(now)


def status_of(
    mentor: Profile,
    *,
    places: int | None = None,
    last_seen: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Status:
    """The mentor's status; pass ``places``/``last_seen`` from an annotated row to skip queries."""
    if not mentor.is_mentor or not mentor.user.is_active:
        return Status.NOT_MENTOR
    if not mentor.accepting_mentees or mentor.max_mentees <= 0:
        return Status.NOT_ACCEPTING
    seen = last_seen or mentor.user.last_login or mentor.user.date_joined
    if seen < inactive_before(now):
        return Status.INACTIVE
    taken = places_taken(mentor) if places is None else places
    if taken >= mentor.max_mentees:
        return Status.FULL
    return Status.AVAILABLE


def status_message(status: Status, mentor: Profile) -> str:
    name = {"name": mentor.display_name}
    return {
        Status.AVAILABLE: _("%(name)s is taking new mentees."),
        Status.FULL: _("%(name)s has no place left for another mentee right now."),
        Status.NOT_ACCEPTING: _("%(name)s is not taking new mentees at the moment."),
        Status.INACTIVE: _("%(name)s has not been on Lodestar for a while."),
        Status.NOT_MENTOR: _("%(name)s does not offer mentoring."),
    }[status] % name


def status_label(status: Status) -> str:
    return {
        Status.AVAILABLE: _("Taking mentees"),
        Status.FULL: _("Full"),
        Status.NOT_ACCEPTING: _("Not taking mentees"),
        Status.INACTIVE: _("Away"),
        Status.NOT_MENTOR: _("Not a mentor"),
    }[status]


def status_reason(status: Status) -> str:
    """Why a card is not offered, in the engine's reason style ("has no place left ...")."""
    return {
        Status.FULL: _("has no place left for another mentee right now"),
        Status.NOT_ACCEPTING: _("is not taking new mentees right now"),
        Status.INACTIVE: _("has not signed in for a while"),
    }.get(status, "")
