"""The outreach rows of the authorization matrix (see matrix.py for the protocol).

extend(world) makes the owner a mentor too and adds, through the real services, requests
between the owner and people outside the personas, each pair its own (a pair has one mentorship
at a time, and the owner and the counterpart already have theirs):
  sent_request        the owner's open request to Dana (only the sender withdraws)
  received_request    Frank's open request to the owner (only the receiver answers)
  booking_request     the owner's request to Gina, accepted with a time offered (the owner books)
  accepted_received   Hana's request to the owner, accepted by the owner (who offers times)
  resting_mentor      a mentor not taking anyone, whose waitlist is open
  external            a mentor the owner found elsewhere, not invited yet
So every persona but the owner is a stranger to these requests (404). The other side of a
request (the sender answering it, the receiver withdrawing it: 403) is in test_outreach.py.
The owner's new request goes to Carol (the "other" persona), who has none from her.
"""

from __future__ import annotations

import datetime as dt

from lodestar.outreach import invitations
from lodestar.outreach import services as outreach
from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory

from .matrix import ANYONE, OWNER, Row, _later
from .world import whole_minute

SOURCES = {"request_id": "sent_request", "external_id": "external"}

# Ids and times the rows' bodies need, known once extend() has run (the matrix reads rows()
# after building its world; listing the operations needs no world and gets placeholders).
_made: dict = {}


def message(to_name: str, title: str) -> dict:
    """A first message the coach lets through."""
    return {
        "subject": f"Your article “{title}” and a question about planning reviews",
        "body": (
            f"Dear {to_name},\n\nI read your article “{title}” and have gone back to it twice.\n\n"
            "I am an analyst preparing to present our quarterly review on my own next spring.\n\n"
            "Would you be open to a 20-minute call in the coming weeks? I would like to ask how "
            "you prepare for hard questions, and what you cut when time runs short.\n\n"
            "I am happy to fit around your schedule. Thank you for considering it.\n\nAlice"
        ),
        "questions": ["How do you prepare for hard questions?", "What do you cut first?"],
    }


def _mentor(name: str, email: str, **fields):
    profile = ProfileFactory(display_name=name, user__email=email)
    people.profile_update(profile=profile, mentorship_types=["informal"], **fields)
    return profile


def _send(mentee, mentor, title: str):
    work = people.public_work_add(profile=mentor, kind="article", title=title)
    return outreach.intro_request_send(
        mentee=mentee, mentor=mentor, cited_work=work, **message(mentor.display_name, title)
    )


def extend(world) -> None:
    owner = world.profiles["owner"]
    people.profile_update(
        profile=owner, mentorship_types=["informal"], max_mentees=3, accepting_mentees=True
    )
    dana, frank, gina, hana = (
        _mentor(f"{name} Mentor", f"{name.lower()}@example.org", max_mentees=2,
                accepting_mentees=True)
        for name in ("Dana", "Frank", "Gina", "Hana")
    )
    resting = _mentor("Eve Resting", "eve@example.org", max_mentees=2, accepting_mentees=False)
    ids = world.ids
    ids["resting_mentor"] = resting.pk
    ids["sent_request"] = _send(owner, dana, "Quiet leadership").pk
    ids["received_request"] = _send(frank, owner, "Data stories, told well").pk

    booking = _send(owner, gina, "Reviews without slides")
    outreach.intro_request_accept(request=booking, by=gina)
    start = whole_minute(days=6)
    outreach.intro_times_propose(request=booking, by=gina, starts=[start])
    ids["booking_request"] = booking.pk
    _made["start"] = start.astimezone(dt.UTC).isoformat()

    theirs = _send(hana, owner, "Charts that carry a meeting")
    ids["accepted_received"] = outreach.intro_request_accept(request=theirs, by=owner).pk
    ids["external"] = invitations.external_mentor_add(
        mentee=owner, name="Femi Adebayo", email="femi@elsewhere.example", how_met="event"
    ).pk
    _made["carol"] = world.profiles["other"].pk


def rows() -> list[Row]:
    mentor = {"profile_id": "mentor"}
    resting = {"profile_id": "resting_mentor"}
    received = {"request_id": "received_request"}
    good = message("Bob", "Quiet leadership")
    return [
        # the directory and the shortlist
        Row("GET", "/directory", ANYONE),
        Row("GET", "/suggestions", ANYONE),
        Row("PUT", "/bookmarks/{profile_id}", ANYONE, ids=mentor),
        Row("DELETE", "/bookmarks/{profile_id}", ANYONE, ids=mentor),
        Row("PUT", "/hidden-mentors/{profile_id}", ANYONE, ids=mentor),
        Row("DELETE", "/hidden-mentors/{profile_id}", ANYONE, ids=mentor),
        Row("GET", "/waitlist", ANYONE),
        Row("PUT", "/waitlist/{profile_id}", ANYONE, ids=resting),
        Row("DELETE", "/waitlist/{profile_id}", ANYONE, ids=resting),
        # the composer and the coach
        Row("POST", "/people/{profile_id}/draft", ANYONE, {"tone": "concise"}, mentor),
        Row("POST", "/people/{profile_id}/coach", ANYONE,
            {"subject": good["subject"], "body": good["body"]}, mentor),
        # intro requests
        Row("GET", "/intro-requests", ANYONE),
        Row("POST", "/intro-requests", ANYONE,
            {"mentor_id": _made.get("carol", 1), **message("Carol", "Dashboards people read")}),
        Row("GET", "/intro-requests/{request_id}", OWNER),
        Row("POST", "/intro-requests/{request_id}/withdraw", OWNER),
        Row("POST", "/intro-requests/{request_id}/accept", OWNER,
            {"note": "Gladly", "times": [_later(8)]}, received),
        Row("POST", "/intro-requests/{request_id}/decline", OWNER, {"reason": "fit"},
            received),
        Row("POST", "/intro-requests/{request_id}/redirect", OWNER,
            {"email": "carol@example.org"}, received),
        Row("POST", "/intro-requests/{request_id}/report", OWNER,
            {"reason": "It asked for my home address"}, received),
        Row("POST", "/intro-requests/{request_id}/times", OWNER, {"times": [_later(9)]},
            {"request_id": "accepted_received"}),
        Row("POST", "/intro-requests/{request_id}/book", OWNER, {"start": _made.get("start", "")},
            {"request_id": "booking_request"}),
        # mentors found elsewhere
        Row("GET", "/external-mentors", ANYONE),
        Row("POST", "/external-mentors", ANYONE,
            {"name": "Gil Marsh", "email": "gil@elsewhere.example", "how_met": "colleague"}),
        Row("POST", "/external-mentors/{external_id}/invite", OWNER),
        Row("DELETE", "/external-mentors/{external_id}", OWNER),
    ]
