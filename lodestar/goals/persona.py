"""The mentor persona's rules: what each kind of criterion accepts, and which must-haves clash.

Only must-haves can contradict each other: they become hard constraints in matching, so two that
no mentor could meet at once would leave the mentee with nobody. Nice-to-haves are weights, and
conflicting wishes simply both count a little.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lodestar.people.models import MentorshipType, Seniority, language_choices, normalize_skill_name

from .models import CriterionKind, Importance, Trait, describe_criterion

LIMITS = {
    CriterionKind.EXPERIENCE_YEARS: (1, 50),
    CriterionKind.OVERLAP_HOURS: (1, 40),
}
DEFAULT_WEIGHT = 2


@dataclass(frozen=True)
class Wish:
    """A criterion as the rules see it, saved or about to be."""

    kind: str
    value: str
    importance: str
    skill_name: str = ""

    @property
    def label(self) -> str:
        return describe_criterion(self.kind, self.value, self.skill_name)

    @property
    def number(self) -> int:
        return int(self.value)


@dataclass(frozen=True)
class MenteeFacts:
    """What the rules need to know about the mentee themself."""

    seniority: int | None
    years_experience: int | None
    weekly_hours: float  # 0 when no availability has been shared yet


def clean_value(kind: str, raw: object) -> str:
    """The stored form of a criterion's value; a skill comes back as its display name."""
    if kind not in CriterionKind.values:
        raise ValidationError({"kind": _("Choose what kind of criterion this is.")})
    text = str(raw if raw is not None else "").strip()
    if kind in (
        CriterionKind.EXPERIENCE_YEARS,
        CriterionKind.OVERLAP_HOURS,
        CriterionKind.SENIORITY,
    ):
        return _clean_number(kind, text)
    if kind == CriterionKind.SKILL:
        display, key = normalize_skill_name(text)
        if not key:
            raise ValidationError({"value": _("Name the skill, for example budgeting.")})
        if len(display) > 60:
            raise ValidationError({"value": _("A skill name has 60 characters at most.")})
        return display
    if not text:
        raise ValidationError({"value": _("Choose one of the options in the list.")})
    allowed = {
        CriterionKind.TRAIT: Trait.values,
        CriterionKind.LANGUAGE: [code for code, _name in language_choices()],
        CriterionKind.MENTORSHIP_TYPE: MentorshipType.values,
    }[kind]
    if text not in allowed:
        raise ValidationError({"value": _("Choose one of the options in the list.")})
    return text


def _clean_number(kind: str, text: str) -> str:
    try:
        number = int(text)
    except ValueError:
        number = None
    if kind == CriterionKind.SENIORITY:
        if number not in Seniority.values:
            raise ValidationError({"value": _("Choose one of the seniority levels in the list.")})
        return str(number)
    if number is None:
        raise ValidationError({"value": _("Enter a whole number.")})
    low, high = LIMITS[kind]
    if kind == CriterionKind.OVERLAP_HOURS and number > high:
        message = _(
            "%(n)s hours a week is more than any mentor could share with you; as a must-have "
            "it would rule out everyone. Ask for %(high)s hours or fewer."
        )
        raise ValidationError({"value": message % {"n": number, "high": high}})
    if not low <= number <= high:
        raise ValidationError(
            {"value": _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}}
        )
    return str(number)


def clean_weight(importance: str, weight: object) -> int | None:
    if importance == Importance.MUST:
        return None
    if importance != Importance.NICE:
        raise ValidationError({"importance": _("Say whether this is a must-have or nice to have.")})
    if weight in (None, ""):
        return DEFAULT_WEIGHT
    try:
        number = int(weight)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 3:
        raise ValidationError({"weight": _("A nice-to-have counts 1, 2 or 3.")})
    return number


# --- contradictions -------------------------------------------------------------------------

# A rule looks at two must-haves (in either order) and returns why they clash, or None.
Rule = Callable[[Wish, Wish, MenteeFacts], str | None]


def _is(wish: Wish, kind: str, value: str | None = None) -> bool:
    return wish.kind == kind and (value is None or wish.value == value)


