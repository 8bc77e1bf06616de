"""What a program's admins may know about how it went: counts and averages, never words.

Everything here is an aggregate over a group of people. A group smaller than ``MIN_GROUP``
(a department of three, a survey two people answered) is suppressed: its figures become None,
so nobody can be picked out. Survey comments, notes, agendas, messages and feedback are never
read here at all.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import mean, median

from django.db.models import Q

from lodestar.meetings.models import Meeting, MeetingStatus

from .models import PairState, Participant, Program, ProgramMatch, Status, SurveyResponse

MIN_GROUP = 5


@dataclass
class Group:
    """One breakdown row: a department, a cohort, or the whole program."""

    label: str
    people: int
    satisfaction: float | None = None
    nps: float | None = None
    goal_progress: float | None = None
    meeting_rate: float | None = None
    match_rate: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.people < MIN_GROUP


@dataclass
class Analytics:
    funnel: list[tuple[str, int]]
    match_rate: float | None
    days_to_first_meeting: list[int | None]  # one per published pair: None = no meeting yet
    meetings_booked: int
    meetings_held: int
    health: dict[str, int]
    health_over_time: list[tuple[str, dict[str, int]]]
    silence_rate: float | None
    surveys: list[dict]  # per survey: label, answered, satisfaction, meeting, goal progress, nps
    overall: Group
    by_department: list[Group] = field(default_factory=list)
    by_cohort: list[Group] = field(default_factory=list)

    @property
    def median_days_to_first_meeting(self) -> float | None:
        known = [d for d in self.days_to_first_meeting if d is not None]
        return median(known) if len(known) >= MIN_GROUP else None


def nps(scores: list[int]) -> float | None:
    if len(scores) < MIN_GROUP:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return round(100 * (promoters - detractors) / len(scores), 1)


def _avg(values: list[float]) -> float | None:
    return round(mean(values), 2) if len(values) >= MIN_GROUP else None


def _group(label: str, people: set[int], answers: list[tuple], matched: set[int]) -> Group:
    """``answers``: (participant id, satisfaction, meeting, goal progress, recommend)."""
    g = Group(label, len(people))
    if g.suppressed:
        return g
    mine = [a for a in answers if a[0] in people]
    respondents = {a[0] for a in mine}
    if len(respondents) >= MIN_GROUP:
        g.satisfaction = _avg([a[1] for a in mine])
        g.meeting_rate = _avg([100.0 if a[2] else 0.0 for a in mine])
        g.goal_progress = _avg([a[3] for a in mine])
        g.nps = nps([a[4] for a in mine if a[4] is not None])
    g.match_rate = round(100 * len(people & matched) / len(people), 1)
    return g


def program_analytics(program: Program) -> Analytics:
    places = list(Participant.objects.filter(program=program).values_list(
        "pk", "status", "profile__department", "profile_id"))
    statuses = Counter(s for _pk, s, _d, _p in places)
    applied = len(places)
    approved = applied - statuses[Status.APPLIED] - statuses[Status.DECLINED]
    matched_ids = {pk for pk, s, _d, _p in places if s == Status.MATCHED}
    funnel = [("applied", applied), ("approved", approved), ("matched", len(matched_ids)),
              ("waitlisted", statuses[Status.WAITLISTED])]
    match_rate = round(100 * len(matched_ids) / approved, 1) if approved else None

    pairs = list(ProgramMatch.objects.filter(program=program, state=PairState.PUBLISHED)
                 .values_list("pk", "published_at", "mentee__profile_id", "mentor__profile_id",
                              "relationship_id", "relationship__health",
                              "relationship__health_checked_at"))
    days, booked, held = _meetings(pairs)
    # A pair reads "healthy" until its first daily check: count it as not checked yet instead.
    health = Counter((h if checked else "not_checked") for *_rest, h, checked in pairs if h)
    over_time = _health_over_time([p[4] for p in pairs if p[4]])
    silence = round(100 * health.get("silent", 0) / len(pairs), 1) if len(pairs) >= MIN_GROUP else None

    rows = list(SurveyResponse.objects.filter(survey__program=program).values_list(
        "participant_id", "satisfaction", "meeting", "goal_progress", "recommend", "survey__label",
        "survey__due_on"))
    answers = [r[:5] for r in rows]
    surveys = []
    per_survey = defaultdict(list)
    for r in rows:
        per_survey[(r[6], r[5])].append(r)
    for (_due, label), rs in sorted(per_survey.items()):
        ok = len(rs) >= MIN_GROUP
        surveys.append({
            "label": label, "answered": len(rs),
            "satisfaction": _avg([r[1] for r in rs]) if ok else None,
            "meeting_rate": _avg([100.0 if r[2] else 0.0 for r in rs]) if ok else None,
            "goal_progress": _avg([r[3] for r in rs]) if ok else None,
            "nps": nps([r[4] for r in rs if r[4] is not None]) if ok else None,
        })
    everyone = {pk for pk, s, _d, _p in places if s not in (Status.APPLIED, Status.DECLINED)}
    overall = _group("all", everyone, answers, matched_ids)
    by_dept = defaultdict(set)
    for pk, s, dept, _p in places:
        if pk in everyone:
            by_dept[dept.strip() or "(none)"].add(pk)
    departments = [_group(d, ids, answers, matched_ids) for d, ids in sorted(by_dept.items())]
    cohorts = _cohorts(program, everyone, answers, matched_ids)
    return Analytics(funnel, match_rate, days, booked, held, dict(health), over_time, silence,
                     surveys, overall, departments, cohorts)


def _cohorts(program, everyone, answers, matched) -> list[Group]:
    """A cohort is the month a person's pair was published; the not yet matched are their own."""
    month = {}
    for mentee, mentor, at in ProgramMatch.objects.filter(
        program=program, state=PairState.PUBLISHED
    ).values_list("mentee_id", "mentor_id", "published_at"):
        month[mentee] = month[mentor] = at.strftime("%Y-%m")
    groups = defaultdict(set)
    for pk in everyone:
        groups[month.get(pk, "not matched")].add(pk)
    return [_group(label, ids, answers, matched) for label, ids in sorted(groups.items())]


