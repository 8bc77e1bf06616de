"""Solvers against independent oracles: brute force, scipy's assignment, the `matching` package."""

from __future__ import annotations

import itertools
import logging
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from lodestar.matching import Candidates, InfeasibleError, MatchingInputError, solve

HYP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# ---------------------------------------------------------------------------
# oracles
# ---------------------------------------------------------------------------


def brute_force_optimal(W, cap):
    """Best total of W over all capacity-respecting partial assignments (NaN = forbidden)."""
    n, m = W.shape
    best, arg = 0.0, (-1,) * n
    options = [[-1] + [j for j in range(m) if not np.isnan(W[i, j]) and cap[j] > 0] for i in range(n)]
    for combo in itertools.product(*options):
        load = np.bincount([j for j in combo if j >= 0], minlength=m)
        if np.any(load > cap):
            continue
        tot = sum(W[i, j] for i, j in enumerate(combo) if j >= 0)
        if tot > best + 1e-12:
            best, arg = tot, combo
    return best, arg


def lsa_optimal(W, cap):
    """scipy's linear_sum_assignment on the capacity-expanded matrix, plus 'stay unmatched' columns."""
    n, m = W.shape
    seats = np.repeat(np.arange(m), cap)
    big = 1e9
    cost = np.where(np.isnan(W[:, seats]), big, -W[:, seats])
    cost = np.hstack([cost, np.where(np.eye(n, dtype=bool), 0.0, big)])
    r, c = linear_sum_assignment(cost)
    total = -cost[r, c][c < seats.size].sum()
    return total


def matching_package_stable(S, MS, cap):
    """Mentee-optimal stable matching from the `matching` package (HospitalResident)."""
    from matching.games import HospitalResident

    n, m = S.shape
    allowed = ~np.isnan(S) & ~np.isnan(MS) & (cap[None, :] > 0)
    rprefs = {}
    for i in range(n):
        js = [j for j in range(m) if allowed[i, j]]
        if js:
            rprefs[i] = sorted(js, key=lambda j: (-S[i, j], j))
    hprefs = {}
    for j in range(m):
        is_ = [i for i in range(n) if allowed[i, j] and i in rprefs]
        if is_:
            hprefs[j] = sorted(is_, key=lambda i: (-MS[i, j], i))
    caps = {j: int(cap[j]) for j in hprefs}
    out = np.full(n, -1)
    if not rprefs:
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(rprefs, hprefs, caps)
        res = game.solve(optimal="resident")
    for h, residents in res.items():
        for r in residents:
            out[r.name] = h.name
    return out


def count_blocking(S, MS, cap, a):
    n, m = S.shape
    cnt = 0
    for i in range(n):
        for j in range(m):
            if np.isnan(S[i, j]) or np.isnan(MS[i, j]) or cap[j] == 0 or a[i] == j:
                continue
            if a[i] >= 0 and (S[i, j], -j) <= (S[i, a[i]], -a[i]):
                continue
            held = [h for h in range(n) if a[h] == j]
            if len(held) < cap[j] or any((MS[i, j], -i) > (MS[h, j], -h) for h in held):
                cnt += 1
    return cnt


def random_instance(rng, n, m, p_forbid=0.25, max_cap=3):
    S = rng.random((n, m))
    S[rng.random((n, m)) < p_forbid] = np.nan
    cap = rng.integers(0, max_cap + 1, m)
    if cap.sum() == 0:
        cap[0] = 1
    return S, cap


def check_valid(res, S, cap):
    a = res.assignment
    assert a.shape == (S.shape[0],)
    for i, j in enumerate(a):
        if j >= 0:
            assert not np.isnan(S[i, j]), "forbidden pair used"
    load = np.bincount(a[a >= 0], minlength=S.shape[1])
    assert np.all(load <= cap)


# ---------------------------------------------------------------------------
# optimal
# ---------------------------------------------------------------------------


@HYP
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6), m=st.integers(1, 3),
       with_mentor=st.booleans(), bonus=st.sampled_from([0.0, 0.3]))
