"""The optimal solver's prices against an independent oracle: a linear program.

The certificate of ``optimal`` rests on dual prices computed from the flow: the least mentor
prices ``v`` (and the mentee surpluses ``u`` they imply) among all optimal duals.  HiGHS,
through scipy's ``linprog``, finds the same vector directly: minimise the sum of ``v`` over
dual-feasible ``(u, v)`` whose objective equals the optimum (the least element of that set is
its only minimiser of the sum).  Small integer weights make many ties, where optimal duals are
far from unique.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from lodestar.matching.optimal import _duals, _flow


def least_prices_lp(n, m, I, J, W, cap, optimum):
    live = cap[J] > 0
    I, J, W = I[live], J[live], W[live]
    A = np.zeros((I.size, n + m))
    A[np.arange(I.size), I] = -1.0
    A[np.arange(I.size), n + J] = -1.0
    eq = np.r_[np.ones(n), cap.astype(float)][None, :]
    res = linprog(np.r_[np.zeros(n), np.ones(m)], A_ub=A, b_ub=-W.astype(float), A_eq=eq,
                  b_eq=[float(optimum)], bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    return res.x[:n], res.x[n:]


@pytest.mark.parametrize("seed", range(40))
def test_prices_are_the_least_optimal_duals(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(3, 40)), int(rng.integers(2, 9))
    mask = rng.random((n, m)) < rng.uniform(0.3, 0.9)
    I, J = np.nonzero(mask)
    W = rng.integers(0, 6 if seed % 2 else 1000, size=I.size).astype(np.int64)  # even seeds: few ties
    cap = rng.integers(0, 4, size=m).astype(np.int64)
    assignment = _flow(n, m, I.astype(np.int64), J.astype(np.int64), W, cap)
    hit = assignment[I] == J
    optimum = int(W[hit].sum())
    u, v = _duals(n, m, I.astype(np.int64), J.astype(np.int64), W, cap, assignment)
    # a dual solution, and an optimal one: no gap
    live = cap[J] > 0
    assert np.all(u[I[live]] + v[J[live]] >= W[live])
    assert (u >= 0).all() and (v >= 0).all()
    assert int(u.sum()) + int((cap * v).sum()) == optimum
    lp_u, lp_v = least_prices_lp(n, m, I, J, W, cap, optimum)
    np.testing.assert_allclose(v, lp_v, atol=1e-6)
    np.testing.assert_allclose(u, lp_u, atol=1e-6)
