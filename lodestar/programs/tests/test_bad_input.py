"""Junk sent to the program pages gets a message or a 404, never a server error."""

import pytest

from lodestar.people.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db
JUNK = ["", "abc", "-1", "99999999999999999999", "\x00", "é" * 300, "1.5"]


def test_admin_pages_survive_junk(admin_client, filled):
    base = f"/programs/{filled.pk}"
    for value in JUNK:
        for url, data in [
            ("/", {"name": value, "mentor_capacity": value, "milestones": value, "starts_on": value}),
            ("/questions/", {"text": value, "kind": value, "choices": value, "matching": value}),
            ("/matching/", {"mode": value}),
            ("/pairs/1/swap/", {"other": value}),
            ("/pairs/1/lock/", {"locked": value}),
            ("/participants/", {"file": value}),
        ]:
            response = admin_client.post(base + url, data)
            assert response.status_code < 500, (url, value, response.status_code)


def test_participant_pages_survive_junk(client, filled):
    client.force_login(ProfileFactory().user)
    for value in JUNK:
        response = client.post(f"/programs/{filled.pk}/mine/", {"role": value, "q1": value})
        assert response.status_code < 500
        assert client.post(f"/programs/{filled.pk}/surveys/1/", {"satisfaction": value}).status_code == 404


def test_nul_characters_are_refused_before_the_database(program, admin):
    from lodestar.programs import csvfile, services

    report = csvfile.participants_import(program=program, text="email,role,name\na@acme.example,mentee,A\x00\n")
    assert not report.ok and "NUL" in report.errors[0][1]
    q = services.question_add(program=program, text="Why?")
    with pytest.raises(Exception) as err:
        services.participant_apply(program=program, profile=ProfileFactory(), role="mentee",
                                   answers={str(q.pk): "x\x00"})
    assert f"q{q.pk}" in err.value.message_dict
