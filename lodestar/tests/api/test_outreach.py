"""The outreach API as a script would use it: find a mentor, draft and coach a message, send it,
and follow the request through every answer; the waitlist and mentors found elsewhere. Each
refusal is checked to have changed nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lodestar.meetings.models import Meeting
from lodestar.notifications.models import OutboxMessage
from lodestar.outreach.models import (
    AbuseReport,
    ExternalMentor,
    HiddenMentor,
    IntroRequest,
    RequestState,
    Waitlist,
)
from lodestar.outreach.tests.conftest import good_message, make_mentor, make_person
from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory

from .conftest import ApiClient, assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_mentor_index():
    from lodestar.matching.directory import mentor_index_clear

    mentor_index_clear()
    yield
    mentor_index_clear()


@pytest.fixture
def mentee():
    return make_person(
        "Arjun Mehta",
        zone="Asia/Kolkata",
        windows=[(day, 7 * 60, 10 * 60) for day in range(1, 6)],
        email="arjun@example.org",
        job_title="Data engineer",
    )


@pytest.fixture
def mentor():
    return make_mentor("Elena Vasquez", email="elena@example.org", country="MX")


@pytest.fixture
def as_mentee(mentee):
    return ApiClient(mentee.user)


@pytest.fixture
def as_mentor(mentor):
    return ApiClient(mentor.user)


@pytest.fixture
def as_stranger():
    return ApiClient(ProfileFactory(user__email="stranger@example.org").user)


def later(**delta) -> dt.datetime:
    return (timezone.now() + dt.timedelta(**delta)).replace(second=0, microsecond=0)


def send(client, mentor, **overrides) -> dict:
    message = good_message(mentor)
    body = {
        "mentor_id": mentor.pk,
        "subject": message["subject"],
        "body": message["body"],
        "questions": message["questions"],
        "cited_work": mentor.public_work.first().pk,
        **overrides,
    }
    response = client.post("/intro-requests", body)
    assert response.status_code == 201, response.content
    return response.json()


# --- the directory -------------------------------------------------------------------------------


def test_the_directory_explains_each_mentor_and_counts_the_whole_result(as_mentee, mentor):
    kofi = make_mentor("Kofi Boateng", email="kofi@example.org", country="GH")
    page = as_mentee.get("/directory?limit=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1
    card = page["items"][0]
    assert card["available"] and card["status"] == "available"
    assert card["reasons"] and 0 <= card["score"] <= 1
    assert card["shared_hours"] >= 0 and isinstance(card["shared"], list)
    second = as_mentee.get("/directory?limit=1&offset=1").json()["items"][0]
    assert {card["mentor"]["id"], second["mentor"]["id"]} == {mentor.pk, kofi.pk}
    by_name = as_mentee.get("/directory?order=name").json()["items"]
    assert [c["mentor"]["id"] for c in by_name] == [mentor.pk, kofi.pk]  # Elena, Kofi
    mexico = as_mentee.get("/directory?country=MX").json()
    assert [c["mentor"]["id"] for c in mexico["items"]] == [mentor.pk]
    assert mexico["items"][0]["mentor"]["country"] == "MX"


def test_the_directory_filters_as_the_page_does(as_mentee, mentor):
    kofi = make_mentor(
        "Kofi Boateng", email="kofi@example.org", seniority=5, guidance_offered=["technical"]
    )
    people.language_set(profile=kofi, language="pt", proficiency=4)

    def found(query: str) -> list[int]:
        response = as_mentee.get(f"/directory?{query}")
        assert response.status_code == 200, response.content
        return [c["mentor"]["id"] for c in response.json()["items"]]

    assert found("min_seniority=5") == [kofi.pk]
    assert found("guidance=technical") == [kofi.pk]
    assert found("language=pt") == [kofi.pk]
    assert found("q=data%20engineering&order=name") == [mentor.pk, kofi.pk]
    assert found("q=knitting") == []


def test_the_directory_refuses_a_bad_filter_by_name(as_mentee, mentor):
    error = assert_error(as_mentee.get("/directory?country=XX"), 422, "invalid")
    assert "country" in error["fields"]
    assert_error(as_mentee.get("/directory?min_hours=41"), 422, "invalid")


def test_a_hidden_mentor_leaves_the_directory_and_the_suggestions(as_mentee, mentee, mentor):
    assert [c["mentor"]["id"] for c in as_mentee.get("/suggestions").json()] == [mentor.pk]
    assert as_mentee.put(f"/hidden-mentors/{mentor.pk}").status_code == 204
    assert as_mentee.get("/directory").json()["count"] == 0
    assert as_mentee.get("/suggestions").json() == []
    hidden = as_mentee.get("/directory?hidden=true").json()["items"]
    assert [c["hidden"] for c in hidden] == [True]
    assert as_mentee.delete(f"/hidden-mentors/{mentor.pk}").status_code == 204
    assert not HiddenMentor.objects.filter(owner=mentee).exists()


def test_bookmarks_filter_the_directory(as_mentee, mentor):
    make_mentor("Kofi Boateng", email="kofi@example.org")
    assert as_mentee.put(f"/bookmarks/{mentor.pk}").status_code == 204
    marked = as_mentee.get("/directory?bookmarked=true").json()["items"]
    assert [(c["mentor"]["id"], c["bookmarked"]) for c in marked] == [(mentor.pk, True)]
    assert as_mentee.delete(f"/bookmarks/{mentor.pk}").status_code == 204
    assert as_mentee.get("/directory?bookmarked=true").json()["count"] == 0


def test_a_mentor_not_taking_anyone_is_labelled_never_offered(as_mentee):
    resting = make_mentor("Rosa Quiet", email="rosa@example.org", accepting=False)
    assert as_mentee.get("/directory").json()["count"] == 0
    cards = as_mentee.get("/directory?include_unavailable=true").json()["items"]
    assert [(c["mentor"]["id"], c["available"], c["status"]) for c in cards] == [
        (resting.pk, False, "not_accepting")
    ]


# --- the composer and the coach ------------------------------------------------------------------


def test_the_draft_cites_the_chosen_work_in_the_chosen_tone(as_mentee, mentor):
    second = people.public_work_add(profile=mentor, kind="article", title="Pipelines that age well")
    drafted = as_mentee.post(
        f"/people/{mentor.pk}/draft", {"tone": "formal", "cited_work": second.pk}
    ).json()
    assert drafted["cited_work"] == second.pk and drafted["tone"] == "formal"
    assert "Pipelines that age well" in drafted["body"] and drafted["body"].startswith("Dear Elena")
    assert 2 <= len(drafted["questions"]) <= 3
    assert drafted["can_send"] and {w["id"] for w in drafted["works"]} >= {second.pk}
    assert not drafted["review"]["blocks"] and drafted["review"]["score"] >= 70
    plain = as_mentee.post(f"/people/{mentor.pk}/draft", {"cited_work": None}).json()
    assert plain["cited_work"] is None and "Pipelines" not in plain["body"]


def test_the_draft_refuses_another_mentors_work(as_mentee, mentor):
    other = make_mentor("Kofi Boateng", email="kofi@example.org")
    work = other.public_work.first()
    error = assert_error(
        as_mentee.post(f"/people/{mentor.pk}/draft", {"cited_work": work.pk}), 422, "invalid"
    )
    assert "cited_work" in error["fields"]


def test_the_coach_blocks_an_open_ended_ask_and_says_how_to_fix_it(as_mentee, mentor):
    review = as_mentee.post(
        f"/people/{mentor.pk}/coach",
        {"subject": "Mentorship", "body": "Hi, will you be my mentor? Thanks."},
    ).json()
    assert review["blocks"] and review["score"] <= 40
    codes = {f["code"]: f for f in review["findings"]}
    assert codes["open_ended_ask"]["blocks"] and codes["open_ended_ask"]["fix"]
    assert "weak_subject" in codes and not codes["weak_subject"]["blocks"]
    good = good_message(mentor)
    clean = as_mentee.post(
        f"/people/{mentor.pk}/coach", {"subject": good["subject"], "body": good["body"]}
    ).json()
    assert clean == {"score": 100, "blocks": False, "findings": []}


def test_nobody_writes_to_themselves(as_mentor, mentor):
    assert_error(as_mentor.post(f"/people/{mentor.pk}/coach", {"body": "Hello"}), 409)


# --- sending -------------------------------------------------------------------------------------


def test_sending_opens_a_request_both_people_see(as_mentee, as_mentor, mentee, mentor):
    sent = send(as_mentee, mentor)
    assert sent["state"] == "requested" and sent["role"] == "mentee"
    assert sent["actions"] == ["withdraw"] and sent["coach_score"] == 100
    assert sent["mentor"]["id"] == mentor.pk and len(sent["questions"]) == 2
    mine = as_mentee.get("/intro-requests?box=sent").json()
    assert [r["id"] for r in mine["items"]] == [sent["id"]] and mine["count"] == 1
    assert as_mentee.get("/intro-requests?box=received").json()["count"] == 0
    theirs = as_mentor.get(f"/intro-requests/{sent['id']}").json()
    assert theirs["role"] == "mentor" and theirs["body"].startswith("Dear Elena")
    assert set(theirs["actions"]) == {"accept", "decline", "redirect", "report"}
    assert set(theirs["reply_drafts"]) == {"time", "fit"}
    assert as_mentee.get(f"/intro-requests/{sent['id']}").json()["reply_drafts"] == {}


def test_a_blocked_message_is_refused_and_nothing_is_sent(as_mentee, mentor):
    error = assert_error(
        as_mentee.post(
            "/intro-requests",
            {"mentor_id": mentor.pk, "subject": "Mentorship", "body": "Will you be my mentor?"},
        ),
        422,
        "invalid",
    )
    assert "body" in error["fields"]
    assert not IntroRequest.objects.exists()


def test_bad_fields_are_refused_by_name(as_mentee, mentor):
    good = good_message(mentor)
    base = {"mentor_id": mentor.pk, "subject": good["subject"], "body": good["body"]}
    error = assert_error(as_mentee.post("/intro-requests", {**base, "subject": "  "}), 422)
    assert "subject" in error["fields"]
    error = assert_error(as_mentee.post("/intro-requests", {**base, "tone": "rude"}), 422)
    assert "tone" in error["fields"]
    error = assert_error(as_mentee.post("/intro-requests", {**base, "questions": ["a"] * 4}), 422)
    assert "questions" in error["fields"]
    assert_error(as_mentee.post("/intro-requests", {**base, "mentor_id": 10**9}), 404)
    assert not IntroRequest.objects.exists()


def test_one_open_request_per_pair(as_mentee, mentor):
    send(as_mentee, mentor)
    good = good_message(mentor)
    again = {"mentor_id": mentor.pk, "subject": good["subject"], "body": good["body"]}
    assert_error(as_mentee.post("/intro-requests", again), 409, "conflict")
    assert IntroRequest.objects.count() == 1


def test_a_full_mentor_takes_no_request_but_a_waitlist(as_mentee, mentee):
    resting = make_mentor("Rosa Quiet", email="rosa@example.org", accepting=False)
    good = good_message(resting)
    body = {"mentor_id": resting.pk, "subject": good["subject"], "body": good["body"]}
    assert_error(as_mentee.post("/intro-requests", body), 409, "conflict")
    drafted = as_mentee.post(f"/people/{resting.pk}/draft", {}).json()
    assert not drafted["can_send"] and drafted["can_wait"]
    joined = as_mentee.put(f"/waitlist/{resting.pk}")
    assert joined.status_code == 200 and joined.json()["mentor"]["id"] == resting.pk
    waiting = as_mentee.get("/waitlist").json()
    assert [w["mentor"]["id"] for w in waiting["items"]] == [resting.pk]
    assert as_mentee.delete(f"/waitlist/{resting.pk}").status_code == 204
    assert not Waitlist.objects.exists() and not IntroRequest.objects.exists()


def test_an_available_mentor_has_no_waitlist(as_mentee, mentor):
    assert_error(as_mentee.put(f"/waitlist/{mentor.pk}"), 409)
    assert not Waitlist.objects.exists()


# --- who may see and answer ----------------------------------------------------------------------


def test_to_anyone_else_a_request_does_not_exist(as_mentee, as_stranger, mentor):
    sent = send(as_mentee, mentor)
    staff = ApiClient(ProfileFactory(user__is_staff=True, user__email="staff@example.org").user)
    for client in (as_stranger, staff):
        assert_error(client.get(f"/intro-requests/{sent['id']}"), 404)
        assert_error(client.post(f"/intro-requests/{sent['id']}/withdraw"), 404)
        assert_error(client.post(f"/intro-requests/{sent['id']}/accept"), 404)
        assert client.get("/intro-requests").json()["count"] == 0
    assert IntroRequest.objects.get().state == RequestState.REQUESTED


def test_only_the_mentor_answers_and_only_the_mentee_withdraws(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    assert_error(as_mentee.post(f"{path}/accept"), 403, "forbidden")
    assert_error(as_mentee.post(f"{path}/decline"), 403, "forbidden")
    assert_error(as_mentee.post(f"{path}/redirect", {"email": "x@example.org"}), 403)
    assert_error(as_mentee.post(f"{path}/report", {"reason": "Spam"}), 403)
    assert_error(as_mentor.post(f"{path}/withdraw"), 403, "forbidden")
    assert IntroRequest.objects.get().state == RequestState.REQUESTED
    withdrawn = as_mentee.post(f"{path}/withdraw").json()
    assert withdrawn["state"] == "withdrawn" and withdrawn["actions"] == []
    assert as_mentor.get("/intro-requests").json()["count"] == 0  # as on the page
    assert_error(as_mentee.post(f"{path}/withdraw"), 409, "conflict")


# --- answers -------------------------------------------------------------------------------------


def test_accepting_with_times_then_the_mentee_books_one(as_mentee, as_mentor, mentee, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    first, second = later(days=4), later(days=5)
    times = [first.isoformat(), second.isoformat()]
    accepted = as_mentor.post(f"{path}/accept", {"note": "Happy to talk.", "times": times}).json()
    assert accepted["state"] == "accepted" and accepted["reply"] == "Happy to talk."
    assert [dt.datetime.fromisoformat(t["start"]) for t in accepted["proposed_times"]] == [
        first,
        second,
    ]
    seen = as_mentee.get(path).json()
    assert seen["actions"] == ["book"] and seen["proposed_times"][0]["mine"]
    assert seen["proposed_times"][0]["theirs"]  # Kolkata and Los Angeles differ
    assert_error(as_mentor.post(f"{path}/book", {"start": first.isoformat()}), 403)
    wrong = assert_error(
        as_mentee.post(f"{path}/book", {"start": later(days=6).isoformat()}), 422, "invalid"
    )
    assert "start" in wrong["fields"] and not Meeting.objects.exists()
    booked = as_mentee.post(f"{path}/book", {"start": second.isoformat()})
    assert booked.status_code == 201, booked.content
    meeting = booked.json()
    assert meeting["kind"] == "intro" and meeting["minutes"] == 20 and meeting["role"] == "mentee"
    assert dt.datetime.fromisoformat(meeting["starts_at"]) == second
    assert as_mentee.get(path).json()["meeting_id"] == meeting["id"]
    assert_error(as_mentee.post(f"{path}/book", {"start": first.isoformat()}), 409)


def test_a_refused_time_leaves_the_request_open(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    too_soon = (timezone.now() + dt.timedelta(minutes=10)).isoformat()
    error = assert_error(as_mentor.post(f"{path}/accept", {"times": [too_soon]}), 422, "invalid")
    assert "times" in error["fields"]
    assert IntroRequest.objects.get().state == RequestState.REQUESTED
    naive = assert_error(as_mentor.post(f"{path}/accept", {"times": ["2030-05-01T09:30:00"]}), 422)
    assert naive["fields"]
    assert IntroRequest.objects.get().state == RequestState.REQUESTED


def test_times_can_follow_a_plain_accept(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    assert as_mentor.post(f"{path}/accept").json()["actions"] == ["propose_times", "report"]
    assert_error(as_mentor.post(f"{path}/times", {"times": []}), 422)
    offered = as_mentor.post(f"{path}/times", {"times": [later(days=3).isoformat()]}).json()
    assert len(offered["proposed_times"]) == 1
    assert_error(as_mentee.post(f"{path}/times", {"times": [later(days=3).isoformat()]}), 403)


def test_declining_without_a_reply_sends_the_drafted_one(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    assert_error(as_mentor.post(f"{path}/decline", {"reply": "   "}), 422)
    assert IntroRequest.objects.get().state == RequestState.REQUESTED
    declined = as_mentor.post(f"{path}/decline", {"reason": "fit"}).json()
    assert declined["state"] == "declined" and declined["reply"].startswith("Dear Arjun")
    seen = as_mentee.get(path).json()
    assert seen["state_label"] == "Declined" and seen["reply"] == declined["reply"]


def test_pointing_the_mentee_to_someone_better(as_mentee, as_mentor, mentor):
    better = make_mentor("Kofi Boateng", email="kofi@example.org")
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    error = assert_error(as_mentor.post(f"{path}/redirect", {"email": "nobody@example.org"}), 422)
    assert "email" in error["fields"]
    error = assert_error(as_mentor.post(f"{path}/redirect", {}), 422)
    assert "to" in error["fields"]
    assert IntroRequest.objects.get().state == RequestState.REQUESTED
    done = as_mentor.post(f"{path}/redirect", {"email": "KOFI@example.org"}).json()
    assert done["state"] == "redirected" and done["redirected_to"]["id"] == better.pk
    assert "Kofi Boateng" in done["reply"]
    assert as_mentee.get("/intro-requests?state=redirected").json()["count"] == 1


def test_reporting_closes_the_request_once(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    path = f"/intro-requests/{sent['id']}"
    assert_error(as_mentor.post(f"{path}/report", {"reason": " "}), 422)
    reported = as_mentor.post(f"{path}/report", {"reason": "Insulting language"})
    assert reported.status_code == 201 and reported.json()["request_id"] == sent["id"]
    assert IntroRequest.objects.get().state == RequestState.DECLINED
    assert as_mentor.get(path).json()["reported"] and not as_mentee.get(path).json()["reported"]
    assert_error(as_mentor.post(f"{path}/report", {"reason": "Again"}), 409)
    assert AbuseReport.objects.count() == 1


def test_a_request_past_its_time_reads_as_expired(as_mentee, as_mentor, mentor):
    sent = send(as_mentee, mentor)
    IntroRequest.objects.filter(pk=sent["id"]).update(expires_at=timezone.now())
    assert as_mentee.get(f"/intro-requests/{sent['id']}").json()["state"] == "expired"
    assert as_mentee.get("/intro-requests?state=expired").json()["count"] == 1
    assert as_mentee.get("/intro-requests?state=requested").json()["count"] == 0
    assert_error(as_mentor.post(f"/intro-requests/{sent['id']}/accept"), 409)


# --- mentors found elsewhere ---------------------------------------------------------------------


def test_recording_and_inviting_a_mentor_found_elsewhere(as_mentee, as_stranger, mentee):
    body = {"name": "Femi Adebayo", "email": "Femi@Elsewhere.example", "how_met": "event"}
    made = as_mentee.post("/external-mentors", {**body, "invite": True})
    assert made.status_code == 201, made.content
    external = made.json()
    assert external["email"] == "femi@elsewhere.example" and external["invited_at"]
    assert not external["can_invite"] and external["joined"] is None
    assert OutboxMessage.objects.filter(to="femi@elsewhere.example").count() == 1
    path = f"/external-mentors/{external['id']}"
    assert_error(as_mentee.post(f"{path}/invite"), 409)  # once a week at most
    assert OutboxMessage.objects.filter(to="femi@elsewhere.example").count() == 1
    error = assert_error(as_mentee.post("/external-mentors", body), 422)
    assert "email" in error["fields"]
    assert as_mentee.get("/external-mentors").json()["count"] == 1
    assert as_stranger.get("/external-mentors").json()["count"] == 0
    assert_error(as_stranger.post(f"{path}/invite"), 404)
    assert_error(as_stranger.delete(path), 404)
    assert as_mentee.delete(path).status_code == 204
    assert not ExternalMentor.objects.exists()


def test_an_external_mentor_needs_a_real_address_and_a_reason(as_mentee):
    error = assert_error(
        as_mentee.post(
            "/external-mentors", {"name": " ", "email": "not-an-address", "how_met": "event"}
        ),
        422,
        "invalid",
    )
    assert {"name", "email"} <= set(error["fields"])
    error = assert_error(
        as_mentee.post(
            "/external-mentors", {"name": "Femi", "email": "f@example.org", "how_met": "bar"}
        ),
        422,
    )
    assert "how_met" in error["fields"]
    assert not ExternalMentor.objects.exists()


def test_a_read_only_token_reads_but_does_not_send(mentee, mentor):
    reader = ApiClient(mentee.user, scope="read")
    assert reader.get("/directory").status_code == 200
    good = good_message(mentor)
    refused = reader.post(
        "/intro-requests",
        {"mentor_id": mentor.pk, "subject": good["subject"], "body": good["body"]},
    )
    assert_error(refused, 403)
    assert not IntroRequest.objects.exists()


def test_each_outreach_shape_is_documented_under_its_own_name():
    """OpenAPI components are keyed by class name: a name shared with another app's schema
    would document one shape for both, and clients would be told the wrong fields."""
    from ninja import Schema

    from lodestar.api import api
    from lodestar.outreach import api_schemas

    components = api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"]
    checked = 0
    for name, cls in vars(api_schemas).items():
        mine = isinstance(cls, type) and issubclass(cls, Schema)
        if mine and cls.__module__ == api_schemas.__name__ and name in components:
            assert set(components[name].get("properties", {})) == set(cls.model_fields), name
            checked += 1
    assert checked >= 20