def test_optimal_equals_brute_force(seed, n, m, with_mentor, bonus):
    rng = np.random.default_rng(seed)
    S, cap = random_instance(rng, n, m, p_forbid=0.3)
    MS = rng.random((n, m)) if with_mentor else None
    W = S if MS is None else 0.5 * S + 0.5 * MS
    allowed = ~np.isnan(S[:, cap > 0])
    if not allowed.any():
        with pytest.raises(InfeasibleError):
            solve(S, cap, "optimal", MS)
        return
    res = solve(S, cap, "optimal", MS, match_bonus=bonus)
    check_valid(res, S, cap)
    best, _ = brute_force_optimal(W + bonus, cap)
    got = sum(W[i, j] + bonus for i, j in enumerate(res.assignment) if j >= 0)
    assert got == pytest.approx(best, abs=1e-6)
    assert res.report.objective == pytest.approx(best, abs=1e-6)
    assert res.report.gap_certified_zero
    assert res.report.gap == 0.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_optimal_equals_linear_sum_assignment_on_expanded_instance(seed):
    rng = np.random.default_rng(seed)
    n, m = 300, 70
    S, cap = random_instance(rng, n, m, p_forbid=0.2, max_cap=6)
    res = solve(S, cap, "optimal")
    check_valid(res, S, cap)
    ref = lsa_optimal(S, cap)
    got = np.nansum([S[i, j] for i, j in enumerate(res.assignment) if j >= 0])
    assert got == pytest.approx(ref, abs=1e-5)
    # pruned candidate lists + deepening reach the same optimum, certified
    pruned = solve(S, cap, "optimal", complete=False, k=3)
    assert pruned.report.objective == pytest.approx(ref, abs=1e-5)
    assert pruned.report.gap_certified_zero


def test_certified_gap_is_a_valid_bound_without_deepening():
    rng = np.random.default_rng(7)
    n, m = 250, 50
    S, cap = random_instance(rng, n, m, p_forbid=0.1, max_cap=4)
    cap[:] = np.maximum(cap, 1)
    ref = lsa_optimal(S, cap)
    res = solve(S, cap, "optimal", complete=False, k=2, max_rounds=0)
    rep = res.report
    assert rep.objective <= ref + 1e-6
    assert rep.upper_bound >= ref - 1e-6  # the bound really bounds the optimum
    assert rep.gap == pytest.approx(rep.upper_bound - rep.objective, abs=1e-6)
    if rep.objective < ref - 1e-6:
        assert not rep.gap_certified_zero


def test_certified_gap_zero_when_pruning_lost_nothing():
    # every mentee's best mentor is distinct and capacity is ample: top-1 lists suffice
    n, m = 40, 40
    rng = np.random.default_rng(3)
    S = rng.random((n, m)) * 0.5
    S[np.arange(n), np.arange(m)] = 1.0
    res = solve(S, np.ones(m, int), "optimal", complete=False, k=1, max_rounds=0)
    assert res.report.gap_certified_zero and res.report.gap == 0.0
    assert res.report.deepened == 0
    assert np.array_equal(res.assignment, np.arange(n))


def test_optimal_accepts_sparse_and_candidate_inputs():
    rng = np.random.default_rng(5)
    S, cap = random_instance(rng, 30, 8)
    dense = solve(S, cap, "optimal")
    csr = sp.csr_array(np.nan_to_num(S, nan=0.0))
    mask = ~np.isnan(S)
    coo = sp.coo_array((S[mask], np.nonzero(mask)), shape=S.shape)
    for inp in (coo, coo.tocsr()):
        r = solve(inp, cap, "optimal")
        assert r.report.objective == pytest.approx(dense.report.objective, abs=1e-6)
    rows, cols = np.nonzero(mask)
    c = Candidates.from_pairs(30, 8, rows, cols, S[mask], None, np.full(30, -np.inf))
    assert solve(c, cap, "optimal").report.objective == pytest.approx(dense.report.objective, abs=1e-6)
    assert csr.shape == S.shape


# ---------------------------------------------------------------------------
# stable
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_stable_matches_matching_package_and_has_no_blocking_pairs(seed):
    rng = np.random.default_rng(100 + seed)
    n, m = int(rng.integers(5, 40)), int(rng.integers(2, 10))
    S, cap = random_instance(rng, n, m, p_forbid=0.3, max_cap=4)
    MS = rng.random((n, m))  # mentors' own view differs from mentees'
    MS[np.isnan(S)] = np.nan
    if not (~np.isnan(S[:, cap > 0])).any():
        return
    res = solve(S, cap, "stable", MS)
    check_valid(res, S, cap)
    ref = matching_package_stable(S, MS, cap)
    assert np.array_equal(res.assignment, ref)
    assert res.report.blocking_pairs == 0
    assert count_blocking(S, MS, cap, res.assignment) == 0
    # truncated lists with deepening give the very same matching
    pruned = solve(S, cap, "stable", MS, complete=False, k=1)
    assert np.array_equal(pruned.assignment, ref)


