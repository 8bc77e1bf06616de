"""What a mentee's reflection asks of a mentor, in the shape matching reads.

Skill gaps are compared with a mentor's expertise, guidance weights with the guidance they
offer; persona must-haves are hard constraints and nice-to-haves add their weight.
"""

from __future__ import annotations

from dataclasses import dataclass

from lodestar.people.models import Guidance, Profile

from .models import SINGLE_VALUED, Importance, Reflection
from .readiness import reflection_readiness


@dataclass(frozen=True)
class Criterion:
    kind: str
    value: str | int  # minimums (years, seniority, hours) as numbers, the rest as codes
    skill_id: int | None = None
    weight: int | None = None  # nice-to-haves only, 1 to 3


@dataclass(frozen=True)
class MenteeNeeds:
    profile_id: int
    ready: bool
    skill_gap_ids: frozenset[int]
    guidance: dict[str, int]  # people.models.Guidance value -> 0 (not needed) to 3 (essential)
    must: tuple[Criterion, ...]
    nice: tuple[Criterion, ...]


def mentee_needs(profile: Profile) -> MenteeNeeds:
    reflection = Reflection.objects.filter(profile=profile).first()
    guidance = reflection.guidance_weights if reflection else dict.fromkeys(Guidance.values, 0)
    must, nice = [], []
    for c in profile.persona.all():
        value = int(c.value) if c.kind in SINGLE_VALUED else c.value
        criterion = Criterion(c.kind, value, c.skill_id, c.weight)
        (must if c.importance == Importance.MUST else nice).append(criterion)
    return MenteeNeeds(
        profile_id=profile.pk,
        ready=reflection_readiness(profile).ready,
        skill_gap_ids=frozenset(profile.skill_gaps.values_list("skill_id", flat=True)),
        guidance=guidance,
        must=tuple(must),
        nice=tuple(nice),
    )
