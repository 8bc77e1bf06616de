"""`lodestar demo-data`: a big, varied, valid and repeatable population with four known log-ins."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from lodestar.accounts.models import User
from lodestar.lib.zones import selectable_zones
from lodestar.people import demo
from lodestar.people.models import (
    AvailabilityWindow,
    Profile,
    ProfileLanguage,
    PublicWork,
    Seniority,
    Skill,
)
from lodestar.people.taxonomy import TAXONOMY, seed_skills

pytestmark = pytest.mark.django_db

KNOWN = {
    "mentee@lodestar.example",
    "mentor@lodestar.example",
    "programs@lodestar.example",
    "staff@lodestar.example",
}
SOUTH_AMERICA = {"AR", "BO", "BR", "CL", "CO", "EC", "GY", "PE", "PY", "SR", "UY", "VE"}
BY_PREFIX = {"Africa": "Africa", "Asia": "Asia", "Europe": "Europe", "Australia": "Oceania",
             "Pacific": "Oceania"}
INHABITED = {"Africa", "Asia", "Europe", "North America", "South America", "Oceania"}


@pytest.fixture(autouse=True)
def _debug_on(settings):
    settings.DEBUG = True  # the test runner turns DEBUG off; the command wants it on


def load(**options) -> str:
    out = StringIO()
    call_command("demo_data", stdout=out, **options)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())


def printed_password(output: str) -> str:
    return re.search(r"Password for all of them: (\S+)", output).group(1)


def continent(time_zone: str, country: str) -> str | None:
    prefix = time_zone.split("/")[0]
    if prefix == "America":
        return "South America" if country in SOUTH_AMERICA else "North America"
    if prefix == "Atlantic":  # the Canaries, Madeira, the Azores
        return "Europe" if country in {"ES", "PT"} else None
    return BY_PREFIX.get(prefix)


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "emails": EmailAddress.objects.count(),
        "skills": Skill.objects.count(),
        "skill links": Profile.skills.through.objects.count(),
        "expertise links": Profile.expertise.through.objects.count(),
        "languages": ProfileLanguage.objects.count(),
        "public work": PublicWork.objects.count(),
        "windows": AvailabilityWindow.objects.count(),
        "managed": Profile.objects.exclude(manager=None).count(),
    }


def test_full_size_population_is_varied_valid_and_loads_once():
    output = load()

    profiles = list(Profile.objects.select_related("manager"))
    assert len(profiles) >= 300
    places = {(str(p.time_zone), p.country.code) for p in profiles}
    assert len({country for _zone, country in places}) >= 25
    assert len({zone for zone, _country in places}) >= 20
    assert {continent(zone, country) for zone, country in places} >= INHABITED
    # Only current zone names, so each person could save their profile form unchanged.
    assert {zone for zone, _country in places} <= set(selectable_zones())

    mentors = [p for p in profiles if p.is_mentor]
    assert 0.3 <= len(mentors) / len(profiles) <= 0.5
    assert all(1 <= m.max_mentees <= 5 and 30 <= m.minutes_per_month <= 240 for m in mentors)
    assert all(m.guidance_offered for m in mentors)
    accepting = sum(m.accepting_mentees for m in mentors)
    assert 0.5 * len(mentors) < accepting < len(mentors)  # most, not all
    with_work = set(PublicWork.objects.values_list("profile_id", flat=True))
    assert sum(m.pk in with_work for m in mentors) >= 0.7 * len(mentors)
    assert all(w.url.startswith("https://") for w in PublicWork.objects.all())

    assert all(p.country and p.job_title and p.organization and p.headline for p in profiles)
    assert sum(bool(p.channels) for p in profiles) > 0.8 * len(profiles)
    assert sum(bool(p.feedback_style) for p in profiles) > 0.7 * len(profiles)
    spoken = set(ProfileLanguage.objects.values_list("profile_id", flat=True))
    assert all(p.pk in spoken for p in profiles)
    skilled = set(Profile.skills.through.objects.values_list("profile_id", flat=True))
    assert all(p.pk in skilled for p in profiles)

    # Years of experience grow with seniority.
    for level, most in [(Seniority.STUDENT, 1), (Seniority.JUNIOR, 4)]:
        assert all(p.years_experience <= most for p in profiles if p.seniority == level)
    assert all(p.years_experience >= 10 for p in profiles if p.seniority >= Seniority.DIRECTOR)

    # Availability: every window ends after it starts, and none overlap on a day.
    windows: dict[tuple[int, int], list[AvailabilityWindow]] = {}
    for w in AvailabilityWindow.objects.order_by("profile_id", "weekday", "start_minute"):
        assert w.end_minute > w.start_minute
        windows.setdefault((w.profile_id, w.weekday), []).append(w)
    for day in windows.values():
        for earlier, later in zip(day, day[1:]):
            assert earlier.end_minute <= later.start_minute, (earlier, later)

    # Managers: some people have one, inside their organization, never themselves, no loops.
    managed = [p for p in profiles if p.manager_id]
    assert len(managed) >= 0.2 * len(profiles)
    by_id = {p.pk: p for p in profiles}
    for person in managed:
        assert person.manager_id != person.pk
        assert person.manager.organization == person.organization
        seen, current = {person.pk}, person.manager
        while current is not None:
            assert current.pk not in seen, f"reporting loop through {person}"
            seen.add(current.pk)
            current = by_id[current.pk].manager

    # Every field of every row passes its validators (choices, lengths, URLs, ranges); keys and
    # table constraints were checked by the database itself on insert.
    for obj in [*profiles, *ProfileLanguage.objects.all(), *PublicWork.objects.all(),
                *AvailabilityWindow.objects.all()]:
        obj.full_clean(exclude=["user", "manager", "profile"], validate_unique=False,
                       validate_constraints=False)

    assert "http://127.0.0.1:8000/accounts/login/" in output
    assert all(email in output for email in KNOWN)
    assert printed_password(output) == demo.DEMO_PASSWORD
    assert re.search(rf"{len(profiles)} people in \d+ countries", output)

    before = counts()
    again = load()
    assert counts() == before
    assert "already loaded" in again and "nothing was added" in again


def test_known_accounts_are_verified_and_have_their_roles():
    load(people=20)
    users = {u.email: u for u in User.objects.filter(email__in=KNOWN).select_related("profile")}
    assert set(users) == KNOWN
    for user in users.values():
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True,
                                           primary=True).exists()
        assert user.is_active
    staff = users.pop("staff@lodestar.example")
    assert staff.is_staff and staff.is_superuser
    assert not any(user.is_staff or user.is_superuser for user in users.values())

    mentee = users["mentee@lodestar.example"].profile
    assert str(mentee.time_zone) == "Asia/Kolkata"
    assert mentee.seniority == Seniority.JUNIOR and "Analyst" in mentee.job_title
    assert not mentee.is_mentor
    assert mentee.skills.exists() and mentee.availability.exists()

    mentor = users["mentor@lodestar.example"].profile
    assert str(mentor.time_zone) == "America/Los_Angeles"
    assert mentor.is_mentor and mentor.accepting_mentees and mentor.max_mentees > 0
    assert mentor.seniority >= Seniority.DIRECTOR and mentor.public_work.count() >= 2
    assert Profile.objects.accepting().filter(pk=mentor.pk).exists()

    programs = users["programs@lodestar.example"].profile
    assert programs.department == "People and Culture"
    # Every generated person can log in too: all addresses are verified.
    assert EmailAddress.objects.filter(verified=True).count() == User.objects.count() == 24


def test_known_mentee_logs_in_with_the_printed_password(client):
    password = printed_password(load(people=5))
    email = "mentee@lodestar.example"
    wrong = client.post("/accounts/login/", {"login": email, "password": "nope"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
    assert client.get(response.url).status_code == 200  # the dashboard, in the mentee's zone

    client.logout()
    client.post("/accounts/login/", {"login": "staff@lodestar.example", "password": password})
    assert client.get("/admin/").status_code == 200


def test_running_again_changes_nothing_but_restores_the_demo_password():
    load(people=30)
    before = counts()
    mentee = User.objects.get(email="mentee@lodestar.example")
    mentee.set_password("something else entirely")
    mentee.save()

    output = load(people=30)
    assert counts() == before
    assert "already loaded" in output
    mentee.refresh_from_db()
    assert mentee.check_password(demo.DEMO_PASSWORD)


def test_a_bigger_run_adds_only_the_people_missing():
    load(people=15)
    first = set(Profile.objects.values_list("user__email", flat=True))
    output = load(people=25)
    assert "Added 10 demo people" in output
    emails = set(Profile.objects.values_list("user__email", flat=True))
    assert first < emails and len(emails) == 4 + 25


def test_same_seed_same_people_in_a_fresh_database():
    load(people=40)
    first = list(Profile.objects.order_by("user__email").values_list("user__email", "display_name",
                                                                    "time_zone", "job_title"))
    User.objects.all().delete()  # profiles and everything hanging off them go too
    assert not Profile.objects.exists()
    load(people=40)
    second = list(Profile.objects.order_by("user__email").values_list("user__email", "display_name",
                                                                     "time_zone", "job_title"))
    assert first == second

    names = [p.display_name for p in demo.build_population(10)]
    assert names == [p.display_name for p in demo.build_population(10)]
    assert names == [p.display_name for p in demo.build_population(30)[:10]]
    assert names != [p.display_name for p in demo.build_population(10, seed=7)]


def test_names_come_from_the_persons_country():
    people = demo.build_population(80)
    codes = {p.country for p in people}
    assert len(codes) >= 25
    assert all(p.display_name.strip() and p.email.isascii() for p in people)
    assert len({p.email for p in people}) == len(people)


def test_refuses_to_run_on_what_looks_like_a_real_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load(people=3)
    assert not User.objects.exists()
    load(people=3, force=True)
    assert User.objects.count() == 7


def test_taxonomy_seed_is_idempotent_and_keeps_existing_skills():
    Skill.objects.create(name="  python ")  # typed by someone before the seed ran
    skills = seed_skills()
    total = sum(len(names) for names in TAXONOMY.values())
    assert 110 <= total <= 140 and len(skills) == total
    assert Skill.objects.count() == total
    assert Skill.objects.get(key="python").category == "Software engineering"
    assert not Skill.objects.filter(category="").exists()
    seed_skills()
    assert Skill.objects.count() == total


def test_the_demo_log_ins_arrive_mid_story_and_the_story_is_told_once():
    from lodestar.goals.models import Goal
    from lodestar.meetings.models import Meeting
    from lodestar.outreach.models import IntroRequest

    output = load(people=60)
    assert "mid-story" in output
    ananya = Profile.objects.get(user__email="mentee@lodestar.example")
    elena = Profile.objects.get(user__email="mentor@lodestar.example")
    assert set(Goal.objects.filter(owner=ananya).values_list("horizon", flat=True)) == {
        "short", "long"}
    ananya.reflection.refresh_from_db()
    assert ananya.reflection.ready_at is not None
    accepted = IntroRequest.objects.get(mentee=ananya, mentor=elena)
    assert accepted.state == "accepted" and accepted.meeting.follow_up.sent_at is not None
    assert Meeting.objects.between(ananya, elena).count() == 2
    assert IntroRequest.objects.filter(mentor=elena, state="requested").count() == 1
    assert IntroRequest.objects.filter(mentee=ananya, state="requested").count() == 1
    # Elena, mid-mentorship, reads the goal Ananya shared with her mentors and not the other one
    assert list(Goal.objects.visible_to(elena).values_list("horizon", flat=True)) == ["short"]

    before = (Goal.objects.count(), IntroRequest.objects.count(), Meeting.objects.count())
    assert "mid-story" not in load(people=60)
    assert (Goal.objects.count(), IntroRequest.objects.count(), Meeting.objects.count()) == before
