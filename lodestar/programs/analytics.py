"""What a program's admins may know about how it went: counts and averages, never words.

Everything here is an aggregate over a group of people. A group smaller than ``MIN_GROUP``
(a department of three, a survey two people answered) is suppressed: its figures become None,
so nobody can be picked out. Survey comments, notes, agendas, messages and feedback are never
read here at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import mean, median

from django.db.models import Q
from django.utils import timezone

from lodestar.meetings.models import AsyncUpdate, Meeting, MeetingKind, MeetingStatus
from lodestar.relationships.health import meetings_expected
from lodestar.relationships.models import CADENCE_DAYS, Agreement, State, Transition

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
    # Meetings against the pairs' agreements, over the pairs with one of this group's people in
    # them: None unless at least MIN_GROUP of the group are in a pair that has an agreement.
    meetings_agreed: int | None = None
    meetings_kept: int | None = None  # held, counting at most what each pair agreed
    cadence_kept: float | None = None  # meetings_kept / meetings_agreed, as a percentage

    @property
    def suppressed(self) -> bool:
        return self.people < MIN_GROUP


@dataclass(frozen=True)
class PairCadence:
    """One published pair against its agreement; ``people`` are the two participants' ids."""

    people: tuple[int, int]
    agreed: int
    held: int

    @property
    def kept(self) -> int:
        return min(self.held, self.agreed)


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
    cadence: list[PairCadence] = field(default_factory=list)  # one per pair with an agreement
    pairs_without_agreement: int = 0

    @property
    def meetings_agreed(self) -> int:
        return sum(p.agreed for p in self.cadence)

    @property
    def meetings_held_as_agreed(self) -> int:
        """Meetings held within the agreed spans, over-eager pairs counted in full."""
        return sum(p.held for p in self.cadence)

    @property
    def cadence_kept(self) -> float | None:
        return self.overall.cadence_kept

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


def _group(label: str, people: set[int], answers: list[tuple], matched: set[int],
           cadence: list[PairCadence] = ()) -> Group:
    """``answers``: (participant id, satisfaction, meeting, goal progress, recommend)."""
    g = Group(label, len(people))
    if g.suppressed:
        return g
    pairs = [p for p in cadence if people.intersection(p.people)]
    if len(people.intersection(i for p in pairs for i in p.people)) >= MIN_GROUP:
        g.meetings_agreed = sum(p.agreed for p in pairs)
        g.meetings_kept = sum(p.kept for p in pairs)
        if g.meetings_agreed:
            g.cadence_kept = round(100 * g.meetings_kept / g.meetings_agreed, 1)
    mine = [a for a in answers if a[0] in people]
    respondents = {a[0] for a in mine}
    if len(respondents) >= MIN_GROUP:
        g.satisfaction = _avg([a[1] for a in mine])
        g.meeting_rate = _avg([100.0 if a[2] else 0.0 for a in mine])
        g.goal_progress = _avg([a[3] for a in mine])
        g.nps = nps([a[4] for a in mine if a[4] is not None])
    g.match_rate = round(100 * len(people & matched) / len(people), 1)
    return g


def program_analytics(program: Program, *, now: dt.datetime | None = None) -> Analytics:
    now = now or timezone.now()
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
                              "relationship__health_checked_at", "mentee_id", "mentor_id"))
    days, booked, held = _meetings([p[:7] for p in pairs])
    # A pair reads "healthy" until its first daily check: count it as not checked yet instead.
    health = Counter((h if checked else "not_checked") for *_r, h, checked, _a, _b in pairs if h)
    cadence, unagreed = _cadence(pairs, now)
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
    overall = _group("all", everyone, answers, matched_ids, cadence)
    by_dept = defaultdict(set)
    for pk, s, dept, _p in places:
        if pk in everyone:
            by_dept[dept.strip() or "(none)"].add(pk)
    departments = [_group(d, ids, answers, matched_ids, cadence)
                   for d, ids in sorted(by_dept.items())]
    cohorts = _cohorts(pairs, everyone, answers, matched_ids, cadence)
    return Analytics(funnel, match_rate, days, booked, held, dict(health), over_time, silence,
                     surveys, overall, departments, cohorts, cadence, unagreed)


def _cohorts(pairs, everyone, answers, matched, cadence) -> list[Group]:
    """A cohort is the month a person's pair was published; the not yet matched are their own."""
    month = {}
    for pair in pairs:
        month[pair[7]] = month[pair[8]] = pair[1].strftime("%Y-%m")
    groups = defaultdict(set)
    for pk in everyone:
        groups[month.get(pk, "not matched")].add(pk)
    return [_group(label, ids, answers, matched, cadence) for label, ids in sorted(groups.items())]


