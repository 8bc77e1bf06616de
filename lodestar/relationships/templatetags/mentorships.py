"""The dashboard's mentorships panel, for a template that only has the profile."""

from django import template

from lodestar.relationships.models import Relationship

register = template.Library()


@register.inclusion_tag("relationships/_dashboard_card.html")
def mentorships_panel(profile):
    rows = list(
        Relationship.objects.for_person(profile).open().select_related("mentee", "mentor")[:5]
    )
    for row in rows:
        row.other_person = row.other(profile)
    return {"rows": rows}
