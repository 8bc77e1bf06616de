"""Writes to people's profiles. Forms validate shape; these functions enforce the rules and write."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lodestar.accounts.models import User

from .models import (
    AvailabilityWindow,
    Profile,
    ProfileLanguage,
    PublicWork,
    Skill,
    normalize_skill_name,
)

# Fields a person may set through profile_update; relations have their own services.
PROFILE_FIELDS = frozenset(
    {
        "display_name",
        "headline",
        "bio",
        "photo",
        "organization",
        "department",
        "job_title",
        "manager",
        "seniority",
        "years_experience",
        "country",
        "time_zone",
        "channels",
        "feedback_style",
        "guidance_offered",
        "mentorship_types",
        "max_mentees",
        "minutes_per_month",
        "accepting_mentees",
    }
)


@transaction.atomic
def profile_create(*, user: User, display_name: str, time_zone: str = "UTC") -> Profile:
    profile = Profile(user=user, display_name=display_name.strip(), time_zone=time_zone)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, **fields: Any) -> Profile:
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"profile_update does not set {sorted(unknown)}")
    manager = fields.get("manager")
    if manager is not None and manager.pk == profile.pk:
        raise ValidationError({"manager": _("You cannot be your own manager.")})
    if manager is not None and _manages(profile, manager):
        raise ValidationError(
            {"manager": _("%(name)s already reports to you.") % {"name": manager.display_name}}
        )
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def _manages(profile: Profile, other: Profile) -> bool:
    """True when `other` is somewhere below `profile` in the reporting line."""
    seen: set[int] = set()
    current = other.manager
    while current is not None and current.pk not in seen:
        if current.pk == profile.pk:
            return True
        seen.add(current.pk)
        current = current.manager
    return False


def skills_resolve(*, names: Iterable[str]) -> list[Skill]:
    """Find or add each named skill in the shared taxonomy, one entry per normalized key."""
    wanted: dict[str, str] = {}
    for raw in names:
        display, key = normalize_skill_name(raw)
        if key and key not in wanted:
            wanted[key] = display
    if not wanted:
        return []
    found = {s.key: s for s in Skill.objects.filter(key__in=wanted)}
    for key, display in wanted.items():
        if key not in found:
            try:
                with transaction.atomic():
                    found[key] = Skill.objects.create(name=display)
            except IntegrityError:  # another request added it a moment ago
                found[key] = Skill.objects.get(key=key)
    return [found[key] for key in wanted]


@transaction.atomic
def profile_set_skills(
    *, profile: Profile, skills: Sequence[str], expertise: Sequence[str]
) -> Profile:
    profile.skills.set(skills_resolve(names=skills))
    profile.expertise.set(skills_resolve(names=expertise))
    profile.save(update_fields=["updated_at"])
    return profile


@transaction.atomic
def language_set(*, profile: Profile, language: str, proficiency: int) -> ProfileLanguage:
    entry = ProfileLanguage.objects.filter(profile=profile, language=language).first()
    entry = entry or ProfileLanguage(profile=profile, language=language)
    entry.proficiency = proficiency
    entry.full_clean(validate_unique=False)  # checked before anything is written
    entry.save()
    profile.save(update_fields=["updated_at"])  # the matching index notices the change
    return entry


@transaction.atomic
def language_remove(*, profile: Profile, language_id: int) -> None:
    if profile.languages.filter(pk=language_id).delete()[0]:
        profile.save(update_fields=["updated_at"])


@transaction.atomic
def availability_add(
    *, profile: Profile, weekday: int, start_minute: int, end_minute: int
) -> AvailabilityWindow:
    if end_minute <= start_minute:
        raise ValidationError({"end": _("The window must end after it starts.")})
    clash = (
        profile.availability.select_for_update()
        .filter(weekday=weekday, start_minute__lt=end_minute, end_minute__gt=start_minute)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "start": _("This overlaps your %(window)s window; change or remove that one first.")
                % {"window": str(clash)}
            }
        )
    window = AvailabilityWindow(
        profile=profile, weekday=weekday, start_minute=start_minute, end_minute=end_minute
    )
    window.full_clean()
    window.save()
    profile.save(update_fields=["updated_at"])  # the matching index notices the change
    return window


@transaction.atomic
def availability_remove(*, profile: Profile, window_id: int) -> None:
    if profile.availability.filter(pk=window_id).delete()[0]:
        profile.save(update_fields=["updated_at"])


@transaction.atomic
def public_work_add(
    *, profile: Profile, kind: str, title: str, url: str = "", year: int | None = None
) -> PublicWork:
    work = PublicWork(profile=profile, kind=kind, title=title.strip(), url=url, year=year)
    work.full_clean()
    work.save()
    return work


@transaction.atomic
def public_work_remove(*, profile: Profile, work_id: int) -> None:
    profile.public_work.filter(pk=work_id).delete()
