"""The programs API, end to end: import, run, review, publish, and what participants see."""

import pytest
from django.test import TestCase

from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs.models import ProgramMatch
from lodestar.tests.api.conftest import ApiClient

from .conftest import people_csv

pytestmark = pytest.mark.django_db


def test_an_admin_runs_a_program_through_the_api(program, admin):
    api = ApiClient(admin.user)
    bad = api.post(f"/programs/{program.pk}/participants/import", {"csv": "email,role\nnope,mentee\n"})
    assert bad.status_code == 422 and "line 2" in bad.json()["error"]["fields"]
    ok = api.post(f"/programs/{program.pk}/participants/import", {"csv": people_csv(4, 4)})
    assert ok.status_code == 201 and ok.json()["created"] == 8
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = api.post(f"/programs/{program.pk}/runs", {"mode": "optimal"})
    assert started.status_code == 202
    run = api.get(f"/programs/{program.pk}/runs/{started.json()['id']}").json()
    assert run["state"] == "done" and run["progress"] == 100
    pairs = api.get(f"/programs/{program.pk}/pairs").json()["items"]
    assert len(pairs) == 4 and all(p["reasons"] for p in pairs)
    swapped = api.post(f"/programs/{program.pk}/pairs/{pairs[0]['id']}/swap/{pairs[1]['id']}")
    assert swapped.status_code == 200 and all(p["locked"] for p in swapped.json())
    published = api.post(f"/programs/{program.pk}/publish")
    assert published.json() == {"pairs": 4, "waitlisted": 0}
    again = api.post(f"/programs/{program.pk}/publish")
    assert again.status_code == 422
    stats = api.get(f"/programs/{program.pk}/analytics").json()
    assert stats["funnel"]["matched"] == 8 and stats["match_rate"] == 100.0


def test_a_non_admin_cannot_see_a_program_through_the_api(program):
    api = ApiClient(ProfileFactory().user)
    assert api.get(f"/programs/{program.pk}").status_code == 404
    assert api.post(f"/programs/{program.pk}/publish").status_code == 404
    assert api.get("/programs/managed").json()["count"] == 0


def test_participants_apply_and_see_their_match(filled, admin):
    carol = ProfileFactory(user__email="carol@example.org")
    api = ApiClient(carol.user)
    placed = api.post(f"/programs/{filled.pk}/apply", {"role": "mentee"})
    assert placed.status_code == 201 and placed.json()["status"] == "applied"
    assert api.post(f"/programs/{filled.pk}/apply", {"role": "mentee"}).status_code == 422
    assert api.post(f"/programs/{filled.pk}/apply", {"role": "boss"}).status_code == 422
    mine = api.get("/me/programs").json()["items"]
    assert [m["status"] for m in mine] == ["applied"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        ApiClient(admin.user).post(f"/programs/{filled.pk}/runs", {})
    ApiClient(admin.user).post(f"/programs/{filled.pk}/publish")
    pair = ProgramMatch.objects.filter(program=filled).select_related("mentee__profile__user", "mentor__profile").first()
    theirs = ApiClient(pair.mentee.profile.user).get("/me/programs").json()["items"][0]
    assert theirs["matched_with"] == [pair.mentor.profile.display_name]
