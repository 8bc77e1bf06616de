"""A realistic, repeatable demo population for trying Lodestar out.

`build_population` turns (count, seed) into plain PersonSpec records with no database access;
person number i depends only on the seed and i, so a smaller run is a prefix of a larger one.
`load` writes the records idempotently: everything is keyed on the email address, people who
already exist are left alone, and only the missing ones are added.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from faker import Faker

from lodestar.accounts.models import User

from . import demo_catalog as cat
from .models import (
    AvailabilityWindow,
    Channel,
    FeedbackStyle,
    Guidance,
    MentorshipType,
    Profile,
    ProfileLanguage,
    Proficiency,
    PublicWork,
    Seniority,
    WorkKind,
)
from .taxonomy import COMMUNICATION, LEADERSHIP, TAXONOMY, in_sentence, seed_skills

DEFAULT_PEOPLE = 320
DEFAULT_SEED = 2026
DEMO_PASSWORD = "lodestar-demo-2026"
LATEST_YEAR = 2025  # fixed, so the data does not change with the calendar

S = Seniority
SENIORITY_WEIGHTS = {S.STUDENT: 4, S.ENTRY: 10, S.JUNIOR: 18, S.MID: 26, S.SENIOR: 20,
                     S.LEAD: 12, S.DIRECTOR: 7, S.EXECUTIVE: 3}
YEARS = {S.STUDENT: (0, 0), S.ENTRY: (0, 1), S.JUNIOR: (1, 3), S.MID: (3, 7), S.SENIOR: (6, 12),
         S.LEAD: (9, 16), S.DIRECTOR: (12, 22), S.EXECUTIVE: (16, 30)}
MENTOR_CHANCE = {S.STUDENT: 0.0, S.ENTRY: 0.05, S.JUNIOR: 0.15, S.MID: 0.4, S.SENIOR: 0.65,
                 S.LEAD: 0.75, S.DIRECTOR: 0.75, S.EXECUTIVE: 0.6}
P = Proficiency
ENGLISH = {  # (proficiency or None, weight)
    cat.OFFICIAL: ((P.NATIVE, 25), (P.FLUENT, 65), (P.WORKING, 10)),
    cat.COMMON: ((P.FLUENT, 50), (P.WORKING, 40), (P.CONVERSATIONAL, 10)),
    cat.OFTEN: ((P.FLUENT, 20), (P.WORKING, 45), (P.CONVERSATIONAL, 20), (P.BASIC, 5), (None, 10)),
}
ASCII_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss",
                            "ı": "i", "đ": "d", "Đ": "D", "œ": "oe", "ð": "d", "þ": "th"})


@dataclass
class PersonSpec:
    email: str
    display_name: str
    organization: str
    department: str
    job_title: str
    seniority: int
    years_experience: int
    country: str
    time_zone: str
    city: str
    headline: str = ""
    bio: str = ""
    skills: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    feedback_style: str = ""
    guidance_offered: list[str] = field(default_factory=list)
    mentorship_types: list[str] = field(default_factory=list)
    max_mentees: int = 0
    minutes_per_month: int = 0
    accepting_mentees: bool = False
    public_work: list[tuple[str, str, str, int]] = field(default_factory=list)
    windows: list[tuple[int, int, int]] = field(default_factory=list)
    manager_email: str = ""
    is_staff: bool = False
    is_superuser: bool = False
    role: str = ""  # only for the known log-ins


@dataclass
class LoadResult:
    created: int
    existing: int


def _weighted(rng: random.Random, pairs):
    items = list(pairs)
    return rng.choices([item for item, _w in items], weights=[w for _i, w in items])[0]


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale, providers=["faker.providers.person"])


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(ASCII_FOLD))
    return "".join(ch for ch in folded.lower() if ch.isascii() and ch.isalnum())


def _name(fake: Faker, locale: str, female: bool, rng: random.Random) -> tuple[str, str, str]:
    """(display name, given name, family name) in Latin script, ordered as people write them."""
    sex = "female" if female else "male"
    if locale in ("ja_JP", "zh_TW"):
        given = getattr(fake, f"first_romanized_name_{sex}")().title()
        family = fake.last_romanized_name().title()
    elif locale == "zh_CN":
        given, family = fake.first_romanized_name(), fake.last_romanized_name()
    else:
        given, family = getattr(fake, f"first_name_{sex}")(), fake.last_name()
    if locale == "vi_VN":  # family name first, then a middle name
        return f"{family} {fake.middle_name()} {given}", given, family
    if locale.startswith("es") and rng.random() < 0.3:
        second = fake.last_name()
        if second != family:
            return f"{given} {family} {second}", given, family
    return f"{given} {family}", given, family


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _skills(
    rng: random.Random, dept: cat.Department, seniority: int
) -> tuple[list[str], list[str]]:
    """Skills from the person's own field first, then communication and leadership ones."""
    pool = [name for category in dept.categories for name in TAXONOMY[category]]
    own = rng.sample(pool, k=rng.randint(4, 7))
    extra = []
    if rng.random() < 0.7:
        extra += rng.sample(TAXONOMY[COMMUNICATION], k=rng.randint(1, 2))
    if seniority >= S.SENIOR or (seniority == S.MID and rng.random() < 0.3):
        extra += rng.sample(TAXONOMY[LEADERSHIP], k=rng.randint(1, 3))
    return own, extra


