"""Realistic synthetic participants for the matching benchmarks (and engine tests).

Skills from a Zipf-popular vocabulary in taxonomy categories, working languages
by region (English common), seniority skewed junior for mentees and senior for
mentors, guidance wishes and offers, preferred kinds, departments and reporting
lines, a few must-haves and nice-to-haves, hashed goal / bio texts, and weekly
availability windows in local time across ~40 time zones, laid onto a 4-week UTC
span that crosses the March daylight-saving changes (the US already moved, Europe
moves on the span's last Sunday of March, the southern zones not yet).

    python bench/gen_participants.py 1000     # quick look at one generated set
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

import numpy as np
import scipy.sparse as sp

from lodestar.matching.features import (
    GUIDANCE, KINDS, NICE, SLOTS_PER_WEEK, Participants, Requirements, Vocabulary, hash_vectorize,
)

CATEGORIES = ["Software", "Data", "Cloud", "Security", "Design", "Product", "Leadership", "Marketing",
              "Finance", "Sales", "People", "Research", "Operations", "Legal", "Hardware", "Writing"]
WORDS = {c: [f"{c.lower()}{k}" for k in range(25)] for c in CATEGORIES}
LANGS = ["en", "es", "pt", "fr", "de", "it", "nl", "pl", "ja", "zh", "ko", "hi", "ar", "ru", "tr",
         "sv", "uk", "vi", "id", "th", "he", "el", "cs", "ro", "hu", "fi", "da", "no", "bn", "sw"]
# (utc offset in hours, dst rule, regional languages)
ZONES = [(-8, "us", ["en", "es"]), (-7, "us", ["en", "es"]), (-6, "us", ["en", "es"]), (-5, "us", ["en", "es"]),
         (-4, "none", ["es", "en"]), (-3, "south", ["pt", "es"]), (-3, "none", ["pt"]), (-5, "none", ["es"]),
         (0, "eu", ["en"]), (1, "eu", ["fr", "de", "nl", "it", "es", "pl", "sv", "da", "no", "cs", "hu"]),
         (2, "eu", ["fi", "el", "ro", "uk"]), (3, "none", ["ru", "tr", "ar"]), (2, "none", ["ar", "en", "he"]),
         (4, "none", ["ar", "en"]), (5.5, "none", ["hi", "en", "bn"]), (5.75, "none", ["en"]), (6, "none", ["bn"]),
         (7, "none", ["th", "vi", "id"]), (8, "none", ["zh", "en", "id"]), (9, "none", ["ja", "ko"]),
         (10, "south", ["en"]), (12, "south", ["en"]), (1, "none", ["fr", "en", "sw"]), (3, "none", ["sw", "en"]),
         (-6, "none", ["es"]), (9.5, "south", ["en"]), (0, "none", ["fr", "en"]), (8, "none", ["en", "zh"])]
ZONE_WEIGHT = np.array([4, 2, 4, 6, 1, 3, 1, 2, 5, 9, 3, 2, 1, 1, 6, 0.3, 1, 2, 4, 3, 2, 0.5, 1, 1, 1, 0.3, 1, 1.5])
SPAN_START = date(2026, 3, 9)  # a Monday; 4 weeks: US DST already on, EU switches on 29 March
WEEKS = 4
# local weekly templates: (weekday set, start minute, end minute)
TEMPLATES = [
    [(range(0, 5), 12 * 60, 13 * 60)],
    [(range(0, 5), 18 * 60, 20 * 60 + 30)],
    [(range(0, 5), 8 * 60, 9 * 60 + 30), (range(5, 7), 10 * 60, 12 * 60)],
    [(range(0, 4), 16 * 60, 18 * 60)],
    [(range(5, 7), 9 * 60, 13 * 60)],
    [(range(0, 5), 9 * 60, 17 * 60)],
    [(range(1, 4), 19 * 60, 21 * 60), (range(5, 6), 14 * 60, 16 * 60)],
    [(range(0, 5), 7 * 60, 8 * 60 + 15), (range(0, 5), 12 * 60 + 30, 13 * 60 + 15)],
]


def _dst_on(rule: str, day: date) -> bool:
    if rule == "us":
        return day >= date(2026, 3, 8)
    if rule == "eu":
        return day >= date(2026, 3, 29)
    if rule == "south":
        return day < date(2026, 4, 5)
    return False


def _availability(rng, zone, n, S):
    mask = np.zeros((n, S), dtype=bool)
    tmpl = rng.integers(0, len(TEMPLATES), n)
    shift = rng.integers(-4, 5, n) * 15  # personal jitter of the template, minutes
    for t, windows in enumerate(TEMPLATES):
        who = np.flatnonzero(tmpl == t)
        if who.size == 0:
            continue
        for z in np.unique(zone[who]):
            grp = who[zone[who] == z]
            off, rule, _ = ZONES[z]
            for wk in range(WEEKS):
                for days, a, b in windows:
                    for wd in days:
                        day = SPAN_START + timedelta(days=7 * wk + wd)
                        utc_off = off + (1 if _dst_on(rule, day) else 0)
                        base = (7 * wk + wd) * 96 - int(round(utc_off * 4))
                        s0 = base + (a + shift[grp]) // 15
                        s1 = base + (b + shift[grp]) // 15
                        for q in range(int((b - a) // 15)):
                            cols = (s0 + q) % S
                            ok = cols < s1 % S if False else np.ones(grp.size, bool)
                            mask[grp[ok], cols[ok]] = True
    return mask


def _skills(rng, n, V, per, pop):
    k = rng.integers(per[0], per[1] + 1, n)
    rows = np.repeat(np.arange(n), k)
    cols = rng.choice(V, size=rows.size, p=pop)
    M = sp.csr_array((np.ones(rows.size, np.float32), (rows, cols)), shape=(n, V))
    M.sum_duplicates()
    M.data[:] = 1.0
    return M


def _texts(rng, cats_of, skills_mat, vocab_names, n, extra):
    out = []
    for i in range(n):
        idx = skills_mat.indices[skills_mat.indptr[i]:skills_mat.indptr[i + 1]]
        words = [vocab_names[j] for j in idx]
        for j in idx[:3]:
            words += list(rng.choice(WORDS[CATEGORIES[cats_of[j]]], 3))
        words += list(rng.choice(extra, 4))
        out.append(" ".join(words))
    return out


def generate(n_mentees: int, n_mentors: int | None = None, *, seed: int = 0, capacity: int = 5,
             text_dim: int = 64):
    """Return (mentees, mentors, vocab) as engine ``Participants``."""
    rng = np.random.default_rng(seed)
    m = n_mentors if n_mentors is not None else max(1, n_mentees // 5)
    V = 400
    cat = rng.integers(0, len(CATEGORIES), V)
    skill_names = [f"{CATEGORIES[cat[v]].lower()}-skill-{v}" for v in range(V)]
    pop = 1.0 / np.arange(1, V + 1) ** 0.9
    pop = pop[rng.permutation(V)]
    pop /= pop.sum()
    vocab = Vocabulary(skills=skill_names, skill_category=cat, categories=CATEGORIES, languages=LANGS)
    extra = ["growth", "leadership", "career", "learning", "team", "promotion", "impact", "balance",
             "strategy", "communication", "confidence", "mentoring", "feedback", "network", "change"]
    S = SLOTS_PER_WEEK * WEEKS
    zw = ZONE_WEIGHT / ZONE_WEIGHT.sum()

    def people(n, is_mentor, id0):
        zone = rng.choice(len(ZONES), n, p=zw)
        rows, cols, vals = [], [], []
        for i in range(n):
            langs = ZONES[zone[i]][2]
            native = langs[rng.integers(0, len(langs))]
            rows.append(i)
            cols.append(LANGS.index(native))
            vals.append(5)
            if native != "en" and rng.random() < 0.8:
                rows.append(i)
                cols.append(0)
                vals.append(int(rng.integers(3, 6)))
            if rng.random() < 0.15:
                other = LANGS[int(rng.integers(1, len(LANGS)))]
                if other != native:
                    rows.append(i)
                    cols.append(LANGS.index(other))
                    vals.append(int(rng.integers(2, 5)))
        langs = sp.csr_array((np.array(vals, np.float32), (rows, cols)), shape=(n, len(LANGS)))
        langs.sum_duplicates()
        langs.data = np.minimum(langs.data, 5)
        sen = np.clip(rng.normal(5.0 if is_mentor else 2.0, 1.2, n).round(), 0, 7).astype(np.int64)
        sen[rng.random(n) < 0.03] = -1
        skills = _skills(rng, n, V, (4, 12) if is_mentor else (1, 5), pop)
        gaps = _skills(rng, n, V, (2, 5), pop) if not is_mentor else sp.csr_array((n, V), dtype=np.float32)
        want = rng.random((n, len(GUIDANCE))) * (rng.random((n, len(GUIDANCE))) < 0.6)
        offered = rng.random((n, len(GUIDANCE))) < (0.55 if is_mentor else 0.2)
        kinds = np.zeros(n, dtype=np.int64)
        pick = rng.random((n, len(KINDS))) < 0.3
        for k in range(len(KINDS)):
            kinds |= pick[:, k].astype(np.int64) << k
        dept = rng.integers(0, 300, n)
        org = dept // 60
        # reporting lines: 3 managers up, drawn from the org's leadership ids (some are mentors)
        chain = np.stack([10_000_000 + dept * 10 + rng.integers(0, 3, n), 20_000_000 + org * 7 + rng.integers(0, 2, n),
                          np.full(n, 30_000_000)], axis=1)
        mptr = np.arange(0, 3 * n + 1, 3, dtype=np.int64)
        must = Requirements.none(n, V)
        nice = Requirements.none(n, V)
        r = rng.random(n)
        must.language[r < 0.06] = 0 if not is_mentor else 0
        must.min_seniority[(r >= 0.06) & (r < 0.10)] = 2 if is_mentor else 4
        must.overlap_hours[(r >= 0.10) & (r < 0.14)] = 1.0
        if not is_mentor:
            mk = np.flatnonzero((r >= 0.14) & (r < 0.16))
            ms = _skills(rng, mk.size, V, (1, 1), pop).tocoo()
            must.skills = sp.csr_array((ms.data, (mk[ms.row], ms.col)), shape=(n, V))
        nw = np.zeros((n, len(NICE)))
        q = rng.random(n) < 0.4
        nice.language[q] = rng.integers(0, 6, q.sum())
        nice.min_seniority[q] = np.where(is_mentor, 0, rng.integers(3, 7, q.sum()))
        nice.kind[q] = rng.integers(0, len(KINDS), q.sum())
        nice.overlap_hours[q] = rng.choice([1.0, 2.0, 4.0], q.sum())
        nw[q] = rng.random((q.sum(), len(NICE)))
        avail = _availability(rng, zone, n, S)
        texts = _texts(rng, cat, skills if is_mentor else gaps, skill_names, n, extra)
        ids = np.arange(id0, id0 + n, dtype=np.int64)
        return dict(ids=ids, skills=skills, gaps=gaps, guidance_wanted=want, guidance_offered=offered,
                    languages=langs, seniority=sen, kinds=kinds, availability=avail, department=dept,
                    organization=org, manager_ptr=mptr, manager_ids=chain.reshape(-1), must=must, nice=nice,
                    nice_weights=nw, capacity=np.full(n, capacity if is_mentor else 0, dtype=np.int64)), texts

    a, ta = people(n_mentees, False, 0)
    b, tb = people(m, True, 1_000_000)
    # a few mentors are also mentees (never matched with themselves); some lead departments
    both = rng.choice(m, size=max(1, m // 50), replace=False)
    b["ids"][both] = rng.choice(n_mentees, size=both.size, replace=False)
    leaders = rng.choice(m, size=min(m, 300), replace=False)
    b["ids"][leaders] = 10_000_000 + np.arange(leaders.size) * 10
    a["goal_vec"], idf = hash_vectorize(ta, text_dim)
    a["profile_vec"] = hash_vectorize(ta, text_dim, idf=idf)[0]
    b["profile_vec"] = hash_vectorize(tb, text_dim, idf=idf)[0]
    b["goal_vec"] = np.zeros_like(b["profile_vec"])
    slots = S
    mentees = Participants.build(n_mentees, vocab, slots=slots, text_dim=text_dim, **a)
    mentors = Participants.build(m, vocab, slots=slots, text_dim=text_dim, **b)
    return mentees, mentors, vocab


if __name__ == "__main__":  # pragma: no cover
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    t = time.perf_counter()
    A, B, vocab = generate(n)
    print(f"generated {A.n} mentees, {B.n} mentors in {time.perf_counter() - t:.2f}s")
    print("mean weekly availability (h):", A.availability.sum(1).mean() / 4 / WEEKS)
