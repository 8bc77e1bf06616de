"""Match runs in the admin: staff read them, nobody edits them there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lodestar.matching.models import MatchProposal, MatchRun

from .population import mentor, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = person("Stella Staff")
    staff.user.is_staff = True
    staff.user.save()
    client.force_login(staff.user)
    return client


@pytest.fixture
def match_run():
    match_run = MatchRun.objects.create(mode="optimal", status="done", report={"matched": 1})
    MatchProposal.objects.create(run=match_run, mentee=person("Mina"), mentor=mentor("Pia"),
                                 score=0.8, reasons=["both speak English"])
    return match_run


def test_staff_can_read_runs(staff_client, match_run):
    assert staff_client.get(reverse("admin:matching_matchrun_changelist")).status_code == 200
    page = staff_client.get(reverse("admin:matching_matchrun_change", args=[match_run.pk]))
    assert page.status_code == 200 and b"both speak English" in page.content


def test_nobody_edits_runs_in_the_admin(staff_client, match_run):
    assert staff_client.get(reverse("admin:matching_matchrun_add")).status_code == 403
    url = reverse("admin:matching_matchrun_delete", args=[match_run.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert MatchRun.objects.filter(pk=match_run.pk).exists()


def test_people_who_are_not_staff_see_nothing(client, match_run):
    client.force_login(person("Pat").user)
    response = client.get(reverse("admin:matching_matchrun_changelist"))
    assert response.status_code == 302  # to the admin's log-in page
