"""A lived-in demo: the mentee and the mentor log-ins arrive in the middle of a story.

Ananya (mentee@) has reflected on her goals, wrote to Elena (mentor@) ten days ago, had the
intro call a week ago, sent her follow-up, and has a first session booked; a second request to
another mentor is still waiting. Elena has a new request of her own to answer. Everything goes
through the same services the pages use, with ``now`` set to when each step happened, so every
row, timer and relationship state is what real use would have left. It runs once: if Ananya
already has goals, nothing is added.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from lodestar.goals import services as goals
from lodestar.goals.models import Goal
from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.outreach import services as outreach

from .models import Profile

MENTEE, MENTOR = "mentee@lodestar.example", "mentor@lodestar.example"


def _at(zone: str, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZoneInfo(zone)).astimezone(dt.UTC)


def _reflect(ananya: Profile, today: dt.date) -> None:
    shared = goals.goal_create(
        owner=ananya, horizon="short",
        text="Present the monthly shipment review to the regional operations leads without "
             "reading from my slides",
        why="The leads decide from these numbers, and right now my manager presents my work.",
        measure="Three reviews presented by me, with the leads asking about the findings rather "
                "than the method",
        target_date=today + dt.timedelta(days=240),
    )
    # The goal she wants help with is shared with her mentors; the long-term one stays hers.
    goals.goal_set_visibility(goal=shared, visibility="mentors")
    goals.goal_create(
        owner=ananya, horizon="long",
        text="Work as a product analyst who shapes what a logistics product team builds next",
        why="I enjoy the moment a number changes a decision.",
        measure="A roadmap item I proposed from my own analysis is built and shipped",
        target_date=today + dt.timedelta(days=4 * 365),
    )
    goals.skill_gaps_set(profile=ananya, names=["Public speaking", "Stakeholder management",
                                                "Product analytics"])
    goals.guidance_set(profile=ananya, weights={"career": 3, "technical": 1, "navigation": 2})
    goals.persona_set_criterion(profile=ananya, kind="language", value="en", importance="must")
    goals.reflection_refresh(profile=ananya)


@transaction.atomic
def tell(now: dt.datetime | None = None) -> bool:
    """Add the story if it is not there yet. Returns whether anything was added."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    ananya = Profile.objects.filter(user__email=MENTEE).first()
    elena = Profile.objects.filter(user__email=MENTOR).first()
    if ananya is None or elena is None or Goal.objects.filter(owner=ananya).exists():
        return False
    today = now.astimezone(ZoneInfo(str(ananya.time_zone))).date()
    _reflect(ananya, today)

    # Ten days ago: a specific, short first ask to Elena, citing one of her talks.
    sent = now - dt.timedelta(days=10)
    talk = elena.public_work.order_by("-year", "pk").first()
    request = outreach.intro_request_send(
        mentee=ananya, mentor=elena,
        subject="Your talk on one team across five time zones, and presenting to leads",
        body="Hello Elena,\n\nI watched your talk on leading one engineering team across five "
             "time zones, and the part about writing decisions down before meetings stayed with "
             "me. I am a junior data analyst at Harbourline Logistics in Bengaluru, and I am "
             "working towards presenting our monthly shipment review to the regional leads "
             "myself.\n\nWould you have 20 minutes in the next few weeks for a short call? I "
             "would like to ask you two things (below). I can fit around your evenings in San "
             "Francisco.\n\nThank you for considering it,\nAnanya",
        questions=["How did you learn to present to people senior to you?",
                   "What do leads want from a monthly review that they rarely get?"],
        cited_work=talk, now=sent,
    )
    outreach.intro_request_accept(
        request=request, by=elena, note="Happy to. Your questions are clear; let's talk.",
        now=sent + dt.timedelta(hours=20),
    )
    # The intro call, a week ago, at 08:00 in Bengaluru (18:30 or 19:30 the evening before in
    # San Francisco).
    call_day = (now - dt.timedelta(days=7)).astimezone(ZoneInfo("Asia/Kolkata")).date()
    start = _at("Asia/Kolkata", call_day, 8)
    outreach.intro_times_propose(request=request, by=elena, starts=[start],
                                 now=sent + dt.timedelta(hours=21))
    intro = outreach.intro_call_book(request=request, by=ananya, start=start,
                                     now=sent + dt.timedelta(hours=22))
    after = intro.ends_at + dt.timedelta(minutes=30)
    meetings.note_add(meeting=intro, author=ananya, shared=False,
                      body="She said to open with the one decision the numbers support. Try it "
                           "on the October review.")
    meetings.takeaway_add(meeting=intro, author=ananya,
                          text="Lead with the decision, then the evidence", now=after)
    meetings.action_item_add(meeting=intro, by=elena, owner=ananya,
                             text="Send Elena the October review outline, decision first",
                             due_on=today + dt.timedelta(days=3), now=after)
    meetings.follow_up_send(
        meeting=intro, by=ananya, now=after + dt.timedelta(hours=2),
        body="Hello Elena,\n\nThank you for the call this morning. Leading with the decision "
             "is the change I will try first: I will send you the October outline by Friday.\n\n"
             "If it suits you, I would like to meet again in a couple of weeks.\n\nAnanya",
    )
    # A first session in six days, at the same friendly hour.
    session_day = (now + dt.timedelta(days=6)).astimezone(ZoneInfo("Asia/Kolkata")).date()
    booking.meeting_book(mentee=ananya, mentor=elena, kind="session",
                         starts_at=_at("Asia/Kolkata", session_day, 8), minutes=30, now=now)

    # A second request, two days ago, still waiting for its answer.
    other = (
        Profile.objects.accepting().exclude(pk__in=[ananya.pk, elena.pk])
        .filter(expertise__name="Public speaking").order_by("pk").first()
    )
    if other is not None:
        outreach.intro_request_send(
            mentee=ananya, mentor=other,
            subject="Twenty minutes on presenting numbers to senior leads",
            body=f"Hello {other.display_name.split()[0]},\n\nI am a junior data analyst in "
                 "Bengaluru working towards presenting our monthly operations review myself. "
                 "Your experience with public speaking is why I am writing.\n\nWould you be open "
                 "to a 20-minute call in the next few weeks about how you prepare for a room of "
                 "senior people? Any time that suits you works for me.\n\nThank you,\nAnanya",
            questions=["How do you prepare for a hard question you cannot answer on the spot?"],
            now=now - dt.timedelta(days=2),
        )

    # Someone has written to Elena too: hers to answer.
    writer = (
        Profile.objects.exclude(pk__in=[ananya.pk, elena.pk]).filter(seniority__lte=3)
        .exclude(requests_sent__mentor=elena).order_by("pk").first()
    )
    if writer is not None:
        outreach.intro_request_send(
            mentee=writer, mentor=elena,
            subject="Your talk on distributed teams, and my first months as a team lead",
            body="Hello Elena,\n\nYour talk on leading one team across five time zones is the "
                 "most practical thing I have found on it. I became a team lead three months "
                 "ago, with half my team eight hours away.\n\nWould you have 15 minutes for a "
                 "call in the next few weeks? I would ask how you set up the written decisions "
                 "you described, and what you wish you had done in your first quarter. I am "
                 "flexible on time.\n\nThank you for reading,\n"
                 f"{writer.display_name.split()[0]}",
            questions=["How did you set up written decisions?",
                       "What would you do differently in your first quarter as a lead?"],
            cited_work=talk, now=now - dt.timedelta(days=1),
        )
    return True