def _meetings(pairs) -> tuple[list[int | None], int, int]:
    if not pairs:
        return [], 0, 0
    people = {p for pair in pairs for p in (pair[2], pair[3])}
    first: dict[frozenset, object] = {}
    booked = held = 0
    since = min(pair[1] for pair in pairs)
    meetings = Meeting.objects.filter(
        Q(organizer_id__in=people) & Q(attendee_id__in=people), starts_at__gte=since
    ).exclude(status=MeetingStatus.CANCELLED).values_list("organizer_id", "attendee_id", "starts_at",
                                                          "status")
    wanted = {frozenset((pair[2], pair[3])): pair[1] for pair in pairs}
    for a, b, starts, status in meetings:
        key = frozenset((a, b))
        if key not in wanted or starts < wanted[key]:
            continue
        booked += 1
        held += status == MeetingStatus.HELD
        if key not in first or starts < first[key]:
            first[key] = starts
    days = []
    for key, published in wanted.items():
        days.append((first[key] - published).days if key in first else None)
    return days, booked, held


def _health_over_time(relationship_ids: list[int]) -> list[tuple[str, dict[str, int]]]:
    try:
        from lodestar.relationships.models import HealthSnapshot
    except ImportError:  # pragma: no cover
        return []
    weeks: dict[str, dict[int, str]] = defaultdict(dict)
    for rid, at, health in HealthSnapshot.objects.filter(
        relationship_id__in=relationship_ids
    ).order_by("at").values_list("relationship_id", "at", "health"):
        weeks[at.strftime("%G-W%V")][rid] = health  # the last check of the week counts
    out = []
    for week, found in sorted(weeks.items()):
        if len(found) >= MIN_GROUP:
            out.append((week, dict(Counter(found.values()))))
    return out


def analytics_csv(data: Analytics) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["section", "group", "people", "value"])
    for label, n in data.funnel:
        w.writerow(["funnel", label, n, ""])
    w.writerow(["match rate %", "all", "", _blank(data.match_rate)])
    w.writerow(["median days to first meeting", "all", "", _blank(data.median_days_to_first_meeting)])
    w.writerow(["meetings booked", "all", "", data.meetings_booked])
    w.writerow(["meetings held", "all", "", data.meetings_held])
    w.writerow(["silence rate %", "all", "", _blank(data.silence_rate)])
    for name, n in sorted(data.health.items()):
        w.writerow(["health", name, n, ""])
    for s in data.surveys:
        for key in ("satisfaction", "meeting_rate", "goal_progress", "nps"):
            w.writerow([f"survey {s['label']}: {key}", "answered", s["answered"], _blank(s[key])])
    w.writerow(["group", "label", "people", "satisfaction", "nps", "goal progress", "meeting %",
                "match %"])
    for kind, groups in (("overall", [data.overall]), ("department", data.by_department),
                         ("cohort", data.by_cohort)):
        for g in groups:
            people = f"fewer than {MIN_GROUP}" if g.suppressed else g.people
            w.writerow([kind, g.label, people, _blank(g.satisfaction), _blank(g.nps),
                        _blank(g.goal_progress), _blank(g.meeting_rate), _blank(g.match_rate)])
    return out.getvalue()


def _blank(value) -> str:
    return "" if value is None else str(value)
