import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lodestar.accounts.models import User
from lodestar.notifications.models import Notification
from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs import csvfile, services
from lodestar.programs.models import Participant

from .conftest import people_csv

pytestmark = pytest.mark.django_db


def test_people_apply_through_the_form_with_their_answers(client, program):
    q = services.question_add(program=program, text="Region?", kind="choice",
                              choices=["EMEA", "APAC"], matching="must")
    carol = ProfileFactory(user__email="carol@example.org")
    client.force_login(carol.user)
    response = client.post(f"/programs/{program.pk}/mine/", {"role": "mentee", f"q{q.pk}": "Mars"})
    assert response.status_code == 422 and not Participant.objects.exists()
    response = client.post(f"/programs/{program.pk}/mine/", {"role": "mentee", f"q{q.pk}": "APAC"})
    assert response.status_code == 302
    place = Participant.objects.get()
    assert (place.role, place.status, place.answers) == ("mentee", "applied", {str(q.pk): "APAC"})


def test_the_audience_and_the_window_decide_who_may_apply(program):
    outsider = ProfileFactory(user__email="dan@elsewhere.example")
    program = services.program_update(program=program, audience="domain", email_domain="acme.example")
    with pytest.raises(ValidationError):
        services.participant_apply(program=program, profile=outsider, role="mentee")
    insider = ProfileFactory(user__email="erin@acme.example")
    program = services.program_update(program=program, enrollment_closes=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.participant_apply(program=program, profile=insider, role="mentee")
    program = services.program_update(program=program, enrollment_closes=None, audience="invite",
                            invite_list="erin@acme.example\n")
    services.participant_apply(program=program, profile=insider, role="mentor")
    assert Participant.objects.filter(profile=insider, role="mentor").exists()


def test_a_program_closed_to_someone_is_a_404_to_them(client, program):
    program = services.program_update(program=program, audience="invite", invite_list="")
    client.force_login(ProfileFactory().user)
    assert client.get(f"/programs/{program.pk}/mine/").status_code == 404


def test_admin_approves_and_declines_and_the_person_hears(admin_client, program):
    a = services.participant_apply(program=program, profile=ProfileFactory(), role="mentee")
    b = services.participant_apply(program=program, profile=ProfileFactory(), role="mentor")
    admin_client.post(f"/programs/{program.pk}/participants/{a.pk}/decide/", {"approve": "1"})
    admin_client.post(f"/programs/{program.pk}/participants/{b.pk}/decide/", {"approve": "0"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("approved", "declined")
    kinds = Notification.objects.filter(kind="program_application_answered")
    assert sorted(n.context["outcome"] for n in kinds) == ["approved", "declined"]


def test_csv_import_creates_accounts_and_places(program):
    existing = ProfileFactory(user__email="mentor0@acme.example", display_name="Known Person")
    report = csvfile.participants_import(program=program, text=people_csv(3, 2))
    assert report.ok and report.created == 5 and report.new_accounts == 4
    existing.refresh_from_db()
    assert existing.display_name == "Known Person"  # an existing profile is not rewritten
    mentee = Participant.objects.get(profile__user__email="mentee1@acme.example")
    assert mentee.status == "approved" and mentee.profile.department == "Engineering"
    assert {g.skill.name for g in mentee.profile.skill_gaps.all()} == {"Public speaking", "Budgeting"}


def test_every_bad_row_is_named_and_nothing_is_imported(program):
    text = ("email,role,name,department,manager_email,time_zone,skills\n"
            "ok@acme.example,mentee,Ok,Sales,,UTC,SQL\n"
            "not-an-email,mentee,Bad,Sales,,UTC,\n"
            "x@acme.example,boss,X,Sales,,Mars/Base,\n"
            "ok@acme.example,mentor,Twice,Sales,,UTC,\n"
            "y@acme.example,mentor,Y,Sales,ghost@acme.example,UTC,\n")
    report = csvfile.participants_import(program=program, text=text)
    lines = {line for line, _m in report.errors}
    assert lines == {3, 4, 5} or lines == {3, 4, 5, 6}
    messages = dict(report.errors)
    assert "not an email address" in messages[3]
    assert "role must be" in messages[4] and "Mars/Base" in messages[4]
    assert "already on line 2" in messages[5]
    assert not Participant.objects.exists()
    assert not User.objects.filter(email="ok@acme.example").exists()


def test_a_manager_missing_from_file_and_lodestar_is_reported(program):
    text = ("email,role,name,manager_email\n"
            "y@acme.example,mentor,Y,ghost@acme.example\n")
    report = csvfile.participants_import(program=program, text=text)
    assert report.errors == [(2, "manager ghost@acme.example is neither in the file nor in Lodestar")]
    assert not User.objects.filter(email="y@acme.example").exists()


def test_import_page_shows_the_report_and_export_round_trips(admin_client, program):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("p.csv", b"email,role\nnope,mentee\n", content_type="text/csv")
    response = admin_client.post(f"/programs/{program.pk}/participants/", {"file": bad})
    assert response.status_code == 422 and "Line 2" in response.content.decode()
    good = SimpleUploadedFile("p.csv", people_csv(2, 2).encode(), content_type="text/csv")
    response = admin_client.post(f"/programs/{program.pk}/participants/", {"file": good})
    assert response.status_code == 302
    exported = admin_client.get(f"/programs/{program.pk}/participants.csv").content.decode()
    rows = exported.strip().splitlines()
    assert rows[0].startswith("email,name,role,status") and len(rows) == 5
    assert "mentee1@acme.example,Mentee 1,mentee,approved" in exported


def test_export_neutralises_spreadsheet_formulas(program):
    text = "email,role,name,department\nz@acme.example,mentee,=HYPERLINK(1),@SUM\n"
    assert csvfile.participants_import(program=program, text=text).ok
    out = csvfile.participants_export(program=program)
    assert "'=HYPERLINK(1)" in out and "'@SUM" in out


def test_managers_named_in_the_file_or_in_lodestar_are_linked(program):
    boss = ProfileFactory(user__email="boss@acme.example")
    text = ("email,role,name,manager_email\n"
            "lead@acme.example,mentor,Lead,boss@acme.example\n"
            "new@acme.example,mentee,New,lead@acme.example\n")
    assert csvfile.participants_import(program=program, text=text).ok
    lead = Participant.objects.get(profile__user__email="lead@acme.example").profile
    new = Participant.objects.get(profile__user__email="new@acme.example").profile
    assert lead.manager == boss and new.manager == lead
