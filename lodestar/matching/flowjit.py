"""Exact capacitated assignment with a certificate, warm-started from mentor prices (numba).

The problem of ``optimal._flow``: maximise ``sum W[a] x[a]`` over arcs ``a = (I[a], J[a])``,
each mentee on at most one arc, mentor ``j`` on at most ``cap[j]``.  As a min-cost flow, each
mentee sends one unit to a sink ``t``, through a mentor (cost ``-W``; mentor ``j`` passes at
most ``cap[j]`` units on) or directly ("unmatched", cost 0).  LP duals: a surplus ``u[i] >= 0``
per mentee, a price ``v[j] >= 0`` per mentor; an arc's reduced cost is ``u[i] + v[j] - W[a]``.

1. Prices, by an epsilon-scaling auction (a heuristic: only the speed depends on it).  Mentees
   bid for the cheapest seat of their best mentor, raising its price to where they would be
   indifferent to their second choice, plus ``eps``; the outbid holder bids again.  A coarse
   phase from zero; the given prices, where lower, then start the next phase (unless they
   price many more mentees out, then they are dropped); each phase starts a few ``eps`` below
   the last prices, as an ascending auction cannot lower a price.  A last phase with
   ``eps = 0`` (within a budget) leaves most mentees at an exact best.

2. Exactness, by successive shortest paths.  Each mentee takes an exact best arc at those
   prices (the auction's if it is one), so every arc has reduced cost >= 0; the mentees a
   full mentor cannot take wait "free" (a unit of excess), and a mentor with a positive price
   but room has a "deficit" (its arc to the sink must be saturated); the sink balances the
   count.  Imbalances are fixed one unit at a time along shortest paths, Dijkstra on reduced
   costs: from a free mentee to a deficit (or to the sink while it lacks units), or, while
   deficits outnumber free mentees, from a deficit back to a free mentee or the sink.  The
   nodes closer than the path's length ``D`` move by ``D - d``: reduced costs stay >= 0 and
   the path becomes tight.  With no imbalance left the flow is feasible and no residual arc
   has a negative reduced cost: it is optimal and the potentials are an optimal dual
   (complementary slackness arc by arc; ``u >= 0`` from the unmatched arcs, ``v >= 0``, and
   ``v = 0`` where a mentor has room, from the mentor-to-sink arcs).  Integers throughout.

Nodes of a search are the mentors and the sink (index ``m``), kept in a radix heap; a mentee
is reached only through its mentor (or the sink, when unmatched) at the same distance, so it
is scanned when that node is settled.  Potentials are kept as ``up = u - z``, ``vp = v + z``
with the sink's ``z``, so that moving the sink costs O(1).  Kernels that allocate nothing are
compiled without numba's reference counting (``_nrt=False``), so passing arrays costs nothing.
"""

from __future__ import annotations

import numpy as np
from numba import njit

JIT = dict(cache=True, nogil=True)
LEAF = dict(cache=True, nogil=True, _nrt=False)
INF = np.int64(2**62)
FREE, UNMATCHED, NONE = -2, -1, np.int64(-1)  # NONE: no predecessor
NB = 66  # radix heap: [last key taken, size, 64 bucket heads], then (bucket, next, prev) per node
LOWER = 4  # each auction phase starts this many previous eps below the last prices


@njit(**JIT)
def _group(key, nkey):  # pragma: no cover - compiled
    """Counting sort: ``order`` lists positions grouped by ``key``; group k is ptr[k]:ptr[k+1]."""
    ptr = np.zeros(nkey + 1, np.int64)
    for k in key:
        ptr[k + 1] += 1
    for k in range(nkey):
        ptr[k + 1] += ptr[k]
    fill = ptr[:-1].copy()
    order = np.empty(key.size, np.int64)
    for a in range(key.size):
        order[fill[key[a]]] = a
        fill[key[a]] += 1
    return ptr, order