def _peer_and_reverse(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if _is(a, CriterionKind.MENTORSHIP_TYPE, MentorshipType.PEER) and _is(
        b, CriterionKind.MENTORSHIP_TYPE, MentorshipType.REVERSE
    ):
        return _(
            "a peer works at about your level, while a reverse mentor is more junior than you."
        )
    return None


def _formal_and_informal(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if _is(a, CriterionKind.MENTORSHIP_TYPE, MentorshipType.FORMAL) and _is(
        b, CriterionKind.MENTORSHIP_TYPE, MentorshipType.INFORMAL
    ):
        return _(
            "a mentorship either runs through a program or is arranged between the two of "
            "you, not both."
        )
    return None


def _level(value: int) -> str:
    return str(Seniority(value).label)


def _peer_and_seniority(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if (
        _is(a, CriterionKind.MENTORSHIP_TYPE, MentorshipType.PEER)
        and _is(b, CriterionKind.SENIORITY)
        and me.seniority is not None
        and b.number >= me.seniority + 2
    ):
        return _(
            "a peer works at about your own level (%(own)s), and %(level)s is two or more "
            "levels above it."
        ) % {"own": _level(me.seniority), "level": _level(b.number)}
    return None


def _reverse_and_seniority(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if (
        _is(a, CriterionKind.MENTORSHIP_TYPE, MentorshipType.REVERSE)
        and _is(b, CriterionKind.SENIORITY)
        and me.seniority is not None
        and b.number > me.seniority
    ):
        return _(
            "in reverse mentoring the mentor is more junior than you (%(own)s), so they "
            "cannot also be %(level)s or above."
        ) % {"own": _level(me.seniority), "level": _level(b.number)}
    return None


def _reverse_and_experience(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if (
        _is(a, CriterionKind.MENTORSHIP_TYPE, MentorshipType.REVERSE)
        and _is(b, CriterionKind.EXPERIENCE_YEARS)
        and me.years_experience is not None
        and b.number > me.years_experience
    ):
        return _(
            "in reverse mentoring the mentor has less experience than your %(own)s years, not more."
        ) % {"own": me.years_experience}
    return None


def _blunt_and_gentle(a: Wish, b: Wish, me: MenteeFacts) -> str | None:
    if _is(a, CriterionKind.TRAIT, Trait.DIRECT) and _is(b, CriterionKind.TRAIT, Trait.GENTLE):
        return _("one mentor's feedback cannot be blunt and gentle at the same time.")
    return None


RULES: tuple[Rule, ...] = (
    _peer_and_reverse,
    _formal_and_informal,
    _peer_and_seniority,
    _reverse_and_seniority,
    _reverse_and_experience,
    _blunt_and_gentle,
)


def contradictions(new: Wish, others: Iterable[Wish], me: MenteeFacts) -> list[str]:
    """Why `new` cannot be a must-have next to the other must-haves; empty when it can."""
    if new.importance != Importance.MUST:
        return []
    problems = []
    for old in others:
        if old.importance != Importance.MUST:
            continue
        for rule in RULES:
            reason = rule(new, old, me) or rule(old, new, me)
            if reason:
                problems.append(
                    _(
                        "“%(new)s” (must-have) contradicts “%(old)s” (must-have): %(reason)s "
                        "Make one of them nice to have, or remove one."
                    )
                    % {"new": new.label, "old": old.label, "reason": reason}
                )
                break
    return problems


def availability_conflict(new: Wish, me: MenteeFacts) -> str | None:
    """A must-have overlap larger than the hours the mentee has said they are free."""
    if (
        new.importance == Importance.MUST
        and new.kind == CriterionKind.OVERLAP_HOURS
        and me.weekly_hours
        and new.number > me.weekly_hours
    ):
        return _(
            "“%(new)s” (must-have) asks for more time than your own weekly availability "
            "(%(hours)s hours): no mentor can share more hours with you than you have free."
        ) % {"new": new.label, "hours": f"{me.weekly_hours:g}"}
    return None
