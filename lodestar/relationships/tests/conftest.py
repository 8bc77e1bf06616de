"""Relationship test set-up: people made through the real services, and a fake clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lodestar.outreach.tests.conftest import EVENINGS, MORNINGS, make_mentor, make_person


def as_(client, person):
    """The test client, logged in as ``person``."""
    client.force_login(person.user)
    return client


@pytest.fixture(autouse=True)
def _fresh_mentor_index():
    from lodestar.matching.directory import mentor_index_clear

    mentor_index_clear()
    yield
    mentor_index_clear()


@pytest.fixture
def t0() -> dt.datetime:
    """A Monday 09:00 UTC a little ahead of the real clock, so bookings are in the future."""
    now = timezone.now() + dt.timedelta(days=2)
    monday = now - dt.timedelta(days=now.weekday())
    return monday.replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)


@pytest.fixture
def mentee(db):
    return make_person(
        "Arjun Mehta", zone="Asia/Kolkata", windows=MORNINGS, email="arjun@example.org",
        job_title="Data engineer",
    )


@pytest.fixture
def mentor(db):
    return make_mentor("Elena Vasquez", email="elena@example.org", windows=EVENINGS)


@pytest.fixture
def stranger(db):
    return make_person("Carol Diaz", email="carol@example.org")


@pytest.fixture
def staff(db):
    person = make_person("Sam Staff", email="staff@example.org")
    person.user.is_staff = person.user.is_superuser = True
    person.user.save()
    return person