def _cadence(pairs, now: dt.datetime) -> tuple[list[PairCadence], int]:
    """Each published pair's agreed and held meetings, and how many pairs have no agreement.

    An agreement counts from the day it was made until now or the relationship's end; revising
    it keeps that day and changes the cadence for the whole span. Held is what the health check
    counts: sessions and check-ins that took place (not cancelled, over, whether or not marked
    held) and written updates sent in place of one. Nothing but dates and ids is read."""
    rel_ids = [p[4] for p in pairs if p[4]]
    agreements = {
        rid: (created, CADENCE_DAYS[cadence], state, ended)
        for rid, created, cadence, state, ended in Agreement.objects.filter(
            relationship_id__in=rel_ids
        ).values_list("relationship_id", "created_at", "cadence", "relationship__state",
                      "relationship__ended_at")
    }
    paused = _paused(list(agreements), now)
    spans = {}
    for pk, _at, mentee, mentor, rid, *_rest in pairs:
        if rid in agreements:
            start, days, state, ended = agreements[rid]
            end = min(now, ended) if state == State.ENDED and ended else now
            spans[pk] = (frozenset((mentee, mentor)), start, end, days, paused.get(rid, []))
    held: Counter = Counter()
    if spans:
        people = {p for key, *_r in spans.values() for p in key}
        since = min(start for _k, start, *_r in spans.values())
        times = list(Meeting.objects.held(now).filter(
            organizer_id__in=people, attendee_id__in=people, starts_at__gte=since,
        ).exclude(kind=MeetingKind.INTRO).values_list("organizer_id", "attendee_id", "ends_at"))
        times += AsyncUpdate.objects.filter(
            mentee_id__in=people, mentor_id__in=people, created_at__gte=since, created_at__lte=now,
        ).values_list("mentee_id", "mentor_id", "created_at")
        by_pair = {key: pk for pk, (key, *_r) in spans.items()}
        for a, b, at in times:
            pk = by_pair.get(frozenset((a, b)))
            if pk is not None and spans[pk][1] <= at <= spans[pk][2]:
                held[pk] += 1
    out = []
    for pk, _at, _a, _b, _rid, _h, _c, mentee, mentor in pairs:
        if pk in spans:
            _key, start, end, days, pauses = spans[pk]
            out.append(PairCadence((mentee, mentor), meetings_expected(start, end, days, pauses),
                                   held[pk]))
    return out, len(pairs) - len(out)


def _paused(relationship_ids: list[int], now: dt.datetime) -> dict[int, list]:
    """Each relationship's paused spans, from its transitions (a pause still on runs to now)."""
    spans: dict[int, list] = defaultdict(list)
    began: dict[int, dt.datetime] = {}
    moves = Transition.objects.filter(relationship_id__in=relationship_ids).filter(
        Q(to_state=State.PAUSED) | Q(from_state=State.PAUSED))
    for rid, from_state, to_state, at in moves.order_by("at", "id").values_list(
        "relationship_id", "from_state", "to_state", "at"
    ):
        if to_state == State.PAUSED:
            began.setdefault(rid, at)
        elif rid in began:
            spans[rid].append((began.pop(rid), at))
    for rid, at in began.items():
        spans[rid].append((at, now))
    return spans


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
    w.writerow(["meetings agreed", "all", "", data.meetings_agreed])
    w.writerow(["meetings held as agreed", "all", "", data.meetings_held_as_agreed])
    w.writerow(["cadence kept %", "all", "", _blank(data.cadence_kept)])
    w.writerow(["pairs without agreement", "all", "", data.pairs_without_agreement])
    w.writerow(["silence rate %", "all", "", _blank(data.silence_rate)])
    for name, n in sorted(data.health.items()):
        w.writerow(["health", name, n, ""])
    for s in data.surveys:
        for key in ("satisfaction", "meeting_rate", "goal_progress", "nps"):
            w.writerow([f"survey {s['label']}: {key}", "answered", s["answered"], _blank(s[key])])
    w.writerow(["group", "label", "people", "satisfaction", "nps", "goal progress", "meeting %",
                "match %", "meetings agreed", "meetings kept", "cadence kept %"])
    for kind, groups in (("overall", [data.overall]), ("department", data.by_department),
                         ("cohort", data.by_cohort)):
        for g in groups:
            people = f"fewer than {MIN_GROUP}" if g.suppressed else g.people
            w.writerow([kind, g.label, people, _blank(g.satisfaction), _blank(g.nps),
                        _blank(g.goal_progress), _blank(g.meeting_rate), _blank(g.match_rate),
                        _blank(g.meetings_agreed), _blank(g.meetings_kept), _blank(g.cadence_kept)])
    return out.getvalue()


def _blank(value) -> str:
    return "" if value is None else str(value)
