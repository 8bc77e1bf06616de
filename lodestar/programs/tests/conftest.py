"""A staff member, a program admin and a program with people imported from CSV (and matched and
published: ``published``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs import csvfile, matchrun, services

DEPARTMENTS = ("Sales", "Finance", "Engineering")
SKILLS = ("Python", "Public speaking", "Budgeting", "SQL", "Negotiation")


def people_csv(mentees: int, mentors: int, *, domain: str = "acme.example", extra: str = "") -> str:
    lines = ["email,role,name,department,manager_email,time_zone,skills" + extra]
    for i in range(mentors):
        skills = ";".join(SKILLS[(i + k) % len(SKILLS)] for k in range(3))
        lines.append(f"mentor{i}@{domain},mentor,Mentor {i},{DEPARTMENTS[i % 3]},,Europe/Paris,{skills}")
    for i in range(mentees):
        skills = ";".join(SKILLS[(i + k) % len(SKILLS)] for k in range(2))
        lines.append(f"mentee{i}@{domain},mentee,Mentee {i},{DEPARTMENTS[(i + 1) % 3]},,Europe/London,{skills}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def staff(db):
    return ProfileFactory(display_name="Sam Staff", user__email="staff@example.org", user__is_staff=True)


@pytest.fixture
def admin(db):
    return ProfileFactory(display_name="Pat Programs", user__email="programs@example.org")


@pytest.fixture
def program(staff, admin):
    return services.program_create(by=staff, name="Rising leaders", admins=[admin], audience="open",
                                   purpose="Help new managers find their feet")


@pytest.fixture
def filled(program):
    report = csvfile.participants_import(program=program, text=people_csv(6, 6))
    assert report.ok, report.errors
    return program


@pytest.fixture
def published(program, admin):
    """8 mentees and 8 mentors imported, the first match run made and the program published."""
    assert csvfile.participants_import(program=program, text=people_csv(8, 8)).ok
    program = services.program_update(program=program, starts_on=dt.date(2026, 1, 5),
                                      ends_on=dt.date(2026, 7, 5), milestone_days=[30])
    with TestCase.captureOnCommitCallbacks(execute=True):
        matchrun.run_create(program=program, by=admin.user)
    services.program_publish(program=program, by=admin)
    return program


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client