def _languages(rng: random.Random, country: cat.Country, native: str) -> list[tuple[str, int]]:
    langs: dict[str, int] = {native: P.NATIVE}
    if native != "en":
        level = _weighted(rng, ENGLISH[country.english])
        if level is not None:
            langs["en"] = level
    for code in country.extra_languages:
        if code not in langs and rng.random() < 0.35:
            langs[code] = rng.choice([P.CONVERSATIONAL, P.WORKING, P.FLUENT])
    if rng.random() < 0.15:
        code = rng.choice(cat.LEARNED_LANGUAGES)
        langs.setdefault(code, rng.choice([P.BASIC, P.CONVERSATIONAL]))
    return list(langs.items())


def _windows(rng: random.Random, mentor: bool) -> list[tuple[int, int, int]]:
    """Weekly windows in local time: evenings, lunch breaks, early mornings, weekends..."""
    if not mentor and rng.random() < 0.08:
        return []
    weekdays = range(5)

    def evenings():
        start, length = rng.choice([1080, 1110, 1140, 1170]), rng.choice([60, 90, 120])
        return [(d, start, start + length) for d in rng.sample(range(4), k=rng.randint(1, 3))]

    def lunch():
        start, length = rng.choice([720, 750, 780]), rng.choice([45, 60])
        return [(d, start, start + length) for d in rng.sample(weekdays, k=rng.randint(2, 4))]

    def early():
        start = rng.choice([420, 450, 480])
        return [(d, start, start + 60) for d in rng.sample(weekdays, k=rng.randint(1, 2))]

    def afternoon():
        start, length = rng.choice([900, 930, 960]), rng.choice([60, 90])
        return [(d, start, start + length) for d in rng.sample(weekdays, k=rng.randint(1, 2))]

    def weekend():
        start, length = rng.choice([540, 570, 600]), rng.choice([90, 120, 180])
        return [(d, start, start + length) for d in rng.sample([5, 6], k=rng.randint(1, 2))]

    def late():  # for people who meet others many hours away; may run to midnight
        start = rng.choice([1260, 1320, 1350])
        end = 1440 if start >= 1320 else start + 90
        return [(d, start, end) for d in rng.sample(range(4), k=1)]

    patterns = [evenings, lunch, early, afternoon, weekend, late]
    chosen = rng.choices(patterns, weights=[5, 4, 2, 2, 3, 1], k=rng.choice([1, 2, 2, 3]))
    windows: list[tuple[int, int, int]] = []
    for pattern in chosen:
        for day, start, end in pattern():
            if all(d != day or end <= s or e <= start for d, s, e in windows):
                windows.append((day, start, end))
    return sorted(windows)


def _mentoring(rng: random.Random, spec: PersonSpec, dept: cat.Department) -> None:
    level = spec.seniority
    M, G = MentorshipType, Guidance
    if level <= S.JUNIOR:
        types = {M.PEER} | {t for t, p in ((M.REVERSE, 0.5), (M.VIRTUAL, 0.4)) if rng.random() < p}
    elif level == S.MID:
        types = set(rng.sample([M.PEER, M.INFORMAL, M.VIRTUAL, M.FORMAL], k=rng.randint(2, 3)))
    else:
        types = set(rng.sample([M.FORMAL, M.INFORMAL, M.VIRTUAL, M.FORMAL, M.INFORMAL, M.PEER,
                                M.REVERSE], k=rng.randint(2, 4)))
    chances = {
        G.TECHNICAL: 0.85 if dept.technical else 0.5,
        G.CAREER: 0.3 if level <= S.JUNIOR else 0.8,
        G.NAVIGATION: 0.6 if level >= S.SENIOR else (0.2 if level == S.MID else 0.0),
        G.EMOTIONAL: 0.35,
    }
    guidance = [g for g, p in chances.items() if rng.random() < p] or [G.CAREER]
    spec.mentorship_types = [t.value for t in M if t in types]
    spec.guidance_offered = [g.value for g in guidance]
    top = 2 if level <= S.JUNIOR else 3 if level == S.MID else 5
    spec.max_mentees = rng.randint(1, top)
    spec.minutes_per_month = min(240, max(30, spec.max_mentees * rng.choice([30, 45, 60])))
    spec.accepting_mentees = rng.random() < 0.8


