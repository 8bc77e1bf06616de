"""Whether a mentee is ready to find a mentor, and exactly what is missing if not.

Ready means: the goals pass the goal coach (every active goal specific, measurable, dated in
its horizon; not too many at once), at least one skill gap, at least one kind of guidance
wanted, and at least one persona criterion. Drafts that do not pass are still saved: only this
state waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.people.models import Profile

from .coach import Finding, GoalDraft, GoalSetReview, review_goals
from .models import Goal, GoalStatus, Reflection, Step


@dataclass(frozen=True)
class Missing:
    code: str  # "goals", "skill_gaps", "guidance" or "persona": stable, for the API
    label: str
    step: str  # the reflection step that fixes it


@dataclass(frozen=True)
class Readiness:
    goals: GoalSetReview
    missing: tuple[Missing, ...]

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def started(self) -> bool:
        return bool(self.goals.goals) or len(self.missing) < 4

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """What keeps the goals from passing, set-level first."""
        return self.goals.blocking

    def step_done(self, step: str) -> bool:
        if step == Step.REVIEW:
            return self.ready
        return all(m.step != step for m in self.missing)

    def findings_for(self, goal_id: int) -> tuple[Finding, ...]:
        for review in self.goals.goals:
            if review.goal.key == goal_id:
                return review.findings
        return ()


def local_today(profile: Profile) -> date:
    """Today on the mentee's own calendar: a target date "in the past" is judged there."""
    return timezone.localdate(timezone=profile.time_zone)


def goal_draft(goal: Goal) -> GoalDraft:
    return GoalDraft(
        text=goal.text,
        horizon=goal.horizon,
        target_date=goal.target_date,
        measure=goal.measure,
        why=goal.why,
        active=goal.status == GoalStatus.ACTIVE,
        key=goal.pk,
    )


def review_stored_goals(profile: Profile, *, today: date | None = None) -> GoalSetReview:
    goals = Goal.objects.for_owner(profile)
    return review_goals([goal_draft(g) for g in goals], today=today or local_today(profile))


def reflection_readiness(profile: Profile, *, today: date | None = None) -> Readiness:
    review = review_stored_goals(profile, today=today)
    reflection = Reflection.objects.filter(profile=profile).first()
    missing = []
    if not review.passes:
        missing.append(Missing("goals", _("goals the coach is happy with"), Step.GOALS))
    if not profile.skill_gaps.exists():
        missing.append(Missing("skill_gaps", _("at least one skill you want to build"), Step.GAPS))
    if reflection is None or not any(reflection.guidance_weights.values()):
        missing.append(Missing("guidance", _("the kind of guidance you want"), Step.GUIDANCE))
    if not profile.persona.exists():
        missing.append(Missing("persona", _("something your ideal mentor has"), Step.PERSONA))
    return Readiness(review, tuple(missing))
