"""The programs API in the authorization matrix.

The world gains two programs. "program" is run by the owner and by the admin persona (the
demo's programs@ account), with imported people, one applicant and a finished matching run;
staff reach it too, anyone else gets a 404. In "joined_program" the owner is a matched mentee
with a survey to answer.
"""

from __future__ import annotations

import datetime as dt

from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs import csvfile, matchrun, services
from lodestar.programs.models import ProgramMatch

from .matrix import ANYONE, OWNER, RULES, Row

PROGRAM_ADMIN = "program_admin"
# The program's admins (the owner and the admin persona) and staff; to the others, a 404.
RULES.setdefault(PROGRAM_ADMIN, {"counterpart": 404, "other": 404})

SOURCES = {
    "program_id": "program", "participant_id": "applicant", "run_id": "run", "pair_id": "pair",
    "other_id": "pair_other", "survey_id": "survey",
}
PEOPLE = ("email,role,name,department,time_zone,skills\n"
          + "".join(f"m{i}@acme.example,mentor,Mentor {i},D{i % 2},UTC,SQL;Python\n" for i in range(3))
          + "".join(f"e{i}@acme.example,mentee,Mentee {i},D{(i + 1) % 2},UTC,SQL\n" for i in range(3)))


def extend(world) -> None:
    staff, owner, admin = (world.profiles[p] for p in ("staff", "owner", "admin"))
    start = dt.date.today() + dt.timedelta(days=7)
    timeline = {"starts_on": start, "ends_on": start + dt.timedelta(days=180), "milestone_days": [30]}
    program = services.program_create(by=staff, name="Matrix program", admins=[owner, admin],
                                      audience="open", **timeline)
    assert csvfile.participants_import(program=program, text=PEOPLE).ok
    applicant = services.participant_apply(program=program, profile=ProfileFactory(), role="mentee")
    run = matchrun.run_create(program=program, by=staff.user)
    matchrun.run_execute(run_id=run.pk)
    pairs = list(ProgramMatch.objects.filter(program=program).order_by("pk"))
    world.ids.update(program=program.pk, applicant=applicant.pk, run=run.pk, pair=pairs[0].pk,
                     pair_other=pairs[1].pk)

    joined = services.program_create(by=staff, name="Joined program", audience="open", **timeline)
    mine = services.participant_apply(program=joined, profile=owner, role="mentee")
    mentor = ProfileFactory(display_name="Program Mentor")
    for code in ("en", "pt"):  # the owner speaks Portuguese and must have an English speaker
        people.language_set(profile=mentor, language=code, proficiency=5)
    theirs = services.participant_apply(program=joined, profile=mentor, role="mentor")
    for place in (mine, theirs):
        services.participant_decide(participant=place, approve=True)
    services.program_update(program=joined, forbid_same_line=False)
    run = matchrun.run_create(program=joined, by=staff.user)
    matchrun.run_execute(run_id=run.pk)
    services.program_publish(program=joined, by=staff)
    world.ids["joined_program"] = joined.pk
    world.ids["survey"] = joined.surveys.get(label="day 30").pk


def rows() -> list[Row]:
    csv_text = "email,role,name\nnew1@acme.example,mentee,New One\n"
    return [
        Row("GET", "/programs/managed", ANYONE),
        Row("GET", "/programs/{program_id}", PROGRAM_ADMIN),
        Row("PATCH", "/programs/{program_id}", PROGRAM_ADMIN, {"purpose": "Grow new managers"}),
        Row("GET", "/programs/{program_id}/participants", PROGRAM_ADMIN),
        Row("POST", "/programs/{program_id}/participants/import", PROGRAM_ADMIN, {"csv": csv_text}),
        Row("POST", "/programs/{program_id}/participants/{participant_id}/decision", PROGRAM_ADMIN,
            {"approve": True}),
        Row("POST", "/programs/{program_id}/runs", PROGRAM_ADMIN, {"mode": "stable"}),
        Row("GET", "/programs/{program_id}/runs/{run_id}", PROGRAM_ADMIN),
        Row("GET", "/programs/{program_id}/pairs", PROGRAM_ADMIN),
        Row("POST", "/programs/{program_id}/pairs/{pair_id}/lock", PROGRAM_ADMIN, {"locked": True}),
        Row("POST", "/programs/{program_id}/pairs/{pair_id}/swap/{other_id}", PROGRAM_ADMIN),
        Row("POST", "/programs/{program_id}/publish", PROGRAM_ADMIN),
        Row("GET", "/programs/{program_id}/analytics", PROGRAM_ADMIN),
        Row("GET", "/programs", ANYONE),
        Row("POST", "/programs/{program_id}/apply", ANYONE, {"role": "mentee"}),
        Row("GET", "/me/programs", ANYONE),
        Row("POST", "/programs/{program_id}/surveys/{survey_id}/responses", OWNER,
            {"satisfaction": 4, "meeting": True, "goal_progress": 30},
            {"program_id": "joined_program"}),
    ]
