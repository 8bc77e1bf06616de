"""Participant-level engine: scores, hard constraints, streaming bounds, explanations."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest
import scipy.sparse as sp

from lodestar.matching import MatchingInputError, solve
from lodestar.matching.engine import Directory, match, score_matrix, suggest
from lodestar.matching.features import (
    Participants, Requirements, Rules, Vocabulary, Weights, hash_vectorize, overlap_hours, pack_availability,
    windows_to_mask,
)
from lodestar.matching.scoring import ScoredSource, Scorer

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _gen():
    spec = importlib.util.spec_from_file_location("gen_participants", ROOT / "bench" / "gen_participants.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.generate


@pytest.fixture(scope="module")
def population():
    return _gen()(500, 100, seed=11)


def _vocab():
    return Vocabulary(skills=["Python", "SQL", "Kubernetes", "Design"], skill_category=np.array([0, 0, 1, 2]),
                      categories=["Data", "Cloud", "Design"], languages=["en", "pt", "ja"])


def _csr(rows, width):
    r = [i for i, row in enumerate(rows) for _ in row]
    c = [j for row in rows for j in row]
    return sp.csr_array((np.ones(len(c), np.float32), (r, c)), shape=(len(rows), width))


def _langs(rows, width=3):
    r = [i for i, row in enumerate(rows) for _ in row]
    c = [j for row in rows for j, _ in row]
    v = [p for row in rows for _, p in row]
    return sp.csr_array((np.array(v, np.float32), (r, c)), shape=(len(rows), width))


def tiny():
    """Two mentees, three mentors, hand-made so every criterion is predictable."""
    vocab = _vocab()
    eve = windows_to_mask([(d, 18 * 60, 20 * 60 + 15) for d in range(5)], 2)  # 11.25 h a week
    lunch = windows_to_mask([(d, 12 * 60, 13 * 60) for d in range(3)], 2)  # 3 h
    none = np.zeros_like(eve)
    goals, idf = hash_vectorize(["grow into data engineering with python and sql", "design leadership"], 64)
    bios = hash_vectorize(["data engineering python sql mentor", "kubernetes cloud", "design leadership coach"],
                          64, idf=idf)[0]
    mentees = Participants.build(
        2, vocab, slots=eve.size, text_dim=64,
        ids=np.array([1, 2]), gaps=_csr([[0, 1, 2, 3], [3]], 4), skills=_csr([[], [0]], 4),
        guidance_wanted=np.array([[1.0, 1.0, 0, 0], [0, 0, 0, 1.0]]),
        languages=_langs([[(0, 4), (1, 5)], [(2, 5)]]), seniority=np.array([1, 3]),
        kinds=np.array([0b10, 0]), availability=np.stack([eve, eve]), goal_vec=goals,
    )
    mentors = Participants.build(
        3, vocab, slots=eve.size, text_dim=64,
        ids=np.array([10, 11, 2]), skills=_csr([[0, 1, 2], [2], [3]], 4),
        guidance_offered=np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]], dtype=bool),
        languages=_langs([[(1, 5), (0, 3)], [(0, 5)], [(2, 5)]]), seniority=np.array([4, 2, 5]),
        kinds=np.array([0b10, 0b01, 0]), availability=np.stack([eve, lunch, none]), profile_vec=bios,
        capacity=np.array([2, 1, 1]),
    )
    return mentees, mentors, vocab


def test_tiny_scores_explanations_and_constraints():
    A, B, vocab = tiny()
    S, MS = score_matrix(A, B, vocab)
    # mentor 2 is mentee 1 herself (same id 2) -> forbidden; mentee 1 speaks only Japanese
    assert np.isnan(S[1, 2])
    assert np.isnan(S[1, 0]) and np.isnan(S[1, 1])  # no shared working language
    assert not np.isnan(S[0, 0]) and not np.isnan(S[0, 1])
    assert S[0, 0] > S[0, 1]
    res = match(A, B, vocab, mode="optimal")
    assert res.assignment.tolist() == [0, -1]
    assert res.report.unmatched_reasons == {1: "no_feasible_mentor"}
    ex = res.explanations[0]
    text = " | ".join(ex.reasons)
    assert "11.2 h a week of shared availability" in text or "11.3 h a week" in text
    assert "both speak English and Portuguese" in text
    assert "covers 3 of your 4 skill gaps (Python, SQL, Kubernetes)" in text
    assert "offers the technical advice and career strategy you asked for" in text
    assert "3 levels more senior than you" in text
    assert set(ex.breakdown) >= {"skills", "goals", "guidance", "persona", "availability", "language",
                                 "seniority", "kind"}
    assert ex.breakdown["skills"]["value"] == pytest.approx(0.75 * 0.75 + 0.25 * 2 / 3, abs=1e-4)
    total = sum(v["contribution"] for v in ex.breakdown.values())
    assert total == pytest.approx(ex.score, abs=1e-3)
    # explaining a forbidden pair says why
    from lodestar.matching.engine import explain

    blocked = explain(A, B, vocab, [1], [2])[0]
    assert not blocked.feasible
    assert any("themselves" in b for b in blocked.blockers)


def test_must_haves_min_overlap_and_rules():
    A, B, vocab = tiny()
    A.must.language[0] = 1  # mentee 0 insists on Portuguese: only mentor 0 speaks it
    S, _ = score_matrix(A, B, vocab)
    assert np.isnan(S[0, 1]) and not np.isnan(S[0, 0])
    A.must.language[0] = -1
    S, _ = score_matrix(A, B, vocab, rules=Rules(min_overlap_hours=4.0))
    assert np.isnan(S[0, 1])  # only 0 h overlap between evenings and lunches
    S, _ = score_matrix(A, B, vocab, rules=Rules(excluded_pairs=np.array([[0, 0]])))
    assert np.isnan(S[0, 0])
    B.must.min_seniority[0] = 3  # mentor 0 wants mentees at level 3+
    S, _ = score_matrix(A, B, vocab)
    assert np.isnan(S[0, 0])


def test_reporting_line_and_department_rules():
    A, B, vocab = tiny()
    A.manager_ptr[:] = [0, 1, 1]
    A.manager_ids = np.array([10])  # mentor 0 (id 10) manages mentee 0
    A.department[:] = [5, 6]
    B.department[:] = [7, 5, 6]
    S, _ = score_matrix(A, B, vocab, rules=Rules(forbid_same_line=True))
    assert np.isnan(S[0, 0])
    S, _ = score_matrix(A, B, vocab, rules=Rules(forbid_same_department=True))
    assert np.isnan(S[0, 1]) and not np.isnan(S[0, 0])


@pytest.mark.parametrize("rules", [Rules(), Rules(min_overlap_hours=1.0, forbid_same_line=True,
                                                  forbid_same_department=True, kind="formal")])
def test_streamed_upper_bounds_dominate_exact_scores(population, rules):
    A, B, vocab = population
    sc = Scorer(A, B, vocab, Weights(), rules)
    S, MS = sc.score_matrix()
    for share in (0.0, 0.5):
        src = ScoredSource(sc, share)
        U = src.ub_rows(np.arange(A.n), share)
        key = (1 - share) * S + share * MS
        feas = ~np.isnan(key)
        assert np.all(U[feas] + src.margin >= key[feas])
        assert np.all(U[feas] > src.floor)  # never prunes a feasible pair as forbidden
        assert np.mean(U[~feas] <= src.floor) > 0.9  # and catches nearly every forbidden one


def test_text_dimensions_empty_on_either_side_cost_no_product_column(population):
    A, B, vocab = population
    cm = ScoredSource(Scorer(A, B, vocab, Weights(), Rules()), 0.0).model(0.0)
    live = (A.goal_vec != 0).any(axis=0) & (B.profile_vec != 0).any(axis=0)
    t = int(live.sum())
    assert 0 < t < A.goal_vec.shape[1]  # the generated texts leave some hashed dimensions empty
    # the text block of the product is exactly the live dimensions, on both sides
    assert np.array_equal(cm.Xd[:, -t:] != 0, A.goal_vec[:, live] != 0)
    assert np.array_equal(cm.YdT[-t:, :B.n], B.profile_vec[:, live].T.astype(np.float32))
    assert cm.Xd.shape[1] == cm.YdT.shape[0]


def test_tall_blocks_over_few_mentors_list_the_same_candidates(population):
    from lodestar.matching.stream import scan
    from lodestar.matching.workspace import TALL_ROWS, extra_room

    A, B, vocab = population
    src = ScoredSource(Scorer(A, B, vocab, Weights(), Rules(min_overlap_hours=1.0)), 0.0)
    rows, mentors = np.arange(A.n), np.arange(0, B.n, 7)
    prices = np.linspace(0.0, 0.2, B.n)
    tall_blocks = src.blocks(rows, 0.0, TALL_ROWS)
    assert len(tall_blocks) < len(src.blocks(rows, 0.0, 256)) and extra_room(TALL_ROWS) > extra_room(256)
    short = scan(src, rows, 6, prices=prices, order=mentors, max_rows=256)
    tall = scan(src, rows, 6, prices=prices, order=mentors, max_rows=TALL_ROWS)
    assert np.array_equal(short.ptr, tall.ptr)
    np.testing.assert_allclose(tall.vals, short.vals, atol=1e-5)
    np.testing.assert_allclose(tall.bound, short.bound, atol=1e-5)
    assert np.isin(tall.cols, mentors).all()


@pytest.mark.parametrize("mode", ["optimal", "stable"])
def test_streamed_candidates_give_the_exact_result(population, mode):
    A, B, vocab = population
    rules = Rules(min_overlap_hours=1.0)
    S, MS = score_matrix(A, B, vocab, rules=rules)
    res = match(A, B, vocab, mode=mode, rules=rules, k=4)
    if mode == "optimal":
        ref = solve(S, B.capacity, "optimal", MS, mentor_share=0.5)
        assert res.report.objective == pytest.approx(ref.report.objective, abs=1e-6)
        assert res.report.gap_certified_zero
    else:
        ref = solve(S, B.capacity, "stable", MS)
        assert np.array_equal(res.assignment, ref.assignment)
        assert res.report.blocking_pairs == 0
    assert len(res.explanations) == res.report.matched


def test_weights_change_the_ranking(population):
    A, B, vocab = population
    S1, _ = score_matrix(A, B, vocab, weights=Weights())
    S2, _ = score_matrix(A, B, vocab, weights=Weights(skills=0.0, availability=10.0))
    assert not np.allclose(np.nan_to_num(S1), np.nan_to_num(S2))
    with pytest.raises(MatchingInputError):
        Weights(skills=-1.0)


def test_suggest_top_k_matches_exact_ranking(population):
    A, B, vocab = population
    S, _ = score_matrix(A, B, vocab)
    d = Directory(A, B, vocab)
    for i in (0, 7, 42):
        got = d.suggest(i, 5)
        row = S[i]
        order = [j for j in np.lexsort((np.arange(B.n), -np.nan_to_num(row, nan=-9))) if not np.isnan(row[j])][:5]
        assert [g.mentor for g in got] == order
        assert all(g.explanation.reasons for g in got)
        assert [g.score for g in got] == sorted([g.score for g in got], reverse=True)
    one = suggest(7, A, B, vocab, 3)
    assert [g.mentor for g in one] == [g.mentor for g in d.suggest(7, 3)]


def test_peer_pool_from_participants(population):
    A, _, vocab = population
    pool = A.subset(np.arange(41))
    res = match(pool, None, vocab, mode="peer", odd="wait")
    members = [x for g in res.groups for x in g]
    assert len(members) == len(set(members))
    S, _ = Scorer(pool, pool, vocab, pool=True).score_matrix()
    for a, b in res.groups:
        assert not np.isnan(S[a, b]) and not np.isnan(S[b, a])
    assert res.report.objective <= res.report.upper_bound + 1e-6


def test_feature_validation_and_helpers():
    vocab = _vocab()
    with pytest.raises(MatchingInputError, match="skills"):
        Participants.build(2, vocab, skills=sp.csr_array((3, 4)))
    with pytest.raises(MatchingInputError, match="unknown participant field"):
        Participants.build(2, vocab, colour=np.zeros(2))
    with pytest.raises(MatchingInputError, match="whole weeks"):
        Participants.build(2, vocab, availability=np.zeros((2, 100), bool))
    a = windows_to_mask([(0, 9 * 60, 10 * 60 + 30)], 2)
    b = windows_to_mask([(0, 10 * 60, 12 * 60)], 2)
    h = overlap_hours(pack_availability(a[None]), pack_availability(b[None]), 2.0)
    assert h.tolist() == [0.5]
    X, _ = hash_vectorize(["python data", "", "python data"], 32)
    assert np.allclose(np.linalg.norm(X[0]), 1.0) and not X[1].any() and np.allclose(X[0], X[2])
    r = Requirements.none(3, 4)
    assert r.language.tolist() == [-1, -1, -1]


def _answers(rng, n, questions=3, choices=3, blank=0.2):
    """Random answers to a program's "should match" questions: one column per (question, answer)."""
    rows, cols = [], []
    for i in range(n):
        for q in range(questions):
            if rng.random() >= blank:
                rows.append(i)
                cols.append(q * choices + int(rng.integers(choices)))
    return sp.csr_array((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, questions * choices))