@pytest.mark.parametrize("seed", range(4))
def test_stable_with_deep_lists_matches_complete_lists(seed):
    # popular mentors (correlated preferences) push many mentees far down their lists, past
    # the first streamed reserve: lists are extended and full mentors skipped on the way
    rng = np.random.default_rng(300 + seed)
    n, m = 260, 220
    S = 0.3 * rng.random((n, m)) + 0.7 * rng.random(m)[None, :]
    S[rng.random((n, m)) < 0.3] = np.nan
    MS = np.where(np.isnan(S), np.nan, rng.random((n, m)))
    cap = rng.integers(0, 3, m)
    full = solve(S, cap, "stable", MS)
    pruned = solve(S, cap, "stable", MS, complete=False, k=1)
    assert pruned.report.deepened > 0
    assert np.array_equal(pruned.assignment, full.assignment)
    assert full.report.blocking_pairs == 0 and full.report.blocking_pairs_scope == "all pairs"


@pytest.mark.parametrize("seed", range(2))
def test_optimal_seeded_by_a_sample_market_keeps_the_exact_optimum(seed, monkeypatch, caplog):
    # large runs price their first pass with a sample's prices; the certificate must not care
    from lodestar.matching import optimal

    monkeypatch.setattr(optimal, "SAMPLE_PAIRS", 0)
    rng = np.random.default_rng(500 + seed)
    n, m = 400, 100
    S = 0.4 * rng.random((n, m)) + 0.6 * rng.random(m)[None, :]
    S[rng.random((n, m)) < 0.2] = np.nan
    MS = np.where(np.isnan(S), np.nan, rng.random((n, m)))
    cap = rng.integers(3, 8, m)  # seats enough to scale down to a 20% sample
    cap[:5] = 0
    ref = lsa_optimal(0.5 * S + 0.5 * MS, cap)
    with caplog.at_level(logging.DEBUG, logger="lodestar.matching.optimal"):
        res = solve(S, cap, "optimal", MS, complete=False, k=2)
    assert "prices from a sample of 80 mentees" in caplog.text  # the sample really seeded it
    assert res.report.objective == pytest.approx(ref, abs=1e-5)
    assert res.report.gap_certified_zero


@pytest.mark.parametrize("seed", range(3))
def test_optimal_with_hot_checks_kept_across_rounds_keeps_the_exact_optimum(seed, monkeypatch, caplog):
    # the large-run machinery on a small market: a sample seeds the run and hands over its
    # rows' lists, hot mentors are checked pair by pair and their lists kept from round to
    # round (re-looked at only where prices fell too far): the optimum must stay exact
    from lodestar.matching import optimal

    monkeypatch.setattr(optimal, "SAMPLE_PAIRS", 0)
    monkeypatch.setattr(optimal, "HOT_MIN_ROWS", 0)
    monkeypatch.setattr(optimal, "HOT_SHARES", (0.1, 0.2))
    monkeypatch.setattr(optimal, "N_CLASSES", 2)  # coarse classes: hot checks every round
    monkeypatch.setattr(optimal, "SMALL_PAIRS", 0)  # as in a large run: passes wait for prices to settle
    rng = np.random.default_rng(700 + seed)
    n, m = 500, 100
    S = 0.3 * rng.random((n, m)) + 0.7 * rng.random(m)[None, :]  # popular mentors: prices move
    S[rng.random((n, m)) < 0.2] = np.nan
    MS = np.where(np.isnan(S), np.nan, rng.random((n, m)))
    cap = rng.integers(3, 8, m)
    cap[:3] = 0
    ref = lsa_optimal(0.5 * S + 0.5 * MS, cap)
    with caplog.at_level(logging.DEBUG, logger="lodestar.matching.optimal"):
        res = solve(S, cap, "optimal", MS, complete=False, k=2)
    assert "prices from a sample of 100 mentees" in caplog.text
    assert "hot part of" in caplog.text  # hot mentors were checked pair by pair
    assert res.report.objective == pytest.approx(ref, abs=1e-5)
    assert res.report.gap_certified_zero
    codes = res.candidates.rows() * m + res.candidates.mentors
    assert np.unique(codes).size == codes.size  # the sample's pairs were taken over once


@pytest.mark.parametrize("seed", range(3))
def test_optimal_pruned_lists_with_prices_and_rounds(seed):
    # pruned lists, several rounds of priced passes: the certified optimum of the full problem
    rng = np.random.default_rng(400 + seed)
    n, m = 400, 120
    S = 0.4 * rng.random((n, m)) + 0.6 * rng.random(m)[None, :]
    S[rng.random((n, m)) < 0.2] = np.nan
    MS = np.where(np.isnan(S), np.nan, rng.random((n, m)))
    cap = rng.integers(0, 5, m)
    W = 0.5 * S + 0.5 * MS
    ref = lsa_optimal(W, cap)
    res = solve(S, cap, "optimal", MS, complete=False, k=2)
    assert res.report.objective == pytest.approx(ref, abs=1e-5)
    assert res.report.gap_certified_zero
    codes = res.candidates.rows() * m + res.candidates.mentors
    assert np.unique(codes).size == codes.size  # every pair listed once


