"""The compiled kernels (large runs) against plain numpy references and the numpy paths (small runs)."""

import numpy as np
import pytest

from lodestar.matching import stream
from lodestar.matching.kernels import LANES, col_best, rows_top
from lodestar.matching.paths import longest_paths
from lodestar.matching.stream import _ColTop


def _reference(S, k, floor):
    """Each row's entries above ``floor``, best first, ties by ascending column."""
    out = []
    for row in S:
        c = np.flatnonzero(row > floor)
        c = c[np.lexsort((c, -row[c]))]
        out.append((c[:k], row[c[:k]], row[c[k]] if c.size > k else -np.inf))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_rows_top_keeps_each_rows_best_in_order_with_the_next_value_as_bound(seed):
    rng = np.random.default_rng(seed)
    R = int(rng.integers(1, 40))
    nb = int(rng.integers(1, 30))
    k = int(rng.integers(1, 12))
    dtype = np.float32 if seed % 2 else np.float64
    if seed % 3 == 0:  # many ties
        S = rng.integers(-3, 4, size=(R, nb * LANES)).astype(dtype)
    else:
        S = rng.normal(size=(R, nb * LANES)).astype(dtype)
    S[rng.random(S.shape) < 0.2] = -np.inf  # padding and forbidden pairs
    floor = -1.0 if seed % 4 else -np.inf
    blocks = np.arange(0, nb, max(1, nb // 5))
    rows, cols, vals, bound, cmax = rows_top(S, k, floor, blocks)
    ref = _reference(S, k, floor)
    for r in range(R):
        c, v, b = ref[r]
        mine = rows == r
        assert np.array_equal(cols[mine], c)
        assert np.array_equal(vals[mine], v)
        assert bound[r] == b
    # class maxima: the maximum over each run of blocks (column c lies in block c % nb)
    blk = np.arange(nb * LANES) % nb
    cls = np.searchsorted(blocks, blk, side="right") - 1
    for g in range(blocks.size):
        assert np.array_equal(cmax[:, g], S[:, cls == g].max(axis=1))


def test_rows_top_on_rows_with_few_allowed_entries_lists_them_all():
    S = np.full((3, 2 * LANES), -np.inf, dtype=np.float32)
    S[0, [5, 40]] = [0.5, 0.7]
    S[2, 3] = -2.0  # below the floor
    rows, cols, vals, bound, cmax = rows_top(S, 4, -1.0, None)
    assert rows.tolist() == [0, 0] and cols.tolist() == [40, 5]
    assert vals.tolist() == pytest.approx([0.7, 0.5])
    assert np.all(np.isneginf(bound)) and cmax is None


@pytest.mark.parametrize("seed", range(6))
def test_column_best_rows_match_a_numpy_fold(seed):
    rng = np.random.default_rng(seed)
    w, t = 3 * LANES, int(rng.integers(1, 6))
    mine = _ColTop(t, -1.0, compiled=True)
    best = np.full((t, w), -np.inf)
    rows = np.full((t, w), -1, dtype=np.int64)
    tau = np.full(w, -np.inf)
    at = 0
    for _ in range(int(rng.integers(1, 12))):
        R = int(rng.integers(1, 20))
        S = rng.integers(-2, 6, size=(R, w)).astype(np.float32)  # ties: the first best row wins
        piece = np.arange(at, at + R)
        at += R
        mine.add(piece, S)
        # the reference: numpy's column maximum and first argmax, into each column's worst slot
        top = S.max(axis=0)
        cols = np.flatnonzero((top > tau) & (top > -1.0))
        r = S[:, cols].argmax(axis=0)
        slot = best[:, cols].argmin(axis=0)
        best[slot, cols] = top[cols]
        rows[slot, cols] = piece[r]
        tau[cols] = best[:, cols].min(axis=0)
    assert np.array_equal(mine.best, best)
    assert np.array_equal(mine.rows, rows)
    assert np.array_equal(mine.tau, tau)


def test_column_best_ignores_columns_at_or_below_the_floor():
    best = np.full((2, LANES), -np.inf)
    rows = np.full((2, LANES), -1, dtype=np.int64)
    tau = np.full(LANES, -np.inf)
    S = np.full((2, LANES), -1.0, dtype=np.float32)
    S[1, 7] = 0.25
    col_best(S, np.array([10, 11]), -1.0, best, rows, tau)
    assert rows[:, 7].tolist() == [11, -1] and best[0, 7] == 0.25
    assert (rows[:, np.arange(LANES) != 7] == -1).all()


def _grouped(m, src, tgt, length):
    o = np.argsort(src, kind="stable")
    src, tgt, length = (np.asarray(x, dtype=np.int64)[o] for x in (src, tgt, length))
    return src, tgt, length, np.searchsorted(src, np.arange(m + 2))


@pytest.mark.parametrize("compiled", [True, False])
def test_longest_paths_follow_a_chain_listed_against_the_queue_order(compiled):
    # 4 <- 3 <- 2 <- 1 <- 0 <- root(5): each rise needs the one before it (one pass per arc)
    m = 5
    src, tgt, length, ptr = _grouped(m, [1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [2, 3, -1, 5, 1])
    v = np.zeros(m + 1, dtype=np.int64)
    assert longest_paths(m, src, tgt, length, ptr, v, compiled=compiled)
    # v[4] = 1, v[3] = max(0, 1 + 5) = 6, v[2] = 5, v[1] = 8, v[0] = 10; every price >= 0
    assert v[:m].tolist() == [10, 8, 5, 6, 1]


@pytest.mark.parametrize("compiled", [True, False])
def test_longest_paths_report_a_positive_cycle(compiled):
    m = 3
    src, tgt, length, ptr = _grouped(m, [0, 1, 3], [1, 0, 2], [2, -1, 4])
    assert not longest_paths(m, src, tgt, length, ptr, np.zeros(m + 1, dtype=np.int64), compiled=compiled)


@pytest.mark.parametrize("seed", range(3))
def test_least_prices_are_the_same_from_both_paths(seed):
    rng = np.random.default_rng(seed)
    m, E = 40, 400
    src = rng.integers(0, m + 1, E)
    tgt = rng.integers(0, m, E)
    length = -rng.integers(0, 50, E)  # no positive cycle: lengths <= 0 ...
    length[src == m] = rng.integers(0, 50, int((src == m).sum()))  # ... but from the root
    src, tgt, length, ptr = _grouped(m, src, tgt, length)
    a, b = np.zeros(m + 1, dtype=np.int64), np.zeros(m + 1, dtype=np.int64)
    assert longest_paths(m, src, tgt, length, ptr, a, compiled=True)
    assert longest_paths(m, src, tgt, length, ptr, b, compiled=False)
    assert np.array_equal(a, b) and a.max() > 0


def test_a_pass_lists_the_same_from_the_kernels_and_from_numpy(monkeypatch):
    from lodestar.matching.candidates import DenseSource

    rng = np.random.default_rng(7)
    n, m = 300, 200
    S = rng.integers(0, 40, size=(n, m)) / 40.0  # ties
    S[rng.random((n, m)) < 0.1] = np.nan
    src = DenseSource(S, None, np.ones(m, dtype=bool))
    p = rng.random(m) * 0.2
    runs = []
    for limit in (10**12, 0):  # numpy, then the kernels
        monkeypatch.setattr(stream, "COMPILED_PAIRS", limit)
        sc = stream.scan(src, np.arange(n), 7, prices=p, order=np.argsort(p), n_classes=8, col_top=3)
        runs.append(sc)
    a, b = runs
    for name in ("rows", "ptr", "cols", "vals", "bound", "cmax"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    for x, y in zip(a.col_pairs, b.col_pairs):
        assert np.array_equal(x, y)


def test_large_run_paths_give_the_same_optimum_as_the_small_run_paths(monkeypatch):
    """Kernels, compiled flow warm-started round after round, and least prices: same optimum."""
    from lodestar.matching import optimal
    from lodestar.matching.api import solve

    rng = np.random.default_rng(11)
    n, m = 400, 60
    S = np.round(rng.random((n, m)), 3)
    S[rng.random((n, m)) < 0.3] = np.nan
    cap = rng.integers(0, 6, m)
    small = solve(S, cap, "optimal")
    monkeypatch.setattr(optimal, "COMPILED_PAIRS", 0)
    monkeypatch.setattr(stream, "COMPILED_PAIRS", 0)
    large = solve(S, cap, "optimal")
    assert large.report.gap == 0 and small.report.gap == 0
    assert large.report.objective == pytest.approx(small.report.objective, abs=1e-9)
    load = np.bincount(large.assignment[large.assignment >= 0], minlength=m)
    assert np.all(load <= cap)