@pytest.fixture(scope="module")
def answered(population):
    from dataclasses import replace

    A, B, vocab = population
    rng = np.random.default_rng(5)
    return replace(A, answers=_answers(rng, A.n)), replace(B, answers=_answers(rng, B.n)), vocab


def test_shared_answers_score_exactly_and_stream_exactly(answered):
    A, B, vocab = answered
    sc = Scorer(A, B, vocab)
    I = np.arange(0, A.n, 7)
    J = np.arange(I.size) % B.n
    crit = sc.criteria(I, J)
    for t, (i, j) in enumerate(zip(I.tolist(), J.tolist(), strict=True)):
        mine = set(A.answers[[i]].indices.tolist())
        theirs = set(B.answers[[j]].indices.tolist())
        expected = len(mine & theirs) / len(mine) if mine else 0.0
        assert crit["answers"][t] == pytest.approx(expected)
        assert sc.applicable(I)["answers"][t] == bool(mine)
    # the streamed upper bounds still dominate, and the streamed solvers stay exact
    S, MS = sc.score_matrix()
    for share in (0.0, 0.5):
        src = ScoredSource(sc, share)
        U = src.ub_rows(np.arange(A.n), share)
        key = (1 - share) * S + share * MS
        feas = ~np.isnan(key)
        assert np.all(U[feas] + src.margin >= key[feas])
    res = match(A, B, vocab, mode="optimal", k=4)
    ref = solve(S, B.capacity, "optimal", MS, mentor_share=0.5)
    assert res.report.objective == pytest.approx(ref.report.objective, abs=1e-6)
    assert res.report.gap_certified_zero
    stable = match(A, B, vocab, mode="stable", k=4)
    assert np.array_equal(stable.assignment, solve(S, B.capacity, "stable", MS).assignment)
    # and the explanation says how many answers the pair shares
    ex = next(e for e in res.explanations if e.breakdown["answers"]["applies"])
    asked = int(sc.n_answers[ex.mentee])
    assert any(f"of your {asked} program question" in r for r in ex.reasons), ex.reasons


def test_shared_answers_pull_pairs_together_by_their_weight(answered):
    A, B, vocab = answered

    def shared(weights):
        res = match(A, B, vocab, mode="optimal", weights=weights, k=4)
        i = np.flatnonzero(res.assignment >= 0)
        crit = Scorer(A, B, vocab).criteria(i, res.assignment[i])
        return float(np.mean(crit["answers"][sc_applies(A, i)]))

    def sc_applies(P, i):
        return np.asarray(P.answers.sum(axis=1)).reshape(-1)[i] > 0

    ignored, counted = shared(Weights(answers=0.0)), shared(Weights(answers=10.0))
    assert counted > ignored + 0.2, (ignored, counted)


def test_answers_must_use_the_same_columns_on_both_sides(answered):
    from dataclasses import replace

    A, B, vocab = answered
    with pytest.raises(MatchingInputError, match="same columns"):
        Scorer(replace(A, answers=A.answers[:, :4]), B, vocab)
    bad = sp.csr_array(A.answers * 2)
    with pytest.raises(MatchingInputError, match="0 or 1"):
        replace(A, answers=bad).validate(vocab)