@HYP
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6), m=st.integers(1, 3))
def test_stable_small_random_no_blocking(seed, n, m):
    rng = np.random.default_rng(seed)
    S, cap = random_instance(rng, n, m, p_forbid=0.3)
    if not (~np.isnan(S[:, cap > 0])).any():
        return
    MS = rng.random((n, m))
    res = solve(S, cap, "stable", MS)
    assert count_blocking(S, np.where(np.isnan(S), np.nan, MS), cap, res.assignment) == 0
    assert np.array_equal(res.assignment, matching_package_stable(S, np.where(np.isnan(S), np.nan, MS), cap))


def test_optimal_total_at_least_stable_total():
    rng = np.random.default_rng(11)
    S, cap = random_instance(rng, 120, 30, max_cap=4)
    opt = solve(S, cap, "optimal")
    stab = solve(S, cap, "stable")
    assert opt.report.total_score >= stab.report.total_score - 1e-9
    assert stab.report.blocking_pairs == 0


# ---------------------------------------------------------------------------
# peer
# ---------------------------------------------------------------------------


def brute_force_pairing(W):
    n = W.shape[0]
    best = 0.0

    def rec(left, tot):
        nonlocal best
        if len(left) < 2:
            best = max(best, tot)
            return
        a = left[0]
        rest = left[1:]
        rec(rest, tot)  # a unpaired
        for t, b in enumerate(rest):
            if not np.isnan(W[a, b]):
                rec(rest[:t] + rest[t + 1:], tot + W[a, b])

    rec(list(range(n)), 0.0)
    return best


def symmetric(rng, n):
    A = rng.random((n, n))
    return (A + A.T) / 2


@pytest.mark.parametrize("seed", range(5))
def test_peer_even_pool_pairs_everyone_near_optimally(seed):
    rng = np.random.default_rng(seed)
    W = symmetric(rng, 8)
    res = solve(W, None, "peer")
    assert sorted(x for g in res.groups for x in g) == list(range(8))
    assert all(len(g) == 2 for g in res.groups) and res.waiting == []
    for a, b in res.groups:
        assert res.assignment[a] == b and res.assignment[b] == a
    best = brute_force_pairing(W)
    assert res.report.objective <= best + 1e-9 <= res.report.upper_bound + 1e-6
    assert res.report.objective >= 0.9 * best


def test_peer_odd_pool_with_trio():
    W = symmetric(np.random.default_rng(1), 7)
    res = solve(W, None, "peer", odd="trio")
    sizes = sorted(len(g) for g in res.groups)
    assert sizes == [2, 2, 3]
    assert res.waiting == [] and res.report.unmatched == 0
    assert np.all(res.assignment >= 0)


def test_peer_odd_pool_one_waits():
    W = symmetric(np.random.default_rng(2), 9)
    res = solve(W, None, "peer", odd="wait")
    assert sorted(len(g) for g in res.groups) == [2, 2, 2, 2]
    assert len(res.waiting) == 1
    assert res.report.unmatched_reasons == {res.waiting[0]: "waiting"}
    assert res.assignment[res.waiting[0]] == -1


def test_peer_respects_forbidden_pairs_and_self():
    W = symmetric(np.random.default_rng(4), 6)
    W[0, :] = W[:, 0] = np.nan  # person 0 can pair with nobody
    res = solve(W, None, "peer", odd="wait")
    assert res.assignment[0] == -1
    assert res.report.unmatched_reasons[0] == "no_feasible_partner"
    for g in res.groups:
        assert 0 not in g


# ---------------------------------------------------------------------------
# suggest, report, bad input
# ---------------------------------------------------------------------------


def test_suggest_orders_by_score_and_skips_full_or_forbidden_mentors():
    S = np.array([[0.2, 0.9, np.nan, 0.5, 0.7]])
    res = solve(S, [1, 1, 1, 0, 1], "suggest", mentee=0, top=3)
    assert res.suggestions[0].tolist() == [1, 4, 0]
    assert np.allclose(res.suggestion_scores[0], [0.9, 0.7, 0.2])


