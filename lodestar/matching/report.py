"""Quality report of a matching run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .candidates import NEG, Candidates

NO_FEASIBLE = "no_feasible_mentor"
CAPACITY = "capacity"
NOT_WORTHWHILE = "not_worthwhile"
WAITING = "waiting"
NO_PARTNER = "no_feasible_partner"
PARTNERS_TAKEN = "partners_taken"


@dataclass
class QualityReport:
    mode: str
    n_mentees: int
    n_mentors: int
    matched: int
    unmatched: int
    unmatched_by_reason: dict[str, int]
    unmatched_reasons: dict[int, str]
    total_score: float  # mentee-side scores of the matched pairs, summed
    mean_score: float
    distribution: dict
    mentor_total_score: float | None
    objective: float  # what the solver maximised (optimal/peer), else total_score
    blocking_pairs: int
    blocking_pairs_scope: str  # "all pairs" or "candidate pairs"
    blocking_examples: list[tuple[int, int]]
    upper_bound: float | None = None
    gap: float | None = None
    gap_certified_zero: bool | None = None
    seats: int = 0
    seats_used: int = 0
    candidates: int = 0
    deepened: int = 0
    rounds: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["unmatched_reasons"] = {int(k): v for k, v in self.unmatched_reasons.items()}
        return d

    def summary(self) -> str:
        lines = [
            f"{self.mode}: {self.matched} of {self.n_mentees} matched"
            f" (total {self.total_score:.3f}, mean {self.mean_score:.3f})",
        ]
        if self.unmatched:
            why = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.unmatched_by_reason.items() if v)
            lines.append(f"unmatched: {self.unmatched} ({why})")
        lines.append(f"blocking pairs: {self.blocking_pairs} ({self.blocking_pairs_scope})")
        if self.gap is not None:
            state = "certified optimal" if self.gap_certified_zero else f"within {self.gap:.6f} of the optimum"
            lines.append(f"objective {self.objective:.6f}, bound {self.upper_bound:.6f}: {state}")
        return "\n".join(lines)


def distribution(values: np.ndarray) -> dict:
    if values.size == 0:
        return {"count": 0, "histogram": [0] * 10, "bins": [i / 10 for i in range(11)]}
    q = np.quantile(values, [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0])
    hist, edges = np.histogram(np.clip(values, 0.0, 1.0), bins=10, range=(0.0, 1.0))
    return {
        "count": int(values.size), "min": float(q[0]), "p10": float(q[1]), "p25": float(q[2]),
        "median": float(q[3]), "p75": float(q[4]), "p90": float(q[5]), "max": float(q[6]),
        "std": float(values.std()), "histogram": hist.tolist(), "bins": [float(e) for e in edges],
    }


def pair_values(cands: Candidates, assignment: np.ndarray):
    """Mentee-side and mentor-side scores of each mentee's assigned pair (NaN if unmatched)."""
    n = cands.n_mentees
    s = np.full(n, np.nan)
    ms = np.full(n, np.nan)
    rows = cands.rows()
    hit = assignment[rows] == cands.mentors
    s[rows[hit]] = cands.scores[hit]
    if cands.mentor_scores is not None:
        ms[rows[hit]] = cands.mentor_scores[hit]
    else:
        ms[rows[hit]] = cands.scores[hit]
    return s, ms


def blocking(cands: Candidates, assignment: np.ndarray, cap: np.ndarray, limit: int = 10):
    """Blocking pairs among the listed pairs: both sides would rather be together."""
    n, m = cands.n_mentees, cands.n_mentors
    rows, cols = cands.rows(), cands.mentors
    sk = cands.scores
    mk = cands.mentor_scores if cands.mentor_scores is not None else cands.scores
    s_cur, m_cur = pair_values(cands, assignment)
    a = assignment[rows]
    live = (cap[cols] > 0) & (a != cols)
    prefers = (a < 0) | (sk > s_cur[rows]) | ((sk == s_cur[rows]) & (cols < a))
    load = np.bincount(assignment[assignment >= 0], minlength=m)
    # each mentor's worst held mentee (lowest key, then highest index)
    held = np.flatnonzero(assignment >= 0)
    wk = np.full(m, np.inf)
    wi = np.full(m, -1, dtype=np.int64)
    if held.size:
        hj, hk = assignment[held], m_cur[held]
        order = np.lexsort((-held, hk, hj))
        hj, hk, hi = hj[order], hk[order], held[order]
        first = np.ones(hj.size, dtype=bool)
        first[1:] = hj[1:] != hj[:-1]
        wk[hj[first]] = hk[first]
        wi[hj[first]] = hi[first]
    room = load[cols] < cap[cols]
    wants = room | (mk > wk[cols]) | ((mk == wk[cols]) & (rows < wi[cols]))
    b = live & prefers & wants
    idx = np.flatnonzero(b)
    return int(idx.size), [(int(rows[t]), int(cols[t])) for t in idx[:limit]]


def unmatched_reasons(cands: Candidates, assignment: np.ndarray, cap: np.ndarray) -> dict[int, str]:
    m = cands.n_mentors
    load = np.bincount(assignment[assignment >= 0], minlength=m)
    rows, cols = cands.rows(), cands.mentors
    usable = cap[cols] > 0
    any_feasible = np.bincount(rows[usable], minlength=cands.n_mentees) > 0
    any_feasible |= np.isfinite(cands.bound) & (cands.bound > NEG)
    any_room = np.bincount(rows[usable & (load[cols] < cap[cols])], minlength=cands.n_mentees) > 0
    out = {}
    for i in np.flatnonzero(assignment < 0).tolist():
        if not any_feasible[i]:
            out[i] = NO_FEASIBLE
        elif any_room[i]:
            out[i] = NOT_WORTHWHILE
        else:
            out[i] = CAPACITY
    return out


def build_report(mode, cands: Candidates, assignment, cap, *, objective=None, upper_bound=None,
                 gap=None, certified=None, rounds=0, deepened=0, seconds=0.0, reasons=None,
                 block=None, extra=None) -> QualityReport:
    n, m = cands.n_mentees, cands.n_mentors
    s, ms = pair_values(cands, assignment)
    matched = assignment >= 0
    vals = s[matched]
    if reasons is None:
        reasons = unmatched_reasons(cands, assignment, cap)
    by = {}
    for r in reasons.values():
        by[r] = by.get(r, 0) + 1
    if block is None:
        nb, ex = blocking(cands, assignment, cap)
    else:
        nb, ex = block
    total = float(vals.sum())
    return QualityReport(
        mode=mode, n_mentees=n, n_mentors=m, matched=int(matched.sum()), unmatched=int((~matched).sum()),
        unmatched_by_reason=by, unmatched_reasons=reasons, total_score=total,
        mean_score=float(vals.mean()) if vals.size else 0.0, distribution=distribution(vals),
        mentor_total_score=float(np.nansum(ms[matched])) if cands.mentor_scores is not None else None,
        objective=total if objective is None else float(objective),
        blocking_pairs=nb, blocking_pairs_scope="all pairs" if cands.complete() else "candidate pairs",
        blocking_examples=ex, upper_bound=upper_bound, gap=gap, gap_certified_zero=certified,
        seats=int(cap.sum()), seats_used=int(matched.sum()), candidates=cands.nnz, deepened=deepened,
        rounds=rounds, seconds=seconds, extra=extra or {},
    )
