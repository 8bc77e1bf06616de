"""The curated starting set of the shared skills taxonomy, grouped by category.

People may still add their own skills (services.skills_resolve); this list only makes sure a
fresh installation offers a sensible, consistently spelled set from the first day.
"""

from __future__ import annotations

from django.db import transaction

from .models import Skill, normalize_skill_name

SOFTWARE = "Software engineering"
PLATFORM = "Infrastructure and security"
DATA = "Data and AI"
PRODUCT = "Product management"
DESIGN = "Design"
MARKETING = "Marketing and communications"
SALES = "Sales and customers"
FINANCE = "Finance and business"
OPERATIONS = "Operations"
PEOPLE = "People and learning"
LEADERSHIP = "Leadership"
COMMUNICATION = "Communication"
RESEARCH = "Research and science"

TAXONOMY: dict[str, tuple[str, ...]] = {
    SOFTWARE: (
        "Python", "JavaScript", "TypeScript", "Java", "Go", "Rust", "C#", "Kotlin", "Swift",
        "React", "Django", "Node.js", "API design", "Software architecture",
        "Automated testing", "Mobile development", "Code review",
    ),
    PLATFORM: (
        "Cloud architecture", "AWS", "Kubernetes", "DevOps", "Site reliability engineering",
        "Observability", "Security engineering", "Infrastructure as code", "Linux",
        "Incident response",
    ),
    DATA: (
        "SQL", "Data analysis", "Data visualization", "Statistics", "Machine learning",
        "Deep learning", "Data engineering", "Experimentation", "Forecasting",
        "Natural language processing", "Business intelligence", "Spreadsheet modelling",
    ),
    PRODUCT: (
        "Product management", "Product discovery", "Roadmapping", "User research",
        "Product analytics", "Pricing", "Go-to-market strategy", "Agile delivery",
    ),
    DESIGN: (
        "UX design", "Interaction design", "Design systems", "Accessibility", "Prototyping",
        "Visual design", "Content design", "Service design",
    ),
    MARKETING: (
        "Content marketing", "SEO", "Brand strategy", "Social media", "Public relations",
        "Copywriting", "Marketing analytics", "Email marketing", "Community building",
    ),
    SALES: (
        "Enterprise sales", "Account management", "Negotiation", "Customer success",
        "Partnerships", "Sales operations", "Customer support", "Business development",
    ),
    FINANCE: (
        "Financial modelling", "Budgeting", "Accounting", "Financial planning and analysis",
        "Fundraising", "Risk management", "Procurement", "Business strategy", "Compliance",
    ),
    OPERATIONS: (
        "Project management", "Process improvement", "Supply chain management", "Lean",
        "Vendor management", "Program management", "Logistics", "Quality management",
    ),
    PEOPLE: (
        "Recruiting", "Learning and development", "Coaching", "Performance management",
        "Compensation and benefits", "Employee relations", "Diversity and inclusion",
        "Organizational design", "Instructional design", "Onboarding",
    ),
    LEADERSHIP: (
        "People management", "Hiring", "Strategic planning", "Change management",
        "Stakeholder management", "Decision making", "Team building", "Delegation",
        "Managing managers",
    ),
    COMMUNICATION: (
        "Public speaking", "Technical writing", "Presenting data", "Facilitation",
        "Storytelling", "Cross-cultural communication", "Conflict resolution",
        "Giving feedback",
    ),
    RESEARCH: (
        "Research methods", "Clinical research", "Scientific writing", "Grant writing",
        "Epidemiology", "Bioinformatics", "Energy systems", "Sustainability reporting",
    ),
}

# Names that keep their capital letter in the middle of a sentence.
PROPER_NAMES = frozenset(
    {
        "Python", "JavaScript", "TypeScript", "Java", "Go", "Rust", "C#", "Kotlin", "Swift",
        "React", "Django", "Node.js", "AWS", "Kubernetes", "DevOps", "Linux", "SQL", "SEO",
        "UX design",
    }
)


def category_of(name: str) -> str:
    for category, names in TAXONOMY.items():
        if name in names:
            return category
    raise KeyError(name)


def in_sentence(name: str) -> str:
    """The skill's name as it reads mid-sentence: "Python", but "stakeholder management"."""
    return name if name in PROPER_NAMES else name[:1].lower() + name[1:]


@transaction.atomic
def seed_skills() -> dict[str, Skill]:
    """Add every taxonomy skill that is missing; return all of them by display name.

    Safe to run any number of times: skills are matched on their normalized key, existing
    names are left as they are, and a category is only filled in where none was set.
    """
    wanted: dict[str, tuple[str, str]] = {}
    for category, names in TAXONOMY.items():
        for raw in names:
            display, key = normalize_skill_name(raw)
            wanted[key] = (display, category)
    existing = {skill.key: skill for skill in Skill.objects.filter(key__in=wanted)}
    missing = [
        Skill(name=display, key=key, category=category)
        for key, (display, category) in wanted.items()
        if key not in existing
    ]
    Skill.objects.bulk_create(missing, ignore_conflicts=True)
    uncategorized = [s for s in existing.values() if not s.category]
    for skill in uncategorized:
        skill.category = wanted[skill.key][1]
    Skill.objects.bulk_update(uncategorized, ["category"])
    by_key = {skill.key: skill for skill in Skill.objects.filter(key__in=wanted)}
    return {display: by_key[key] for key, (display, _category) in wanted.items()}
