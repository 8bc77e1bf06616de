"""How complete a profile is, and what exactly is missing."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Profile


@dataclass(frozen=True)
class Item:
    label: str
    done: bool
    section: str


@dataclass(frozen=True)
class Completeness:
    items: list[Item]

    @property
    def percent(self) -> int:
        if not self.items:
            return 100
        return round(100 * sum(i.done for i in self.items) / len(self.items))

    @property
    def missing(self) -> list[Item]:
        return [i for i in self.items if not i.done]


def profile_completeness(profile: Profile) -> Completeness:
    """Everyone is a potential mentee; mentor items count once the person offers to mentor."""
    languages = profile.languages.exists()
    items = [
        Item(_("a headline"), bool(profile.headline), "about"),
        Item(_("a bio of a few sentences"), len(profile.bio) >= 80, "about"),
        Item(_("a photo"), bool(profile.photo), "about"),
        Item(_("your job title"), bool(profile.job_title), "work"),
        Item(_("your organization"), bool(profile.organization), "work"),
        Item(_("your seniority"), profile.seniority is not None, "work"),
        Item(_("years of experience"), profile.years_experience is not None, "work"),
        Item(_("your country"), bool(profile.country), "place"),
        Item(_("the languages you speak"), languages, "languages"),
        Item(_("your skills"), profile.skills.exists(), "skills"),
        Item(_("your weekly availability"), profile.availability.exists(), "availability"),
        Item(_("how you like to communicate"), bool(profile.channels), "style"),
        Item(_("how you like feedback"), bool(profile.feedback_style), "style"),
    ]
    if profile.is_mentor or profile.accepting_mentees:
        items += [
            Item(_("your areas of expertise"), profile.expertise.exists(), "skills"),
            Item(_("the guidance you can offer"), bool(profile.guidance_offered), "mentor"),
            Item(_("how many mentees you can take"), profile.max_mentees > 0, "mentor"),
            Item(_("minutes a month you can give"), profile.minutes_per_month > 0, "mentor"),
            Item(_("public work a mentee could mention"), profile.public_work.exists(), "public_work"),
        ]
    return Completeness(items)