def _public_work(rng: random.Random, spec: PersonSpec, org: cat.Organization) -> None:
    mentor = bool(spec.mentorship_types)
    if mentor:
        count = rng.randint(1, 4) if rng.random() < 0.85 else 0
    elif spec.seniority >= S.SENIOR:
        count = rng.randint(1, 2) if rng.random() < 0.35 else 0
    else:
        count = 1 if rng.random() < 0.08 else 0
    handle = spec.email.split("@")[0].replace(".", "-")
    first_year = max(LATEST_YEAR - spec.years_experience, LATEST_YEAR - 10)
    topics = spec.expertise or spec.skills
    seen: set[str] = set()
    for _ in range(count):
        kind = _weighted(rng, ((WorkKind.TALK, 4), (WorkKind.ARTICLE, 4), (WorkKind.PROJECT, 2)))
        templates = {WorkKind.TALK: cat.TALK_TITLES, WorkKind.ARTICLE: cat.ARTICLE_TITLES,
                     WorkKind.PROJECT: cat.PROJECT_TITLES}[kind]
        skill = rng.choice(topics)
        title = rng.choice(templates).format(
            skill=in_sentence(skill), Skill=skill[:1].upper() + skill[1:], org=org.name
        )
        if title in seen:
            continue
        seen.add(title)
        year = rng.randint(first_year, LATEST_YEAR)
        slug = slugify(title)[:80]
        if kind == WorkKind.TALK:
            url = f"https://{rng.choice(cat.TALK_VENUES)}/{year}/{slug}"
        elif kind == WorkKind.ARTICLE and rng.random() < 0.4:
            url = f"https://blog.{org.domain}/{year}/{slug}"
        else:
            sites = cat.ARTICLE_SITES if kind == WorkKind.ARTICLE else cat.PROJECT_SITES
            url = f"https://{rng.choice(sites)}/{handle}/{slug}"
        spec.public_work.append((kind.value, title, url, year))


def _story(rng: random.Random, spec: PersonSpec, dept: cat.Department) -> None:
    """Headline and a short bio, assembled from the person's own facts."""
    focus = ", ".join(in_sentence(s) for s in spec.expertise[:2])
    spec.headline = f"{spec.job_title} at {spec.organization}" + (f" · {focus}" if focus else "")
    spec.headline = spec.headline[:140]
    years = spec.years_experience
    if spec.seniority == S.STUDENT:
        parts = [f"I am a student, working part-time with the {spec.department} team at "
                 f"{spec.organization} in {spec.city}."]
    else:
        parts = [f"I am based in {spec.city} and work at {spec.organization} as "
                 f"{_article(spec.job_title)}."]
        span = "one year" if years == 1 else f"{years} years"
        parts.append(
            f"I started out in {dept.field} this year." if years == 0
            else f"I have worked in {dept.field} for {span}."
        )
    s1, s2 = rng.sample(spec.skills, k=2)
    parts.append(rng.choice(cat.BIO_FOCUS).format(s1=in_sentence(s1), s2=in_sentence(s2)))
    if spec.mentorship_types:
        topic = in_sentence(rng.choice(spec.expertise)) if spec.expertise else dept.field
        parts.append(rng.choice(cat.BIO_MENTOR).format(topic=topic))
    if not spec.mentorship_types or rng.random() < 0.4:
        pool = [s for c in (LEADERSHIP, COMMUNICATION) for s in TAXONOMY[c] if s not in spec.skills]
        parts.append(rng.choice(cat.BIO_GROWTH).format(skill=in_sentence(rng.choice(pool))))
    spec.bio = " ".join(parts)