def test_report_fields_and_unmatched_reasons():
    S = np.array([
        [0.9, 0.2],
        [0.8, np.nan],
        [0.7, np.nan],
        [np.nan, np.nan],
    ])
    res = solve(S, [1, 1], "optimal")
    rep = res.report
    assert rep.matched == 2 and rep.unmatched == 2
    assert rep.unmatched_reasons[3] == "no_feasible_mentor"
    assert rep.unmatched_by_reason == {"capacity": 1, "no_feasible_mentor": 1}
    assert rep.total_score == pytest.approx(0.2 + 0.8)
    assert rep.mean_score == pytest.approx(0.5)
    d = rep.distribution
    assert d["count"] == 2 and d["min"] == pytest.approx(0.2) and d["max"] == pytest.approx(0.8)
    assert sum(d["histogram"]) == 2
    assert rep.seats == 2 and rep.seats_used == 2
    assert rep.blocking_pairs_scope == "all pairs"
    assert isinstance(rep.blocking_pairs, int)
    assert "matched" in rep.summary()
    assert rep.as_dict()["mode"] == "optimal"


@pytest.mark.parametrize(
    "args, kwargs, fragment",
    [
        ((np.ones((3, 2)), [1, -1]), {}, "negative"),
        ((np.ones((3, 2)), [1, 1, 1]), {}, "one entry per mentor"),
        ((np.ones((3, 2)), [1, 1], "stable", np.ones((2, 3))), {}, "shape"),
        ((np.full((3, 2), np.nan), [1, 1]), {}, "forbidden"),
        ((np.ones((3, 2)), [0, 0]), {}, "capacity 0"),
        ((np.array([[1.0, np.inf]]), [1, 1]), {}, "infinite"),
        ((np.ones((3, 2)), [1, 1], "best"), {}, "unknown mode"),
        ((np.ones(3), [1, 1]), {}, "2-dimensional"),
        ((np.ones((3, 2)), [1.5, 1]), {}, "whole numbers"),
        ((np.ones((3, 2)), None), {}, "capacities are required"),
        ((np.ones((3, 4)), None, "peer"), {}, "square"),
        ((np.ones((0, 2)), [1, 1]), {}, "no mentees"),
    ],
)
def test_bad_input_gets_a_clear_error(args, kwargs, fragment):
    with pytest.raises(MatchingInputError) as exc:
        solve(*args, **kwargs)
    assert isinstance(exc.value, ValueError)
    assert fragment in str(exc.value)


def test_all_forbidden_is_an_infeasible_error():
    with pytest.raises(InfeasibleError, match="every pair is forbidden"):
        solve(np.full((2, 2), np.nan), [1, 1], "stable")


@pytest.mark.parametrize("seed", range(3))
def test_kept_hot_lists_bound_every_hot_pair_after_prices_fall(seed):
    # the certificate's pair-by-pair part: for each row, every hot mentor's pair either is
    # listed with a weight bound at least its exact weight, or lies under the row's bound for
    # the rest -- also at later prices, whether or not the row is looked at again
    from lodestar.matching.candidates import DenseSource
    from lodestar.matching.hotlists import HotLists
    from lodestar.matching.optimal import _Pruned

    rng = np.random.default_rng(900 + seed)
    n, m = 60, 40
    S = rng.random((n, m))
    S[rng.random((n, m)) < 0.2] = np.nan
    MS = np.where(np.isnan(S), np.nan, rng.random((n, m)))
    cap = np.full(m, 2)
    pr = _Pruned(DenseSource(S, MS, cap > 0), cap, 3, 0.5, 0.0)
    W = np.rint((0.5 * S + 0.5 * MS) * pr.scale)  # exact scaled weights (NaN: forbidden)
    hot = np.sort(rng.choice(m, 15, replace=False))
    rows = np.arange(n)
    v1 = rng.integers(0, int(0.5 * pr.scale), m)
    lists = HotLists(n, 6)
    lists.cover(hot)
    lists.check(pr, rows, np.full(n, -10**18), v1)  # every row looked at, at v1
    v2 = v1.copy()
    v2[hot[:4]] //= 3  # some hot prices fall a lot
    for u in (np.full(n, 10**18), np.full(n, -10**18)):  # rows kept as they are / all looked at again
        L, J, need, rest = lists.check(pr, rows, u, v2)
        listed = np.full((n, m), np.nan)
        listed[L, J] = need
        for i in rows:
            for j in hot:
                if np.isnan(W[i, j]):
                    continue
                exact = W[i, j] - v2[j]
                assert (not np.isnan(listed[i, j]) and listed[i, j] >= exact) or rest[i] >= exact
