import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.programs import analytics, csvfile, services
from lodestar.programs.models import Participant, ProgramMatch, Survey

from .conftest import people_csv

pytestmark = pytest.mark.django_db
SECRET = "my-mentor-never-shows-up-9c2e"
NOTE_SECRET = "private-note-about-budget-7d1a"


def answer_all(program, survey, *, comments=""):
    for k, place in enumerate(Participant.objects.filter(program=program, status="matched")):
        services.survey_respond(survey=survey, participant=place, satisfaction=3 + k % 3,
                                meeting=k % 4 != 0, goal_progress=6 * k, recommend=k % 11,
                                comments=comments)


def test_survey_answers_are_validated_and_given_once(published):
    survey = published.surveys.get(label="day 30")
    place = Participant.objects.filter(program=published, status="matched").first()
    with pytest.raises(ValidationError) as err:
        services.survey_respond(survey=survey, participant=place, satisfaction=9, meeting=True,
                                goal_progress=150)
    assert set(err.value.message_dict) == {"satisfaction", "goal_progress"}
    services.survey_respond(survey=survey, participant=place, satisfaction=4, meeting=True,
                            goal_progress=20)
    with pytest.raises(ValidationError):
        services.survey_respond(survey=survey, participant=place, satisfaction=4, meeting=True,
                                goal_progress=20)


def test_the_closing_survey_asks_how_it_ended(client, published):
    closing = published.surveys.get(label="end")
    place = Participant.objects.filter(program=published, status="matched").select_related("profile__user").first()
    client.force_login(place.profile.user)
    url = f"/programs/{published.pk}/surveys/{closing.pk}/"
    data = {"satisfaction": "5", "meeting": "yes", "goal_progress": "80", "recommend": "9"}
    assert client.post(url, data).status_code == 422
    assert client.post(url, {**data, "end_reason": "goals_met"}).status_code == 302
    assert closing.responses.get().end_reason == "goals_met"


def test_small_groups_are_suppressed(published):
    survey = published.surveys.get(label="day 30")
    few = Participant.objects.filter(program=published, status="matched")[:4]
    for place in few:
        services.survey_respond(survey=survey, participant=place, satisfaction=5, meeting=True,
                                goal_progress=50, recommend=10)
    data = analytics.program_analytics(published)
    assert data.surveys[0]["answered"] == 4 and data.surveys[0]["satisfaction"] is None
    assert data.overall.satisfaction is None and data.overall.nps is None
    answer_all(published, Survey.objects.get(program=published, label="midpoint"))
    data = analytics.program_analytics(published)
    assert data.overall.satisfaction is not None and data.overall.nps is not None
    # 16 people over three departments: every department has at least five
    assert all(not g.suppressed for g in data.by_department)
    assert data.funnel[:3] == [("applied", 16), ("approved", 16), ("matched", 16)]
    assert data.match_rate == 100.0


def test_dashboard_shows_charts_and_never_what_people_wrote(admin_client, published):
    answer_all(published, published.surveys.get(label="day 30"), comments=SECRET)
    pair = ProgramMatch.objects.filter(program=published).select_related("mentee__profile", "mentor__profile").first()
    from lodestar.people.services import profile_update

    profile_update(profile=pair.mentor.profile, accepting_mentees=True, max_mentees=3)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).replace(second=0, microsecond=0)
    meeting = booking.meeting_book(mentee=pair.mentee.profile, mentor=pair.mentor.profile, kind="intro",
                                   starts_at=start + dt.timedelta(days=3), minutes=20)
    meetings.note_add(meeting=meeting, author=pair.mentee.profile, body=NOTE_SECRET, shared=False)
    page = admin_client.get(f"/programs/{published.pk}/dashboard/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('src="data:image/svg+xml;base64,') >= 4
    assert SECRET not in text and NOTE_SECRET not in text
    csv_text = admin_client.get(f"/programs/{published.pk}/analytics.csv").content.decode()
    assert "funnel,matched,16" in csv_text
    assert SECRET not in csv_text and NOTE_SECRET not in csv_text
    exported = admin_client.get(f"/programs/{published.pk}/participants.csv").content.decode()
    assert SECRET not in exported


def test_a_department_of_three_is_not_shown(program, admin, admin_client):
    text = people_csv(6, 6) + "solo1@acme.example,mentee,Solo,Legal,,UTC,SQL\n"
    assert csvfile.participants_import(program=program, text=text).ok
    data = analytics.program_analytics(program)
    legal = next(g for g in data.by_department if g.label == "Legal")
    assert legal.suppressed and legal.match_rate is None
    page = admin_client.get(f"/programs/{program.pk}/dashboard/").content.decode()
    assert "fewer than 5 people: not shown" in page


def test_survey_comments_are_stored_encrypted_and_shown_to_nobody(admin_client, published):
    from django.db import connection

    survey = published.surveys.get(label="day 30")
    place = Participant.objects.filter(program=published, status="matched").first()
    answer = services.survey_respond(survey=survey, participant=place, satisfaction=2, meeting=False,
                                     goal_progress=0, comments=SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT comments FROM programs_surveyresponse WHERE id = %s", [answer.pk])
        stored = cursor.fetchone()[0]
    assert SECRET not in stored and answer.__class__.objects.get().comments == SECRET
    api = admin_client.get(f"/api/v1/programs/{published.pk}/analytics").content.decode()
    assert SECRET not in api