# -- auction ---------------------------------------------------------------------------------
@njit(**LEAF)
def _sift(sp, so, seat_of, base, size, k):  # pragma: no cover - compiled
    """Restore the min-heap of a mentor's seat prices ``sp[base:base+size]`` below seat ``k``."""
    while 2 * k + 1 < size:
        c = 2 * k + 1
        if c + 1 < size and sp[base + c + 1] < sp[base + c]:
            c += 1
        a, b = base + k, base + c
        if sp[b] >= sp[a]:
            break
        sp[a], sp[b], so[a], so[b] = sp[b], sp[a], so[b], so[a]
        for q in (a, b):
            if so[q] >= 0:
                seat_of[so[q]] = q
        k = c


@njit(**LEAF)
def _bids(queue, qn, eps, budget, ptr, AJ, AW, capE, sbase, sp, so, top, mate,
          seat_of):  # pragma: no cover - compiled
    """Gauss-Seidel auction: each mentee in the queue bids for its best mentor's cheapest seat
    (``top``), outbidding its holder, who queues again; at most ``budget`` bids."""
    n = mate.size
    head = 0
    while qn > 0 and budget > 0:
        i = queue[head]
        head = head + 1 if head + 1 < n else 0
        qn -= 1
        budget -= 1
        b1, b2, j1, w1 = 0, 0, -1, 0  # best and second reduced values (0: stay unmatched)
        for a in range(ptr[i], ptr[i + 1]):
            val = AW[a] - top[AJ[a]]
            if val > b1:
                b1, b2, j1, w1 = val, b1, AJ[a], AW[a]
            elif val > b2:
                b2 = val
        if j1 < 0:
            mate[i] = UNMATCHED
            continue
        base = sbase[j1]
        old = so[base]
        sp[base], so[base], seat_of[i], mate[i] = min(w1 - b2 + eps, w1), i, base, j1
        _sift(sp, so, seat_of, base, capE[j1], np.int64(0))
        top[j1] = sp[base]
        if old >= 0:
            mate[old], seat_of[old] = FREE, -1
            queue[head + qn - (n if head + qn >= n else 0)] = old
            qn += 1


