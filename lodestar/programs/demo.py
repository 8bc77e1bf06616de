"""A demo program for `lodestar demo-data`: run by programs@lodestar.example, already matched
and published six weeks ago, with its first check-in answered, and a few applicants waiting.

Safe to run twice: when the program exists, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from lodestar.accounts.models import User
from lodestar.people.models import Profile

from . import matchrun, services
from .models import Participant, Program, Status

NAME = "Leading across borders, 2026 cohort"
ADMIN = "programs@lodestar.example"
STAFF = "staff@lodestar.example"


def tell(*, mentees: int = 24, mentors: int = 18, seed: int = 7) -> Program | None:
    admin = Profile.objects.filter(user__email=ADMIN).first()
    staff = Profile.objects.filter(user__email=STAFF, user__is_staff=True).first()
    if admin is None or staff is None or Program.objects.filter(name=NAME).exists():
        return None
    today = timezone.localdate()
    program = services.program_create(
        by=staff, name=NAME, admins=[admin], audience="open",
        purpose="Six months for new people managers to learn from experienced leaders in "
                "another part of the company.",
        enrollment_opens=today - dt.timedelta(days=75),
        matching_on=today - dt.timedelta(days=46), starts_on=today - dt.timedelta(days=45),
        ends_on=today + dt.timedelta(days=135), milestone_days=[30], mentor_capacity=2,
        forbid_same_line=True,
    )
    services.question_add(program=program, text="What would you most like to get better at?")
    known = set(User.objects.filter(email__endswith="@lodestar.example").values_list("pk", flat=True))
    pool = Profile.objects.exclude(user_id__in=known).order_by("pk")
    chosen_mentors = list(pool.accepting().values_list("pk", flat=True)[:mentors])
    chosen_mentees = list(pool.exclude(pk__in=chosen_mentors).values_list("pk", flat=True)
                          [: mentees + 6])
    rng = random.Random(seed)
    for pk in chosen_mentors:
        services.participant_apply(program=program, profile=Profile.objects.get(pk=pk), role="mentor")
    for pk in chosen_mentees:
        services.participant_apply(program=program, profile=Profile.objects.get(pk=pk), role="mentee")
    places = list(Participant.objects.filter(program=program).order_by("pk"))
    waiting = {p.pk for p in places if p.role == "mentee"}
    waiting = set(sorted(waiting)[-6:])  # the last six applied recently: still to approve
    for place in places:
        if place.pk not in waiting:
            services.participant_decide(participant=place, approve=True)
    run = matchrun.run_create(program=program, by=staff.user, enqueue=False)
    matchrun.run_execute(run_id=run.pk)
    if not program.matches.exists():
        return program
    services.program_publish(program=program, by=admin)
    survey = program.surveys.filter(label="day 30").first()
    matched = Participant.objects.filter(program=program, status=Status.MATCHED)
    for place in matched if survey else []:
        if rng.random() < 0.8:
            services.survey_respond(
                survey=survey, participant=place, satisfaction=rng.choice([3, 4, 4, 5, 5]),
                meeting=rng.random() < 0.85, goal_progress=rng.choice([10, 20, 25, 30, 40, 50]),
                recommend=rng.choice([6, 7, 8, 9, 9, 10, 10]),
            )
    return program
