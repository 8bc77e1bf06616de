"""``flowjit.solve_flow`` against independent oracles: brute force and OR-Tools (``optimal._flow``).

Every answer must carry an exact certificate: ``u >= 0``, ``v >= 0``, ``u[I] + v[J] >= W`` on the
arcs to mentors with seats and ``sum(u) + sum(cap * v)`` equal to the objective; together with
the oracle's optimum that proves the answer optimal.  Warm prices (none, garbage, exact, nearly
exact) may only change the speed, never the result.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lodestar.matching.flowjit import solve_flow
from lodestar.matching.optimal import _flow


def certified_objective(n, m, I, J, W, cap, assignment, u, v):
    """Check the answer and its certificate; return the objective."""
    assert assignment.dtype == u.dtype == v.dtype == np.int64
    assert assignment.shape == (n,) and u.shape == (n,) and v.shape == (m,)
    usable = cap[J] > 0
    weight = {(int(i), int(j)): int(w) for i, j, w, ok in zip(I, J, W, usable) if ok}
    chosen = np.flatnonzero(assignment >= 0)
    assert all((int(i), int(assignment[i])) in weight for i in chosen), "not along a usable arc"
    assert np.all(np.bincount(assignment[chosen], minlength=m) <= cap)
    objective = sum(weight[int(i), int(assignment[i])] for i in chosen)
    assert (u >= 0).all() and (v >= 0).all()
    assert np.all(u[I[usable]] + v[J[usable]] >= W[usable])
    assert int(u.sum()) + int((cap * v).sum()) == objective
    return objective


def ortools_objective(n, m, I, J, W, cap):
    assignment = _flow(n, m, I, J, W, cap)
    return int(W[assignment[I] == J].sum())


def brute_force_objective(n, m, I, J, W, cap):
    options = [[-1] + [a for a in range(I.size) if I[a] == i and cap[J[a]] > 0] for i in range(n)]
    best = 0
    for combo in itertools.product(*options):
        arcs = [a for a in combo if a >= 0]
        if np.all(np.bincount(J[arcs], minlength=m) <= cap):
            best = max(best, int(W[arcs].sum()))
    return best


def random_instance(rng, n, m, density, low, high, cap_high):
    mask = rng.random((n, m)) < density
    I, J = np.nonzero(mask)
    order = rng.permutation(I.size)  # arcs in no particular order
    I, J = I[order].astype(np.int64), J[order].astype(np.int64)
    W = rng.integers(low, high, size=I.size).astype(np.int64)
    cap = rng.integers(0, cap_high + 1, size=m).astype(np.int64)
    return n, m, I, J, W, cap


def price_guesses(rng, problem, scale):
    """None, garbage (random, huge, negative) and the optimal prices, exact and perturbed."""
    n, m = problem[0], problem[1]
    exact = solve_flow(*problem)[2]
    return [None, rng.integers(0, 3 * scale + 2, size=m), np.full(m, 10**15), np.full(m, -7),
            exact, exact + rng.integers(-scale // 10 - 1, scale // 10 + 2, size=m)]


@pytest.mark.parametrize("seed", range(40))
def test_tiny_instances_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    problem = random_instance(rng, int(rng.integers(1, 7)), int(rng.integers(1, 4)),
                              float(rng.uniform(0.3, 1.0)), -3, 6, 2)  # small weights: many ties
    best = brute_force_objective(*problem)
    for prices in price_guesses(rng, problem, 6):
        assert certified_objective(*problem, *solve_flow(*problem, prices=prices)) == best


@pytest.mark.parametrize("seed", range(30))
def test_random_instances_against_ortools(seed):
    rng = np.random.default_rng(1000 + seed)
    high = [6, 1000, 10**8][seed % 3]
    cap_high = [1, 3, 12][seed // 3 % 3]
    problem = random_instance(rng, int(rng.integers(5, 400)), int(rng.integers(1, 60)),
                              float(rng.uniform(0.02, 0.3)), -high // 3, high, cap_high)
    best = ortools_objective(*problem)
    for prices in price_guesses(rng, problem, high):
        assert certified_objective(*problem, *solve_flow(*problem, prices=prices)) == best


def _market(rng, n, m, k, cap):
    """Each mentee lists ``k`` mentors; weights: a mentor effect plus noise (like scores)."""
    I = np.repeat(np.arange(n, dtype=np.int64), k)
    J = rng.integers(0, m, size=I.size).astype(np.int64)
    codes = np.unique(I * m + J)
    I, J = codes // m, codes % m
    quality = rng.normal(size=m)
    W = np.rint(1e7 * (3 + quality[J] + rng.normal(size=I.size))).astype(np.int64)
    return n, m, I, J, np.maximum(W, 1), np.full(m, cap, dtype=np.int64)


@pytest.mark.parametrize("seed", range(3))
def test_sequence_of_solves_warm_started(seed):
    """Like the column generation: solve, then drop arcs and add others; prices carry over."""
    rng = np.random.default_rng(seed)
    n, m, I, J, W, cap = _market(rng, 3000, 400, 8, 8 - 2 * seed)  # loose and tight markets
    prices = None
    for _ in range(3):
        problem = (n, m, I, J, W, cap)
        result = solve_flow(*problem, prices=prices)
        assert certified_objective(*problem, *result) == ortools_objective(*problem)
        prices = result[2]
        keep = rng.random(I.size) < 0.8
        n2, m2, I2, J2, W2, _ = _market(rng, n, m, 3, 1)
        fresh = ~np.isin(I2 * m + J2, I[keep] * m + J[keep])
        I = np.concatenate([I[keep], I2[fresh]])
        J = np.concatenate([J[keep], J2[fresh]])
        W = np.concatenate([W[keep], W2[fresh] + 5_000_000])  # new arcs tend to improve on the old


def test_edge_cases():
    empty = np.zeros(0, dtype=np.int64)
    a, u, v = solve_flow(3, 2, empty, empty, empty, np.array([1, 1]))
    assert (a == -1).all() and (u == 0).all() and (v == 0).all()
    I, J = np.array([0, 1, 2, 2]), np.array([0, 0, 1, 0])
    problem = (3, 2, I, J, np.array([-5, 0, -1, -2]), np.array([1, 1]))  # nothing worth taking
    assert certified_objective(*problem, *solve_flow(*problem)) == 0
    problem = (3, 2, I, J, np.array([5, 4, 3, 9]), np.array([0, 0]))  # no seats at all
    assert certified_objective(*problem, *solve_flow(*problem, prices=np.array([3, 3]))) == 0
    # capacities far above the number of arcs, with prices claiming the mentors are in demand
    problem = (3, 2, I, J, np.array([5, 4, 3, 9]), np.array([10**9, 10**9]))
    result = solve_flow(*problem, prices=np.array([10**6, 10**6]))
    assert certified_objective(*problem, *result) == 18
    # one mentor, many mentees competing for two seats; mentee 4 has no arc
    zeros = np.zeros(4, dtype=np.int64)
    problem = (5, 1, np.arange(4), zeros, np.array([7, 7, 9, 1]), np.array([2]))
    a, u, v = solve_flow(*problem)
    assert certified_objective(*problem, a, u, v) == 16 and a[2] == 0 and a[4] == -1
    with pytest.raises(ValueError):
        solve_flow(*problem, prices=np.array([1, 2]))
