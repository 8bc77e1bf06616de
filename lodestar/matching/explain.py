"""Explanations of pair scores: per-criterion breakdown and plain-language reasons.

Produced only for the pairs someone will look at (chosen pairs, top-k suggestions),
never for all mentee x mentor pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .features import GUIDANCE, KINDS, Weights
from .scoring import Scorer, rowdot

GUIDANCE_TEXT = {
    "technical": "technical advice", "career": "career strategy",
    "navigation": "help navigating the organisation", "emotional": "emotional support",
}
CRITERIA = Weights.CRITERIA


@dataclass
class Explanation:
    mentee: int
    mentor: int
    score: float  # mentee side (NaN when the pair is forbidden)
    mentor_score: float
    feasible: bool
    breakdown: dict[str, dict] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "mentee": self.mentee, "mentor": self.mentor, "score": self.score, "mentor_score": self.mentor_score,
            "feasible": self.feasible, "breakdown": self.breakdown, "reasons": list(self.reasons),
            "blockers": list(self.blockers),
        }


def _hours(h: float) -> str:
    return f"{h:.1f}".rstrip("0").rstrip(".") if abs(h - round(h)) > 1e-9 else f"{int(round(h))}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _row(M, i) -> np.ndarray:
    return M.indices[M.indptr[i]:M.indptr[i + 1]]


def explain_pairs(sc: Scorer, I, J) -> list[Explanation]:
    I, J = np.asarray(I, np.int64).reshape(-1), np.asarray(J, np.int64).reshape(-1)
    if I.size == 0:
        return []
    crit = sc.criteria(I, J)
    s, ms = sc.combine(crit, I)
    feas = sc.feasible(I, J, crit)
    app = sc.applicable(I)
    out = []
    for t in range(I.size):
        i, j = int(I[t]), int(J[t])
        norm = sc.applicable_sum[i]
        bd = {}
        for c in CRITERIA:
            wgt = getattr(sc.w, c)
            v = float(crit[c][t])
            bd[c] = {"value": round(v, 4), "weight": wgt, "applies": bool(app[c][t]),
                     "contribution": round(float(wgt * v * app[c][t] / norm), 4)}
        bd["persona"]["mentor_side_value"] = round(float(crit["persona_mentor"][t]), 4)
        bd["availability"]["hours_per_week"] = round(float(crit["hours"][t]), 2)
        ex = Explanation(i, j, float(s[t]) if feas[t] else float("nan"),
                         float(ms[t]) if feas[t] else float("nan"), bool(feas[t]), bd)
        ex.reasons = _reasons(sc, i, j, crit, t, app)
        if not feas[t]:
            ex.blockers = _blockers(sc, i, j, crit, t)
        out.append(ex)
    return out


def _reasons(sc: Scorer, i, j, crit, t, app) -> list[str]:
    A, B, vocab, w = sc.A, sc.B, sc.vocab, sc.w
    items: list[tuple[float, str]] = []
    norm = sc.applicable_sum[i]

    def add(c, text):
        if text:
            items.append((getattr(w, c) * float(crit[c][t]) / norm, text))

    h = float(crit["hours"][t])
    add("availability", f"{_hours(h)} h a week of shared availability" if h > 0 else "no shared availability yet")
    shared = np.intersect1d(_row(sc.workA, i), _row(sc.workB, j))
    if shared.size:
        add("language", "both speak " + _join([vocab.language_name(int(x)) for x in shared[:3]]))
    if app["skills"][t]:
        gaps = _row(A.gaps, i)
        have = np.intersect1d(gaps, _row(B.skills, j))
        names = [vocab.skills[int(x)] for x in have[:4]] if len(vocab.skills) else []
        text = f"covers {have.size} of your {gaps.size} skill gap{'s' if gaps.size != 1 else ''}"
        if names:
            text += f" ({', '.join(names)})"
        add("skills", text)
    if app["guidance"][t]:
        want = A.guidance_wanted[i] > 0
        got = [GUIDANCE_TEXT[g] for k, g in enumerate(GUIDANCE) if want[k] and B.guidance_offered[j, k]]
        if got:
            add("guidance", f"offers the {_join(got)} you asked for")
        else:
            add("guidance", "does not offer the kind of guidance you asked for")
    if app["goals"][t] and crit["goals"][t] >= 0.15:
        add("goals", "their bio and expertise echo your goals")
    si, sj = int(A.seniority[i]), int(B.seniority[j])
    if si >= 0 and sj >= 0:
        d = sj - si
        lv = "level" if abs(d) == 1 else "levels"
        rel = (f"{d} {lv} more senior than you" if d > 0 else
               f"{-d} {lv} more junior than you" if d < 0 else "at the same level as you")
        add("seniority", rel)
    rk = sc.rules.kind_index
    if rk >= 0 and crit["kind"][t] > 0:
        add("kind", f"open to {KINDS[rk]} mentoring")
    elif rk < 0 and A.kinds[i]:
        both = [KINDS[k] for k in range(len(KINDS)) if (A.kinds[i] >> k) & 1 and sc.accB[j, k]]
        if both:
            add("kind", f"also open to {_join(both)} mentoring")
    if app["answers"][t]:
        asked = int(sc.n_answers[i])
        same = int(round(float(crit["answers"][t]) * asked))
        add("answers", f"gave your answer to {same} of your {asked} program question{'s' if asked != 1 else ''}")
    pv = float(crit["persona"][t])
    nw = A.nice_weights[i]
    if nw.sum() > 0 and pv > 0:
        add("persona", f"meets {round(pv * 100)}% of your nice-to-haves")
    items.sort(key=lambda x: -x[0])
    return [text for _, text in items]


def _blockers(sc: Scorer, i, j, crit, t) -> list[str]:
    A, B, r = sc.A, sc.B, sc.rules
    out = []
    I, J = np.array([i]), np.array([j])
    hours = crit["hours"][t:t + 1]
    if not sc.pool and B.capacity[j] <= 0:
        out.append("the mentor has no capacity")
    if A.ids[i] == B.ids[j]:
        out.append("a person cannot be matched with themselves")
    if hours[0] < r.min_overlap_hours - 1e-9:
        out.append(f"only {_hours(float(hours[0]))} h a week of shared availability "
                   f"({_hours(r.min_overlap_hours)} h needed)")
    if r.require_shared_language and crit["shared_languages"][t] <= 0:
        out.append("no shared language at working proficiency")
    if r.forbid_same_department and A.department[i] >= 0 and A.department[i] == B.department[j]:
        out.append("same department")
    if not sc.must_ok(A, B, sc.workB, sc.accB, hours, I, J)[0]:
        out.append("does not meet the mentee's must-haves")
    if not sc.must_ok(B, A, sc.workA, sc.accA, hours, J, I)[0]:
        out.append("does not meet the mentor's must-haves")
    ex = sc.explicit_pairs()
    if ex.size and np.isin(i * sc.m + j, ex) and A.ids[i] != B.ids[j]:
        out.append("declined or ended before, or in the same reporting line")
    return out or ["forbidden"]


__all__ = ["Explanation", "explain_pairs", "rowdot"]
