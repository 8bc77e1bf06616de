"""The goals API: goals and their progress, and the rest of the self-reflection."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def _days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def test_a_goal_is_added_read_changed_and_removed(world, as_owner):
    created = as_owner.post("/goals", {"horizon": "short", "text": "Run the team retro alone by June",
                                       "target_date": _days(200)})
    assert created.status_code == 201
    goal = created.json()
    assert goal["status"] == "active" and goal["visibility"] == "private" and goal["milestones"] == []
    assert as_owner.get(f"/goals/{goal['id']}").json()["text"] == "Run the team retro alone by June"
    listed = as_owner.get("/goals?limit=2").json()
    assert listed["count"] == 3 and len(listed["items"]) == 2

    changed = as_owner.patch(f"/goals/{goal['id']}", {"why": "So the team can lean on me"}).json()
    assert changed["why"] == "So the team can lean on me" and changed["text"] == goal["text"]
    assert as_owner.put(f"/goals/{goal['id']}/status", {"status": "achieved"}).json()["status"] == "achieved"
    shared = as_owner.put(f"/goals/{goal['id']}/visibility", {"visibility": "mentors"}).json()
    assert shared["visibility"] == "mentors"
    assert as_owner.delete(f"/goals/{goal['id']}").status_code == 204
    assert_error(as_owner.get(f"/goals/{goal['id']}"), 404)


def test_the_services_rules_come_back_beside_their_fields(as_owner):
    error = assert_error(as_owner.post("/goals", {"horizon": "short", "text": "  "}), 422, "invalid")
    assert set(error["fields"]) == {"text"}
    error = assert_error(as_owner.post("/goals", {"horizon": "short", "text": "Speak up at all-hands",
                                                  "target_date": _days(-3)}), 422)
    assert "already passed" in error["fields"]["target_date"][0]
    error = assert_error(as_owner.post("/goals", {"horizon": "mid", "text": "x"}), 422)
    assert "horizon" in error["fields"]


def test_a_draft_the_coach_dislikes_is_saved_but_blocks_readiness(as_owner):
    assert as_owner.get("/reflection/readiness").json()["ready"] is True
    assert as_owner.post("/goals", {"horizon": "short", "text": "Get better at things"}).status_code == 201
    readiness = as_owner.get("/reflection/readiness").json()
    assert readiness["ready"] is False
    assert [m["code"] for m in readiness["missing"]] == ["goals"]
    assert any(f["code"] == "vague" for f in readiness["blocking"])
    assert all({"goal_id", "passes", "findings"} == set(g) for g in readiness["goals"])


def test_milestones_drive_progress(world, as_owner):
    goal = world.ids["goal"]
    error = assert_error(as_owner.put(f"/goals/{goal}/progress", {"percent": 50}), 422)
    assert "milestones" in error["fields"]["progress_percent"][0]
    second = as_owner.post(f"/goals/{goal}/milestones", {"title": "Second review"}).json()
    done = as_owner.patch(f"/goals/{goal}/milestones/{world.ids['milestone']}", {"done": True}).json()
    assert done["done"] is True
    assert as_owner.get(f"/goals/{goal}").json()["progress_percent"] == 50
    assert as_owner.delete(f"/goals/{goal}/milestones/{second['id']}").status_code == 204
    assert as_owner.get(f"/goals/{goal}").json()["progress_percent"] == 100
    plain = world.ids["goal_plain"]
    assert as_owner.put(f"/goals/{plain}/progress", {"percent": 30}).json()["progress_percent"] == 30
    assert_error(as_owner.put(f"/goals/{plain}/progress", {"percent": 101}), 422)


def test_check_ins_are_dated_notes(world, as_owner):
    plain = world.ids["goal_plain"]
    check_in = as_owner.post(f"/goals/{plain}/check-ins", {"on": _days(0), "note": "Hired one", "progress_percent": 20})
    assert check_in.status_code == 201 and check_in.json()["progress_percent"] == 20
    error = assert_error(as_owner.post(f"/goals/{plain}/check-ins", {"on": _days(2), "note": "Soon"}), 422)
    assert "future" in error["fields"]["on"][0]
    page = as_owner.get(f"/goals/{world.ids['goal']}/check-ins").json()
    assert page["count"] == 1 and page["items"][0]["note"] == "Drafted it"


def test_skill_gaps_are_added_replaced_and_removed(world, as_owner):
    added = as_owner.post("/reflection/skill-gaps", {"skill": "Public speaking", "note": "at all-hands"})
    assert added.status_code == 201 and added.json()["skill"] == "Public speaking"
    gaps = as_owner.put("/reflection/skill-gaps", {"skills": ["Budgeting", "SQL"]}).json()
    assert [g["skill"] for g in gaps] == ["Budgeting", "SQL"]
    assert gaps[0]["note"] == "cost reports"  # a note stays with a skill that stays
    assert as_owner.delete(f"/reflection/skill-gaps/{world.ids['gap']}").status_code == 204
    assert [g["skill"] for g in as_owner.get("/reflection/skill-gaps").json()] == ["SQL"]
    assert_error(as_owner.put("/reflection/skill-gaps", {"skills": [f"s{n}" for n in range(11)]}), 422)


def test_guidance_weights_change_one_at_a_time(as_owner):
    assert as_owner.get("/reflection/guidance").json()["career"] == 3
    weights = as_owner.put("/reflection/guidance", {"technical": 2}).json()
    assert weights == {"technical": 2, "career": 3, "navigation": 0, "emotional": 0}
    assert_error(as_owner.put("/reflection/guidance", {"technical": 4}), 422)


def test_the_persona_refuses_must_haves_no_mentor_could_meet(world, as_owner):
    nice = as_owner.post("/reflection/persona", {"kind": "experience_years", "value": 5,
                                                 "importance": "nice", "weight": 3})
    assert nice.status_code == 201
    assert nice.json()["label"] == "at least 5 years of experience"
    assert as_owner.post("/reflection/persona", {"kind": "mentorship_type", "value": "peer",
                                                 "importance": "must"}).status_code == 201
    clash = assert_error(as_owner.post("/reflection/persona", {"kind": "mentorship_type",
                                                               "value": "reverse", "importance": "must"}), 422)
    assert "value" in clash["fields"]
    assert as_owner.delete(f"/reflection/persona/{world.ids['criterion']}").status_code == 204
    assert len(as_owner.get("/reflection/persona").json()) == 2


def test_a_skill_name_is_measured_as_it_will_be_stored(as_owner):
    # NFKC turns this one character into 18: four of them no longer fit the 60-character column,
    # which PostgreSQL enforces (it was a server error there).
    for call in (lambda: as_owner.post("/reflection/skill-gaps", {"skill": "\ufdfa" * 4}),
                 lambda: as_owner.put("/reflection/skill-gaps", {"skills": ["\ufdfa" * 4]})):
        assert "60 characters" in assert_error(call(), 422)["fields"]["skill"][0]
