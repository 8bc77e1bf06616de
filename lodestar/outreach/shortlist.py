"""A mentee's shortlist in the directory: bookmarks, hidden mentors and waitlists."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.people.models import Profile

from . import notices
from .availability import WAITLIST_STATUSES, Status, status_message, status_of
from .models import Bookmark, HiddenMentor, Waitlist


def _not_self(owner: Profile, mentor: Profile) -> None:
    if owner.pk == mentor.pk:
        raise ValidationError(_("That is you."))


@transaction.atomic
def bookmark_set(*, owner: Profile, mentor: Profile, on: bool) -> bool:
    _not_self(owner, mentor)
    if on:
        Bookmark.objects.get_or_create(owner=owner, mentor=mentor)
    else:
        Bookmark.objects.filter(owner=owner, mentor=mentor).delete()
    return on


@transaction.atomic
def mentor_hide(*, owner: Profile, mentor: Profile, hidden: bool) -> bool:
    """Hide a mentor from the directory (or bring them back); hiding also drops the bookmark."""
    _not_self(owner, mentor)
    if hidden:
        HiddenMentor.objects.get_or_create(owner=owner, mentor=mentor)
        Bookmark.objects.filter(owner=owner, mentor=mentor).delete()
    else:
        HiddenMentor.objects.filter(owner=owner, mentor=mentor).delete()
    return hidden


@transaction.atomic
def waitlist_join(*, mentee: Profile, mentor: Profile, now: dt.datetime | None = None) -> Waitlist:
    """Wait for a full, resting or away mentor; joining again after being told starts afresh."""
    _not_self(mentee, mentor)
    status = status_of(mentor, now=now)
    if status == Status.AVAILABLE:
        raise ValidationError(
            _("%(name)s has room now: write to them instead of waiting.")
            % {"name": mentor.display_name}
        )
    if status not in WAITLIST_STATUSES:
        raise ValidationError(status_message(status, mentor))
    try:
        with transaction.atomic():
            entry, created = Waitlist.objects.get_or_create(mentee=mentee, mentor=mentor)
    except IntegrityError:  # joined from another tab a moment ago
        entry, created = Waitlist.objects.get(mentee=mentee, mentor=mentor), False
    if not created and entry.notified_at is not None:
        entry.notified_at, entry.created_at = None, now or timezone.now()
        entry.save(update_fields=["notified_at", "created_at"])
    return entry


@transaction.atomic
def waitlist_leave(*, mentee: Profile, mentor: Profile) -> None:
    Waitlist.objects.filter(mentee=mentee, mentor=mentor).delete()


def waitlist_notify(*, mentor: Profile, now: dt.datetime | None = None) -> int:
    """Tell everyone waiting for ``mentor`` that a place is open, once each. Called when a
    mentor's profile is saved or they sign in again; cheap when nobody waits."""
    waiting = Waitlist.objects.filter(mentor=mentor, notified_at__isnull=True)
    if not waiting.exists():
        return 0
    mentor = Profile.objects.select_related("user").get(pk=mentor.pk)
    if status_of(mentor, now=now) != Status.AVAILABLE:
        return 0
    now = now or timezone.now()
    told = 0
    for entry in waiting.select_related("mentee__user"):
        # Claim the entry first, so two saves at once tell each person once.
        if Waitlist.objects.filter(pk=entry.pk, notified_at__isnull=True).update(notified_at=now):
            notices.waitlist_place_open(
                mentee=entry.mentee.user,
                mentor_name=mentor.display_name,
                entry_id=entry.pk,
                round_=entry.created_at.strftime("%Y%m%dT%H%M%S"),
                link=reverse("outreach:write", args=[mentor.pk]),
            )
            told += 1
    return told