@njit(**JIT)
def _auction(n, m, ptr, AJ, AW, cap, warm, scale):  # pragma: no cover - compiled
    """Mentor prices near an optimal dual, and the assignment that goes with them."""
    capE = np.zeros(m, np.int64)  # seats that can be taken: at most one per arc
    for j in AJ:
        capE[j] += 1
    sbase = np.zeros(m + 1, np.int64)
    for j in range(m):
        capE[j] = min(capE[j], cap[j])
        sbase[j + 1] = sbase[j] + capE[j]
    sp = np.zeros(sbase[m], np.int64)
    so = np.full(sbase[m], -1, np.int64)
    top = np.zeros(m, np.int64)
    mate = np.full(n, FREE, np.int64)
    seat_of = np.full(n, -1, np.int64)
    queue = np.empty(n, np.int64)
    low = np.zeros(m, np.int64)
    eps1 = max(1, scale >> 15)
    eps = max(eps1, scale >> 5)
    phase, unmatched0, trust = 0, 0, warm.size > 0
    while True:
        so[:] = -1
        for i in range(n):
            mate[i], queue[i] = FREE, i
        _bids(queue, n, eps, 1000 * n, ptr, AJ, AW, capE, sbase, sp, so, top, mate, seat_of)
        unmatched = 0
        for i in range(n):
            unmatched += mate[i] == UNMATCHED
        if phase == 1 and trust and unmatched > unmatched0 + 8 + unmatched0 // 4:
            trust = False  # the given prices priced mentees out: again from the coarse ones
            for j in range(m):
                top[j] = low[j]
                sp[sbase[j]:sbase[j + 1]] = top[j]
            continue
        if eps == eps1:
            break
        for j in range(m):  # a little below the last prices (phase 0: or the given ones if lower)
            low[j] = max(top[j] - LOWER * eps, 0)
            top[j] = min(top[j], warm[j]) if phase == 0 and trust else low[j]
            sp[sbase[j]:sbase[j + 1]] = top[j]
        unmatched0 = unmatched if phase == 0 else unmatched0
        eps = max(eps1, eps // 8)
        phase += 1
    qn = 0  # last phase: mentees not at an exact best bid again, with eps = 0
    for i in range(n):
        best, mine = 0, 0
        for a in range(ptr[i], ptr[i + 1]):
            best = max(best, AW[a] - top[AJ[a]])
            if AJ[a] == mate[i]:
                mine = AW[a] - top[AJ[a]]
        if mine < best:
            if mate[i] >= 0:
                so[seat_of[i]] = -1
            mate[i] = FREE
            queue[qn] = i
            qn += 1
    _bids(queue, np.int64(qn), np.int64(0), np.int64(n), ptr, AJ, AW, capE, sbase, sp, so, top,
          mate, seat_of)
    return top, mate


# -- radix heap over mentors and the sink ------------------------------------------------------
@njit(**LEAF)
def _bits(x):  # pragma: no cover - compiled
    b = 0
    for s in (32, 16, 8, 4, 2, 1):
        if x >> s:
            x >>= s
            b += s
    return b + (x > 0)


@njit(**LEAF)
def _link(H, x, b):  # pragma: no cover - compiled
    h = H[2 + b]
    H[NB + 3 * x], H[NB + 3 * x + 1], H[NB + 3 * x + 2] = b, h, -1
    if h >= 0:
        H[NB + 3 * h + 2] = x
    H[2 + b] = x


@njit(**LEAF)
def _unlink(H, x):  # pragma: no cover - compiled
    b, nx, pv = H[NB + 3 * x], H[NB + 3 * x + 1], H[NB + 3 * x + 2]
    if pv >= 0:
        H[NB + 3 * pv + 1] = nx
    else:
        H[2 + b] = nx
    if nx >= 0:
        H[NB + 3 * nx + 2] = pv
    H[NB + 3 * x] = -1


@njit(**LEAF)
def _take(H, dist):  # pragma: no cover - compiled
    """Remove and return a node of least key (keys are never below the last one taken)."""
    if H[2] < 0:  # bucket 0 empty: find the least key in the first non-empty bucket, split it
        b = 1
        while H[2 + b] < 0:
            b += 1
        x, low = H[2 + b], INF
        while x >= 0:
            low = min(low, dist[x])
            x = H[NB + 3 * x + 1]
        H[0] = low
        x, H[2 + b] = H[2 + b], -1
        while x >= 0:
            y = H[NB + 3 * x + 1]
            _link(H, x, _bits(dist[x] ^ low))
            x = y
    x = H[2]
    _unlink(H, x)
    H[1] -= 1
    return x


@njit(**LEAF)
def _relax(x, c, p, dist, pred, state, H, touched, nt):  # pragma: no cover - compiled
    """Offer label ``c`` to node ``x``, reached from ``p``; returns the count of touched nodes."""
    if state[x] == 2 or (state[x] == 1 and c >= dist[x]):
        return nt
    if state[x] == 0:
        state[x] = 1
        touched[nt] = x
        nt += 1
        H[1] += 1
    else:
        _unlink(H, x)
    dist[x], pred[x] = c, p
    _link(H, x, _bits(c ^ H[0]))
    return nt


@njit(**LEAF)
def _settle(D, sign, z, vp, dist, state, H, touched, nt):  # pragma: no cover - compiled
    """Move the settled nodes closer than ``D`` by ``D - d`` (``sign`` -1: backward); reset."""
    for k in range(nt):
        x = touched[k]
        if state[x] == 2 and dist[x] < D:
            if x == vp.size:
                z += sign * (D - dist[x])
            else:
                vp[x] += sign * (D - dist[x])
        state[x] = 0
        H[NB + 3 * x] = -1
    H[:NB] = -1
    H[0] = H[1] = 0
    return z


# -- successive shortest paths -----------------------------------------------------------------
@njit(**LEAF)
def _place(i, j, mate, head, nxt, prv, load):  # pragma: no cover - compiled
    """Move mentee ``i`` to list ``j`` (a mentor, or ``m``: unmatched) from wherever it is."""
    o = mate[i]
    if o != FREE:
        o = o if o >= 0 else head.size - 1
        p, q = prv[i], nxt[i]
        if p >= 0:
            nxt[p] = q
        else:
            head[o] = q
        if q >= 0:
            prv[q] = p
        load[o] -= 1
    jj = j if j >= 0 else head.size - 1
    h = head[jj]
    nxt[i], prv[i] = h, -1
    if h >= 0:
        prv[h] = i
    head[jj] = i
    load[jj] += 1
    mate[i] = j


@njit(**LEAF)
def _forward(s, ptr, AJ, AW, cap, up, vp, z, lack, mate, head, nxt, prv, load, f,
             dist, pred, state, H, touched, fm, fd):  # pragma: no cover - compiled
    """Route free mentee ``s`` to the nearest deficit, or to the sink if it lacks units
    (``lack > 0``; else the sink is a node like the others).  ``pred`` of a mentor is the
    mentee it was reached from (-1: the sink), of the sink a mentee (its unmatched arc) or
    ``-2 - j`` (mentor ``j``'s arc to it).  Returns ``z`` and ``lack``."""
    m = cap.size
    t = m
    best = -z  # the least surplus keeping s's arcs (and unmatched arc) at reduced cost >= 0
    for a in range(ptr[s], ptr[s + 1]):
        best = max(best, AW[a] - vp[AJ[a]])
    up[s] = best
    nt, nf = np.int64(0), 0
    cur, x, i, hit = 0, -1, s, -1
    while True:
        while i >= 0:  # scan the mentees of node x (or s) at label cur
            fm[nf], fd[nf] = i, cur
            nf += 1
            base = cur + up[i]
            for a in range(ptr[i], ptr[i + 1]):
                j = AJ[a]
                nt = _relax(j, base + vp[j] - AW[a], i, dist, pred, state, H, touched, nt)
                if dist[j] == cur and state[j] == 1 and f[j] > load[j]:
                    hit = j  # a deficit at the least label: look no further
            if x != t:
                nt = _relax(t, base + z, i, dist, pred, state, H, touched, nt)
                if lack > 0 and dist[t] == cur and state[t] == 1:
                    hit = t
            i = nxt[i] if i != s else -1
            if hit >= 0:
                break
        if hit >= 0:
            break
        x = _take(H, dist)
        cur = dist[x]
        if (x == t and lack > 0) or (x < t and f[x] > load[x]):
            hit = x
            break
        state[x] = 2
        if x == t:  # the sink: back along mentors' flows to it, then its unmatched mentees
            for j in range(m):
                if f[j] > 0:
                    nt = _relax(j, cur + vp[j] - z, NONE, dist, pred, state, H, touched, nt)
        elif f[x] < cap[x]:
            nt = _relax(t, cur + z - vp[x], -2 - x, dist, pred, state, H, touched, nt)
        i = head[x]
    z = _settle(cur, np.int64(1), z, vp, dist, state, H, touched, nt)
    for k in range(nf):
        up[fm[k]] -= cur - fd[k]
    x = hit  # augment, from the path's end back to s
    if x == t:
        lack -= 1
    while True:
        p = pred[x]
        if x == t and p < -1:  # mentor -> sink
            f[-2 - p] += 1
            x = -2 - p
        elif x < t and p == -1:  # sink -> mentor
            f[x] -= 1
            x = t
        else:
            o = mate[p]
            _place(p, x if x < t else UNMATCHED, mate, head, nxt, prv, load)
            if o == FREE:
                return z, lack
            x = o if o >= 0 else t


@njit(**LEAF)
def _backward(j0, cptr, CI, CW, up, vp, z, mate, head, nxt, prv, load, f,
              dist, succ, state, H, touched, dmen, nsucc, tm):  # pragma: no cover - compiled
    """Fix a unit of deficit at mentor ``j0`` from the nearest free mentee or from the sink,
    which has units to spare: a path that starts there, either at an unmatched mentee or by
    less flow from a mentor to the sink.  Distances are *to* ``j0``; ``succ`` of a mentor is
    the mentee leaving it, ``nsucc`` of a mentee the mentor it joins.  Returns ``z`` and
    whether the path began at the sink."""
    nm = 0
    best, bstart, bsucc = INF, -1, 0  # start: free mentee bstart, or the sink via mentor bsucc
    # (bstart -2: it serves bsucc less) or via unmatched mentee bsucc (bstart -3)
    nt = _relax(j0, np.int64(0), NONE, dist, succ, state, H, touched, np.int64(0))
    while H[1] > 0:
        x = _take(H, dist)
        d = dist[x]
        if d >= best:
            break
        state[x] = 2
        if f[x] > 0 and d + vp[x] - z < best:  # from the sink: less flow from x to it
            best, bstart, bsucc = d + vp[x] - z, -2, x
        for k in range(cptr[x], cptr[x + 1]):  # the mentees with an arc to x
            i = CI[k]
            c = d + up[i] + vp[x] - CW[k]
            if dmen[i] <= c:
                continue
            if dmen[i] == INF:
                tm[nm] = i
                nm += 1
            dmen[i], nsucc[i] = c, x
            o = mate[i]
            if o < 0:  # free, or unmatched (from the sink)
                if c < best:
                    best, bstart, bsucc = c, (i if o == FREE else -3), i
            else:
                nt = _relax(o, c, i, dist, succ, state, H, touched, nt)
        if best == d:
            break
    z = _settle(best, np.int64(-1), z, vp, dist, state, H, touched, nt)
    for k in range(nm):
        i = tm[k]
        up[i] += max(0, best - dmen[i])
        dmen[i] = INF
    i = bstart if bstart >= 0 else bsucc  # augment, from the path's start to j0
    if bstart == -2:
        f[bsucc] -= 1
        if bsucc == j0:
            return z, True
        i = succ[bsucc]
    while True:  # mentee i joins its next mentor, whose leaving mentee goes on
        j = nsucc[i]
        _place(i, j, mate, head, nxt, prv, load)
        if j == j0:
            return z, bstart < 0
        i = succ[j]


@njit(**JIT)
def _solve(n, m, ptr, AJ, AW, cap, vp, hint):  # pragma: no cover - compiled
    up = np.zeros(n, np.int64)
    mate = np.full(n, FREE, np.int64)
    head = np.full(m + 1, -1, np.int64)
    nxt = np.full(n, -1, np.int64)
    prv = np.full(n, -1, np.int64)
    load = np.zeros(m + 1, np.int64)
    free = np.empty(n, np.int64)
    nfree = 0
    for i in range(n):  # start at the prices: each mentee at a best arc (the hint's if it is one)
        best, bj, rh = 0, -1, -1
        for a in range(ptr[i], ptr[i + 1]):
            j = AJ[a]
            r = AW[a] - vp[j]
            if j == hint[i]:
                rh = r
            if r > best or (r == best and bj >= 0 and load[bj] >= cap[bj] and load[j] < cap[j]):
                best, bj = r, j  # ties: to a mentor with room
        if best > 0 and rh == best and load[hint[i]] < cap[hint[i]]:
            bj = hint[i]
        up[i] = best
        if bj >= 0 and load[bj] >= cap[bj]:
            free[nfree] = i
            nfree += 1
        else:
            _place(i, bj, mate, head, nxt, prv, load)
    f = np.empty(m, np.int64)  # flow to the sink: a priced mentor must be full (cap - load short)
    short = np.empty(m, np.int64)
    nshort, lack = 0, nfree  # lack: units the sink lacks (< 0: has to spare)
    for j in range(m):
        f[j] = cap[j] if vp[j] > 0 else load[j]
        if f[j] > load[j]:
            short[nshort] = j
            nshort += 1
            lack -= f[j] - load[j]
    z = np.int64(0)
    dist = np.full(m + 1, INF)
    pred = np.full(m + 1, -1, np.int64)
    state = np.zeros(m + 1, np.int8)
    H = np.full(NB + 3 * (m + 1), -1, np.int64)
    H[0] = H[1] = 0
    touched = np.empty(m + 1, np.int64)
    fm = np.empty(n, np.int64)
    fd = np.empty(n, np.int64)
    dmen = np.full(n, INF)
    cptr = np.zeros(1, np.int64)
    CI = CW = np.zeros(0, np.int64)
    while True:
        while nshort > 0 and f[short[nshort - 1]] <= load[short[nshort - 1]]:
            nshort -= 1
        if lack < 0:  # deficits outnumber free mentees: fix one from its side
            if cptr.size == 1:  # arcs grouped by mentor, on first use
                cptr, order = _group(AJ, m)
                CW = AW[order]
                CI = np.empty(AJ.size, np.int64)
                for i in range(n):
                    CI[ptr[i]:ptr[i + 1]] = i
                CI = CI[order]
            z, from_sink = _backward(short[nshort - 1], cptr, CI, CW, up, vp, z, mate, head, nxt,
                                     prv, load, f, dist, pred, state, H, touched, dmen, fd, fm)
            lack += from_sink
        elif nfree > 0:
            nfree -= 1
            if mate[free[nfree]] == FREE:  # (a backward path may have placed it)
                z, lack = _forward(free[nfree], ptr, AJ, AW, cap, up, vp, z, np.int64(lack), mate,
                                   head, nxt, prv, load, f, dist, pred, state, H, touched, fm, fd)
        else:
            return mate, up + z, vp - z


def solve_flow(n, m, I, J, W, cap, prices=None):
    """Optimal assignment for ``optimal._flow``'s problem, and an optimal dual certificate.

    Returns ``(assignment, u, v)``: each mentee's mentor or -1; ``u >= 0``, ``v >= 0`` (int64)
    with ``u[I] + v[J] >= W`` on every arc to a mentor with seats and
    ``sum(u) + sum(cap * v)`` equal to the optimum.  ``prices`` (any guess of ``v``, e.g. the
    previous solve's) only change the time it takes.
    """
    I, J = np.asarray(I, np.int64), np.asarray(J, np.int64)
    W, cap = np.asarray(W, np.int64), np.asarray(cap, np.int64)
    use = cap[J] > 0
    I, J, W = I[use], J[use], W[use]
    ptr, order = _group(I, n)
    AJ, AW = J[order], W[order]
    scale = max(int(W.max(initial=0)), 1)
    warm = np.zeros(0, np.int64)
    if prices is not None:
        warm = np.clip(np.asarray(prices, dtype=np.int64), 0, scale)
        if warm.shape != (m,):
            raise ValueError(f"prices must have shape ({m},), not {warm.shape}")
    vp, hint = _auction(n, m, ptr, AJ, AW, cap, warm, scale)
    vp[cap > np.bincount(J, minlength=m)] = 0  # never full: price 0 (and no deficit to fix)
    mate, u, v = _solve(n, m, ptr, AJ, AW, cap, vp, hint)
    v = np.where(cap > 0, np.maximum(v, 0), 0)
    return np.where(mate >= 0, mate, -1), u, v
