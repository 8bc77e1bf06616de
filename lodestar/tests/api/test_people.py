"""The profile API: my profile by sections, with the web page's rules, and public profiles."""

from __future__ import annotations

import pytest

from lodestar.people.models import Skill

from .conftest import ApiClient, assert_error

pytestmark = pytest.mark.django_db


def test_it_reads_my_whole_profile(world, as_owner):
    me = as_owner.get("/me").json()
    assert me["email"] == "alice@example.org"
    assert me["time_zone"] == "Africa/Accra"
    assert [x["language"] for x in me["languages"]] == ["pt"]
    assert me["availability"] == [{"id": world.ids["window"], "weekday": 1, "start": "09:00", "end": "12:00"}]
    assert me["public_work"][0]["title"] == "Data stories"
    assert 0 < me["completeness"]["percent"] < 100
    assert {"label", "section"} <= set(me["completeness"]["missing"][0])


def test_a_section_changes_only_what_is_sent(as_owner):
    me = as_owner.patch("/me/about", {"headline": "Analyst who likes charts"}).json()
    assert me["headline"] == "Analyst who likes charts"
    assert me["display_name"] == "Alice Mensah"
    me = as_owner.patch("/me/work", {"seniority": 3, "years_experience": 6}).json()
    assert (me["seniority"], me["years_experience"]) == (3, 6)
    assert as_owner.patch("/me/work", {"years_experience": None}).json()["years_experience"] is None


def test_sections_follow_the_profile_pages_rules(world, as_owner):
    error = assert_error(as_owner.patch("/me/about", {"display_name": "   "}), 422, "invalid")
    assert "display_name" in error["fields"]
    error = assert_error(as_owner.patch("/me/mentor", {"accepting_mentees": True}), 422)
    assert set(error["fields"]) == {"mentorship_types", "max_mentees"}
    error = assert_error(as_owner.patch("/me/work", {"manager_email": "nobody@example.org"}), 422)
    assert "nobody@example.org" in error["fields"]["manager_email"][0]
    # An old zone name is read as its current one, as on the page.
    assert as_owner.patch("/me/place", {"time_zone": "Asia/Calcutta"}).json()["time_zone"] == "Asia/Kolkata"
    assert_error(as_owner.patch("/me/place", {"time_zone": "Mars/Olympus"}), 422)


def test_the_manager_is_named_by_email(world, as_owner):
    me = as_owner.patch("/me/work", {"manager_email": "BOB@example.org"}).json()
    assert me["manager_email"] == "bob@example.org"
    assert as_owner.patch("/me/work", {"manager_email": ""}).json()["manager_email"] is None


def test_skills_are_replaced_and_deduplicated(as_owner):
    me = as_owner.put("/me/skills", {"skills": ["Python", " python ", "SQL"], "expertise": ["SQL"]}).json()
    assert me["skills"] == ["Python", "SQL"]
    assert me["expertise"] == ["SQL"]
    assert_error(as_owner.put("/me/skills", {"skills": ["a, b"]}), 422)
    assert_error(as_owner.put("/me/skills", {"skills": [f"s{n}" for n in range(31)]}), 422)


def test_languages_windows_and_work_are_added_and_removed(world, as_owner):
    language = as_owner.post("/me/languages", {"language": "fr", "proficiency": 2})
    assert language.status_code == 201 and language.json()["name"] == "French"
    assert_error(as_owner.post("/me/languages", {"language": "xx"}), 422)

    window = as_owner.post("/me/availability", {"weekday": 4, "start": "22:00", "end": "00:00"})
    assert window.status_code == 201 and window.json()["end"] == "24:00"
    clash = assert_error(as_owner.post("/me/availability", {"weekday": 1, "start": "11:00", "end": "13:00"}), 422)
    assert "overlaps" in clash["fields"]["start"][0]

    work = as_owner.post("/me/public-work", {"kind": "talk", "title": "Charts that persuade", "year": 2024})
    assert work.status_code == 201

    for path, key in (("languages", "language"), ("availability", "window"), ("public-work", "work")):
        assert as_owner.delete(f"/me/{path}/{world.ids[key]}").status_code == 204
        assert_error(as_owner.delete(f"/me/{path}/{world.ids[key]}"), 404, "not_found")
    me = as_owner.get("/me").json()
    assert [x["language"] for x in me["languages"]] == ["fr"]
    assert len(me["availability"]) == 1 and len(me["public_work"]) == 1


def test_a_public_profile_shows_what_the_page_shows(world, as_other, as_counterpart):
    person = as_other.get(f"/people/{world.ids['mentor']}").json()
    assert person["display_name"] == "Bob Tanaka"
    assert "email" not in person and "manager_email" not in person
    assert person["mentor"]["accepting_mentees"] is True
    assert person["is_self"] is False
    alice = as_counterpart.get(f"/people/{world.ids['profile']}").json()
    assert alice["mentor"] is None
    assert alice["availability"][0]["owner_label"].endswith("09:00–12:00")
    assert alice["availability"][0]["viewer_label"].endswith("18:00–21:00")  # Bob is in Tokyo


def test_an_inactive_persons_profile_is_not_found(world, as_other):
    owner = world.user("owner")
    owner.is_active = False
    owner.save()
    assert_error(as_other.get(f"/people/{world.ids['profile']}"), 404)


def test_the_skills_taxonomy_is_searched_and_paged(world, as_owner):
    Skill.objects.bulk_create(
        [Skill(name=f"Skill {n:02d}", key=f"skill {n:02d}", category="Test") for n in range(30)]
        + [Skill(name="Python", key="python", category="Software")]
    )
    page = as_owner.get("/skills?q=PYTH").json()
    assert [s["name"] for s in page["items"]] == ["Python"]
    page = as_owner.get("/skills?category=test&limit=10&offset=25").json()
    assert page["count"] == 30 and len(page["items"]) == 5
    assert_error(as_owner.get("/skills?limit=101"), 422)
    assert_error(as_owner.get("/skills?offset=-1"), 422)


def test_a_person_without_a_profile_gets_one(db):
    from lodestar.people.tests.factories import UserFactory

    staff = UserFactory(email="root@example.org", is_staff=True)
    assert ApiClient(staff).get("/me").json()["display_name"] == "root"
