import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs import services
from lodestar.programs.models import Program

pytestmark = pytest.mark.django_db


def test_only_staff_create_programs(admin):
    with pytest.raises(PermissionDenied):
        services.program_create(by=admin, name="Mine")
    assert not Program.objects.exists()


def test_staff_create_a_program_and_name_its_admins(client, staff, admin):
    client.force_login(staff.user)
    response = client.post("/programs/", {"name": "Women in tech", "admins": "programs@example.org"})
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programs/{program.pk}/"
    assert list(program.admins.all()) == [admin]


def test_an_unknown_admin_email_is_refused_next_to_the_field(client, staff):
    client.force_login(staff.user)
    response = client.post("/programs/", {"name": "X", "admins": "nobody@example.org"})
    assert "No account for: nobody@example.org" in response.content.decode()
    assert not Program.objects.exists()


def test_an_admin_manages_only_their_programs(client, staff, program):
    other_admin = ProfileFactory()
    client.force_login(other_admin.user)
    for url in ("", "participants/", "matching/", "dashboard/", "participants.csv", "analytics.csv"):
        assert client.get(f"/programs/{program.pk}/{url}").status_code == 404
    client.force_login(staff.user)
    assert client.get(f"/programs/{program.pk}/").status_code == 200


def test_admin_edits_settings_and_bad_dates_change_nothing(admin_client, program):
    data = {"name": "Rising leaders", "kind": "one_to_one", "audience": "domain",
            "email_domain": "acme.example", "starts_on": "2027-03-01", "ends_on": "2027-01-01",
            "mentor_capacity": 2, "match_mode": "optimal", "milestones": "30, 90",
            **{f"w_{n}": 1 for n in services.WEIGHT_NAMES}}
    response = admin_client.post(f"/programs/{program.pk}/", data)
    assert "comes before an earlier step" in response.content.decode()
    program.refresh_from_db()
    assert program.audience == "open" and program.mentor_capacity == 1
    data["ends_on"] = "2027-09-01"
    data["w_skills"] = 5
    response = admin_client.post(f"/programs/{program.pk}/", data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.audience == "domain" and program.mentor_capacity == 2
    assert program.milestone_days == [30, 90] and program.weights["skills"] == 5
    labels = [label for _k, label, _d in services.survey_plan(program)]
    assert labels == ["day 30", "day 90", "midpoint", "end"]


def test_peer_matching_is_refused_for_a_one_to_one_program(program):
    with pytest.raises(ValidationError) as err:
        services.program_update(program=program, match_mode="peer")
    assert "match_mode" in err.value.message_dict


def test_a_choice_question_needs_choices_and_only_choices_feed_matching(program):
    with pytest.raises(ValidationError) as err:
        services.question_add(program=program, text="Region?", kind="choice", choices=["EMEA"])
    assert "choices" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.question_add(program=program, text="Why?", kind="text", matching="must")
    assert "matching" in err.value.message_dict
    assert not program.questions.exists()


def test_nav_shows_programs_to_admins_only(client, admin, program):
    client.force_login(admin.user)
    assert 'href="/programs/"' in client.get("/dashboard/").content.decode()
    client.force_login(ProfileFactory().user)
    assert 'href="/programs/"' not in client.get("/dashboard/").content.decode()