def _person(index: int, seed: int, taken: set[str]) -> PersonSpec:
    rng = random.Random(f"{seed}:{index}")
    countries = cat.COUNTRIES
    # The first few people visit every country once, so even small runs are spread out.
    country = countries[index] if index < len(countries) else _weighted(
        rng, ((c, c.weight) for c in countries)
    )
    locale, native = rng.choice(country.locales)
    time_zone, cities = _weighted(rng, ((zc, len(zc[1])) for zc in country.zones))
    fake = _faker(locale)
    fake.seed_instance(f"{seed}:{index}:name")
    display_name, given, family = _name(fake, locale, rng.random() < 0.5, rng)

    orgs = [o for o in cat.ORGANIZATIONS if not o.continents or country.continent in o.continents]
    org = _weighted(rng, ((o, o.weight) for o in orgs))
    department = _weighted(rng, ((d, 3 if d == cat.ENGINEERING else 1) for d in org.departments))
    dept = cat.DEPARTMENTS[department]
    seniority = _weighted(rng, SENIORITY_WEIGHTS.items())
    low, high = YEARS[seniority]

    local = f"{_ascii(given) or 'person'}.{_ascii(family) or index}"
    email, n = f"{local}@{org.domain}", 1
    while email in taken:
        n += 1
        email = f"{local}{n}@{org.domain}"
    taken.add(email)

    spec = PersonSpec(
        email=email, display_name=display_name[:80], organization=org.name, department=department,
        job_title=rng.choice(dept.ladder[seniority]), seniority=int(seniority),
        years_experience=rng.randint(low, high), country=country.code, time_zone=time_zone,
        city=rng.choice(cities),
    )
    own, extra = _skills(rng, dept, seniority)
    spec.skills = own + [s for s in extra if s not in own]
    mentor = rng.random() < MENTOR_CHANCE[seniority]
    if mentor or seniority >= S.SENIOR:
        spec.expertise = rng.sample(own, k=rng.randint(2, 3)) + extra[: rng.randint(0, 1)]
    elif seniority == S.MID and rng.random() < 0.5:
        spec.expertise = rng.sample(own, k=rng.randint(1, 2))
    spec.languages = _languages(rng, country, native)
    if rng.random() < 0.9:
        options = [(Channel.VIDEO, 5), (Channel.CHAT, 3), (Channel.EMAIL, 3), (Channel.PHONE, 1)]
        picked = {_weighted(rng, options) for _ in range(rng.randint(1, 3))}
        spec.channels = [c.value for c in Channel if c in picked]
    if rng.random() < 0.85:
        spec.feedback_style = rng.choice(list(FeedbackStyle)).value
    if mentor:
        _mentoring(rng, spec, dept)
    spec.windows = _windows(rng, mentor)
    _public_work(rng, spec, org)
    _story(rng, spec, dept)
    return spec


def _assign_managers(people: list[PersonSpec], seed: int) -> None:
    """Some people report to someone more senior in the same organization.

    A manager is always strictly more senior than the report, so nobody manages themselves
    and no reporting line can loop back on itself.
    """
    rng = random.Random(f"{seed}:managers")
    by_org: dict[str, list[PersonSpec]] = defaultdict(list)
    for person in people:
        by_org[person.organization].append(person)
    for person in people:
        if person.seniority >= S.EXECUTIVE or rng.random() >= 0.45:
            continue
        colleagues = by_org[person.organization]
        close = [c for c in colleagues if c.department == person.department
                 and person.seniority < c.seniority <= person.seniority + 2]
        heads = [c for c in colleagues if c.seniority >= max(S.DIRECTOR, person.seniority + 1)]
        candidates = close or heads
        if candidates:
            person.manager_email = rng.choice(candidates).email


def build_population(count: int = DEFAULT_PEOPLE, seed: int = DEFAULT_SEED) -> list[PersonSpec]:
    """`count` generated people; the same (count, seed) always gives the same people."""
    taken = {spec.email for spec in known_people()}
    people = [_person(index, seed, taken) for index in range(count)]
    _assign_managers(people, seed)
    return people


def known_people() -> list[PersonSpec]:
    """The four log-ins the README promises; identical on every run and every seed."""
    return [PersonSpec(**deepcopy(fields)) for fields in cat.KNOWN_PEOPLE]


def _profile(spec: PersonSpec, user_id: int) -> Profile:
    return Profile(
        user_id=user_id, display_name=spec.display_name, headline=spec.headline, bio=spec.bio,
        organization=spec.organization, department=spec.department, job_title=spec.job_title,
        seniority=spec.seniority, years_experience=spec.years_experience, country=spec.country,
        time_zone=spec.time_zone, channels=spec.channels, feedback_style=spec.feedback_style,
        guidance_offered=spec.guidance_offered, mentorship_types=spec.mentorship_types,
        max_mentees=spec.max_mentees, minutes_per_month=spec.minutes_per_month,
        accepting_mentees=spec.accepting_mentees,
    )


@transaction.atomic
def load(specs: list[PersonSpec], password_hash: str) -> LoadResult:
    """Add whoever of `specs` is missing; never duplicate or rewrite people who exist.

    The known log-ins are the exception: their password and staff flags are put back, so the
    password printed at the end always works.
    """
    skills = seed_skills()
    emails = [spec.email for spec in specs]
    existing_users = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create([
        User(email=s.email, password=password_hash,
             is_staff=s.is_staff, is_superuser=s.is_superuser)
        for s in specs if s.email not in existing_users
    ])
    user_ids = dict(User.objects.filter(email__in=emails).values_list("email", "id"))
    for spec in specs:
        if spec.role:
            User.objects.filter(email=spec.email).update(
                password=password_hash, is_active=True,
                is_staff=spec.is_staff, is_superuser=spec.is_superuser,
            )

    addresses = set(EmailAddress.objects.filter(email__in=emails).values_list("email", flat=True))
    EmailAddress.objects.bulk_create([
        EmailAddress(user_id=user_ids[e], email=e, verified=True, primary=True)
        for e in emails if e not in addresses
    ])
    EmailAddress.objects.filter(email__in=emails, verified=False).update(verified=True)

    with_profile = set(Profile.objects.filter(user__email__in=emails)
                       .values_list("user__email", flat=True))
    new = [spec for spec in specs if spec.email not in with_profile]
    profiles = [_profile(spec, user_ids[spec.email]) for spec in new]
    Profile.objects.bulk_create(profiles)
    profile_ids = dict(Profile.objects.filter(user__email__in=emails)
                       .values_list("user__email", "id"))

    skill_rows, expertise_rows, languages, works, windows = [], [], [], [], []
    SkillLink, ExpertiseLink = Profile.skills.through, Profile.expertise.through
    for spec, profile in zip(new, profiles, strict=True):
        pid = profile_ids[spec.email]
        profile.pk = pid
        skill_rows += [SkillLink(profile_id=pid, skill_id=skills[s].pk) for s in spec.skills]
        expertise_rows += [ExpertiseLink(profile_id=pid, skill_id=skills[s].pk)
                           for s in spec.expertise]
        languages += [ProfileLanguage(profile_id=pid, language=code, proficiency=level)
                      for code, level in spec.languages]
        works += [PublicWork(profile_id=pid, kind=k, title=t, url=u, year=y)
                  for k, t, u, y in spec.public_work]
        windows += [AvailabilityWindow(profile_id=pid, weekday=d, start_minute=s, end_minute=e)
                    for d, s, e in spec.windows]
        profile.manager_id = profile_ids.get(spec.manager_email)
    SkillLink.objects.bulk_create(skill_rows)
    ExpertiseLink.objects.bulk_create(expertise_rows)
    ProfileLanguage.objects.bulk_create(languages)
    PublicWork.objects.bulk_create(works)
    AvailabilityWindow.objects.bulk_create(windows)
    Profile.objects.bulk_update([p for p in profiles if p.manager_id], ["manager"])
    return LoadResult(created=len(new), existing=len(specs) - len(new))


@dataclass
class Summary:
    people: int
    countries: int
    time_zones: int
    continents: int
    mentors: int
    accepting: int


def summarize() -> Summary:
    continent_of = {c.code: c.continent for c in cat.COUNTRIES}
    countries = set(Profile.objects.exclude(country="").values_list("country", flat=True))
    zones = {str(z) for z in Profile.objects.values_list("time_zone", flat=True)}
    return Summary(
        people=Profile.objects.count(),
        countries=len(countries),
        time_zones=len(zones),
        continents=len({continent_of[c] for c in countries if c in continent_of}),
        mentors=Profile.objects.mentors().count(),
        accepting=Profile.objects.accepting().count(),
    )


def login_url() -> str:
    return settings.SITE_ROOT.rstrip("/") + reverse("account_login")


def run(people: int = DEFAULT_PEOPLE, seed: int = DEFAULT_SEED) -> LoadResult:
    """Generate and load the known log-ins plus `people` generated people."""
    specs = known_people() + build_population(people, seed)
    return load(specs, make_password(DEMO_PASSWORD))
