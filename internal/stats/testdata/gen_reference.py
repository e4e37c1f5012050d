#!/usr/bin/python3
"""Generate reference.json, the table internal/stats tests compare against.

Run from the repository root with Debian's Python and packages (see README.md here):

    /usr/bin/python3 internal/stats/testdata/gen_reference.py > internal/stats/testdata/reference.json

Every input is a float64 (so the Go tests read exactly the same number), and every
reference value is the exact answer for that float64 input computed with mpmath at high
precision and rounded once to float64. Each mpmath value is computed twice, at two working
precisions, and the script stops if the two disagree beyond 1e-25 relative, so a
reference is never a silently unconverged number. scipy and statsmodels results are
recorded beside some rows (keys prefixed scipy_ or statsmodels_) to document where the
double-precision libraries themselves lose accuracy; the Go tests do not use them.

The output is deterministic: the random rows come from a fixed seed.
"""

import json
import math
import random
import sys
import time
from fractions import Fraction

import mpmath as mp
import numpy as np
import scipy
import scipy.special
import scipy.stats
import statsmodels
from statsmodels.stats.proportion import proportion_confint

DPS = 60  # base working precision in decimal digits


def twice(f, *args, extra=0, atol=0):
    """Evaluate f(*args) at two precisions and return the value as mpf, checked to 1e-25
    relative (or atol absolute, for roots that may be exactly 0)."""
    vals = []
    for dps in (DPS + extra, DPS + extra + 40):
        with mp.workdps(dps):
            vals.append(f(*args))
    a, b = vals
    if a != b and abs(a - b) > max(abs(b) * mp.mpf(10) ** -25, atol):
        raise SystemExit(f"mpmath disagrees with itself for {f.__name__}{args}: {a} vs {b}")
    return b


def fl(x):
    """Round an mpf (or Fraction) to the nearest float64."""
    if isinstance(x, Fraction):
        return x.numerator / x.denominator if abs(x.numerator) < 2**1000 else float(mp.mpf(x.numerator) / x.denominator)
    with mp.workdps(DPS + 40):
        return float(x)


def mpq(fr):
    return mp.mpf(fr.numerator) / fr.denominator


# ---- distributions in mpmath ---------------------------------------------------------

def norm_cdf(z):
    z = mp.mpf(z)
    return mp.erfc(-z / mp.sqrt(2)) / 2


def norm_lower_quantile(p):
    """z with Phi(z) = p, for 0 < p <= 1/2, solved on the log scale."""
    p = mpq(Fraction(p)) if not isinstance(p, Fraction) else mpq(p)
    if p == mp.mpf(1) / 2:
        return mp.mpf(0)
    start = float(scipy.stats.norm.ppf(float(p))) if p > mp.mpf("1e-300") else -38.0
    lp = mp.log(p)
    return mp.findroot(lambda z: mp.log(norm_cdf(z)) - lp, mp.mpf(start), tol=mp.mpf(10) ** (-mp.mp.dps + 5))


def t_sf(t, df):
    """P(T > t) for t >= 0 via the regularized incomplete beta function.

    For t^2 >= df, P = I_x(df/2, 1/2)/2 with x = df/(df+t^2) <= 1/2, where mpmath's
    hypergeometric series converges fast. Otherwise P = (1 - I_y(1/2, df/2))/2 with
    y = t^2/(df+t^2); the subtraction loses as many digits as P is small, so they are
    added to the working precision first (estimated from scipy in float64).
    """
    t, df = mp.mpf(t), mp.mpf(df)
    t2 = t * t
    if t2 >= df:
        return mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t2), regularized=True) / 2
    with mp.workdps(mp.mp.dps + t_extra(float(t), float(df))):
        return +((1 - mp.betainc(mp.mpf(1) / 2, df / 2, 0, t2 / (df + t2), regularized=True)) / 2)


def t_pdf(t, df):
    t, df = mp.mpf(t), mp.mpf(df)
    h = (df + 1) / 2
    return mp.exp(mp.loggamma(h) - mp.loggamma(df / 2) - mp.log(df * mp.pi) / 2 - h * mp.log1p(t * t / df))


def t_extra(t, df):
    """Extra digits a complement needs: as many as the tail probability is small."""
    sf = scipy.stats.t.sf(t, df)
    if not sf > 0:
        sf = scipy.stats.norm.sf(t)
    if not sf > 0:
        return 340
    return int(-math.log10(sf)) + 10


def t_lower_quantile(p, df):
    """t < 0 with P(T < t) = p for 0 < p < 1/2: Newton's method on u = ln|t|, where
    ln P(T > e^u) is smooth and nearly linear in the tail, to 1e-45 in u."""
    p, df = mp.mpf(p), mp.mpf(df)
    lp = mp.log(p)
    fp = float(p)
    z = -float(scipy.stats.norm.ppf(fp))
    start = -float(scipy.stats.t.ppf(fp, float(df))) if fp > 1e-280 else float("nan")
    if not (math.isfinite(start) and start > 0) and df >= 50:
        # Cornish-Fisher around the normal quantile: close for large df, and never far
        # into the region where the complement in t_sf needs thousands of digits.
        start = z * (1 + (z * z + 1) / (4 * float(df)))
    if not (math.isfinite(start) and start > 0):
        # Tail bound P(T > t) <= K t^-df, never below the normal quantile.
        bound = mp.exp((mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)
                        + (df - 2) / 2 * mp.log(df) - mp.log(mp.pi) / 2 - lp) / df)
        start = max(z, float(min(bound, mp.mpf(1e300))))
    u = mp.log(mp.mpf(start))
    for _ in range(200):
        t = mp.exp(u)
        sf = t_sf(t, df)
        step = (mp.log(sf) - lp) * sf / (t_pdf(t, df) * t)
        step = max(min(step, mp.mpf(2)), mp.mpf(-2))  # damp the first steps from a far start
        u += step
        if abs(step) < mp.mpf(10) ** -45:
            return -mp.exp(u)
    raise SystemExit(f"t quantile did not converge for p={p}, df={df}")


def lower_gamma_series(a, x):
    """P(a, x) = x^a e^-x / Gamma(a+1) * sum_n x^n / ((a+1)...(a+n)), all terms positive.

    Used where mpmath's own hypergeometric route gives up (x far below a large a); the
    loop runs until a term no longer changes the sum at the working precision.
    """
    a, x = mp.mpf(a), mp.mpf(x)
    total, term, n = mp.mpf(1), mp.mpf(1), 0
    eps = mp.mpf(10) ** (-mp.mp.dps - 5)
    while True:
        n += 1
        term *= x / (a + n)
        total += term
        if term < total * eps:
            break
        if n > 10 ** 7:
            raise SystemExit(f"lower gamma series did not converge for a={a}, x={x}")
    return mp.exp(a * mp.log(x) - x - mp.loggamma(a + 1)) * total


def upper_gamma_cf(a, x):
    """Q(a, x) by Legendre's continued fraction (modified Lentz), for x > a.

    Used where mpmath's own route gives up (large non-integer a); runs until the
    fraction's factor is 1 at the working precision.
    """
    a, x = mp.mpf(a), mp.mpf(x)
    eps = mp.mpf(10) ** (-mp.mp.dps - 5)
    tiny = mp.mpf(10) ** (-mp.mp.dps * 3)
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10 ** 7):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            return mp.exp(a * mp.log(x) - x - mp.loggamma(a)) * h
    raise SystemExit(f"upper gamma fraction did not converge for a={a}, x={x}")


def gamma_upper(a, x):
    try:
        return mp.gammainc(a, x, mp.inf, regularized=True)
    except mp.libmp.libhyper.NoConvergence:
        return upper_gamma_cf(a, x)


def gamma_lower(a, x):
    try:
        return mp.gammainc(a, 0, x, regularized=True)
    except mp.libmp.libhyper.NoConvergence:
        return lower_gamma_series(a, x)


def gamma_q(a, x):
    """Q(a, x); below x = a through 1 - P, which cannot cancel there (Q >= ~1/2)."""
    a, x = mp.mpf(a), mp.mpf(x)
    if x < a:
        return 1 - gamma_lower(a, x)
    return gamma_upper(a, x)


def gamma_p(a, x):
    """P(a, x); above x = a through 1 - Q, which cannot cancel there (P >= ~1/2)."""
    a, x = mp.mpf(a), mp.mpf(x)
    if x > a:
        return 1 - gamma_upper(a, x)
    return gamma_lower(a, x)


def chi2_q(x, k):
    return gamma_q(mp.mpf(k) / 2, mp.mpf(x) / 2)


def chi2_p(x, k):
    return gamma_p(mp.mpf(k) / 2, mp.mpf(x) / 2)


def beta_i(x, a, b):
    """I_x(a, b), through the complement when x > 1/2 (mpmath's series converges there)."""
    x, a, b = mp.mpf(x), mp.mpf(a), mp.mpf(b)
    if x <= 0.5:
        return mp.betainc(a, b, 0, x, regularized=True)
    return 1 - mp.betainc(b, a, 0, 1 - x, regularized=True)


def beta_ic(x, a, b):
    """1 - I_x(a, b) = I_{1-x}(b, a); 1 - x is exact in mpmath."""
    return beta_i(1 - mp.mpf(x), b, a)


def beta_extra(x, a, b):
    """Extra digits for the subtraction in beta_i: as many as the smaller value is small."""
    small = min(scipy.special.betainc(a, b, x), scipy.special.betainc(b, a, 1 - x))
    return 10 if not small > 0 else int(-math.log10(small)) + 10


_critical_cache = {}


def critical_from_confidence(conf):
    """Upper alpha/2 point of N(0,1) for a float confidence, alpha = 1 - conf exactly."""
    key = (conf, mp.mp.dps)
    if key not in _critical_cache:
        q = (1 - Fraction(conf)) / 2
        _critical_cache[key] = -norm_lower_quantile(q)
    return _critical_cache[key]


def progress(name, f):
    start = time.time()
    out = f()
    sys.stderr.write(f"{name}: {len(out)} rows, {time.time() - start:.1f}s\n")
    sys.stderr.flush()
    return out


# ---- tables ----------------------------------------------------------------------------

def normal_quantile_rows():
    ps = [0.5, 0.4, 0.3, 0.25, 0.2, 0.1, 0.075, 0.07, 0.05, 0.025, 0.01, 1e-3, 1e-5, 1e-8,
          1e-10, math.exp(-25), 1e-12, 5e-13, 1e-15, 5e-16, 1e-16, 1e-20, 1e-50, 1e-100,
          1e-200, 1e-250, 1e-300]
    rng = random.Random(18001)
    ps += [10 ** rng.uniform(-300, math.log10(0.5)) for _ in range(60)]
    rows = []
    for p in ps:
        z = twice(lambda p=p: norm_lower_quantile(p), extra=10, atol=1e-40)
        rows.append({"p": p, "want": fl(z), "scipy": float(scipy.stats.norm.ppf(p))})
    return rows


def subnormal_quantile_rows():
    rows = []
    for p in [1e-305, 2.2250738585072014e-308, 1e-310, 1e-320, 5e-324]:
        z = twice(lambda p=p: norm_lower_quantile(p), extra=10)
        rows.append({"p": p, "want": fl(z)})
    return rows


CONFIDENCES = [0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12,
               1 - 1e-15, 1 - 2.0 ** -53]


def normal_critical_rows():
    rows = []
    for c in CONFIDENCES:
        z = twice(lambda c=c: critical_from_confidence(c), extra=10)
        rows.append({"confidence": c, "want": fl(z), "scipy_naive": float(scipy.stats.norm.ppf(1 - (1 - c) / 2)),
                     "scipy_isf": float(scipy.stats.norm.isf((1 - c) / 2))})
    return rows


T_DFS = [0.5, 1, 1.5, 2, 2.5, 3, 4.7, 10, 30, 100, 1e3, 6743.2, 1e4, 99999.0, 1e5, 1e6, 1e7,
         1e8, 1e9, 2e9, 1e10]
T_TS = [1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 1.7, 1.96, 2, 2.5, 3, 4, 5, 7, 10, 20, 30, 37, 100,
        1e3, 1e5, 1e10, 1e50, 1e150]


def t_sf_rows():
    cases = [(t, df) for df in T_DFS for t in T_TS]
    rng = random.Random(18002)
    cases += [(10 ** rng.uniform(-3, 3), 10 ** rng.uniform(0, 10)) for _ in range(200)]
    rows = []
    for t, df in cases:
        extra = t_extra(t, df)
        if extra > 330:
            continue
        sf = twice(lambda t=t, df=df: t_sf(t, df))
        if sf < mp.mpf("1e-300"):
            continue
        rows.append({"t": t, "df": df, "sf": fl(sf), "scipy": float(scipy.stats.t.sf(t, df))})
    return rows


T_QDFS = [1, 1.5, 2, 3, 5, 10, 30, 100, 1e3, 1e5, 1e7, 1e10]
T_QPS = [0.4, 0.25, 0.1, 0.025, 1e-3, 1e-6, 5e-13, 1e-20, 1e-50, 1e-100, 1e-300]


def t_quantile_rows():
    rows = []
    for df in T_QDFS:
        for p in T_QPS:
            q = twice(lambda p=p, df=df: t_lower_quantile(p, df))
            if abs(q) > mp.mpf("1e300"):
                continue
            rows.append({"p": p, "df": df, "want": fl(q), "scipy": float(scipy.stats.t.ppf(p, df))})
    return rows


def t_critical_rows():
    rows = []
    for df in [1, 2, 4, 10, 100, 1e4, 1e8, 1e10]:
        for c in [0.5, 0.95, 0.99, 1 - 1e-6, 1 - 1e-12, 1 - 1e-15]:
            q = (1 - Fraction(c)) / 2
            t = twice(lambda q=q, df=df: -t_lower_quantile(mpq(q), df))
            rows.append({"confidence": c, "df": df, "want": fl(t),
                         "scipy_naive": float(scipy.stats.t.ppf(1 - (1 - c) / 2, df))})
    return rows


def chi2_rows():
    ks = [1, 2, 3, 5, 10, 30, 100, 1e3, 1e4, 1e5, 999999, 1e6, 1e7]
    ms = [-6, -3, -1, -0.1, 0, 0.1, 1, 3, 6, 10, 20, 40, 100, 300]
    rows = []
    for k in ks:
        xs = [k + m * math.sqrt(2 * k) for m in ms]
        xs += [k * f for f in (0.01, 0.5, 2, 5, 20)]
        if k <= 10:
            xs += [1e-10, 1e-3, 0.5, 200, 600, 1300]
        for x in sorted(set(xs)):
            if not x > 0 or not scipy.stats.chi2.sf(x, k) > 1e-295:
                continue  # no zero-or-negative x; no tail that underflows float64 anyway
            q = twice(lambda x=x, k=k: chi2_q(x, k))
            p = twice(lambda x=x, k=k: chi2_p(x, k))
            if q < mp.mpf("1e-300"):
                continue
            row = {"x": x, "k": k, "sf": fl(q), "cdf": fl(p), "scipy_sf": float(scipy.stats.chi2.sf(x, k))}
            if p < mp.mpf("1e-300"):
                row["cdf"] = 0.0
                row["cdf_underflows"] = True
            rows.append(row)
    return rows


def gamma_rows():
    rows = []
    for a in [0.3, 0.5, 1, 7.7, 9.99, 10, 123.4, 5e4, 5e6]:
        for f in [0.01, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 2, 10]:
            x = a * f
            if not 1e-295 < scipy.special.gammaincc(a, x) < 1 or not scipy.special.gammainc(a, x) > 1e-295:
                continue  # either tail underflows float64
            q = twice(lambda a=a, x=x: gamma_q(a, x))
            p = twice(lambda a=a, x=x: gamma_p(a, x))
            if q < mp.mpf("1e-300") or p < mp.mpf("1e-300"):
                continue
            rows.append({"a": a, "x": x, "p": fl(p), "q": fl(q)})
    return rows


def beta_rows():
    # The regime the t distribution uses, b = 1/2 with a up to 5e9, is covered by the
    # t_sf rows; mpmath's hypergeometric series give up on larger general pairs.
    pairs = [(2, 3), (0.5, 0.5), (20, 30), (100, 0.5), (0.5, 100), (1e3, 1e3), (3e3, 2e3), (5e4, 10),
             (10, 5e4), (5e4, 0.5), (0.5, 5e4)]
    rows = []
    for a, b in pairs:
        m = a / (a + b)
        s = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        xs = [m + k * s for k in (-8, -3, -1, 0, 1, 3, 8)] + [0.001, 0.1, 0.5, 0.9, 0.999]
        for x in sorted(set(xs)):
            if not 0 < x < 1:
                continue
            extra = beta_extra(x, a, b)
            if extra > 320:
                continue
            try:
                i = twice(lambda x=x: beta_i(x, a, b), extra=extra)
                ic = twice(lambda x=x: beta_ic(x, a, b), extra=extra)
            except (mp.libmp.libhyper.NoConvergence, ValueError):
                sys.stderr.write(f"beta: mpmath gives up on I_{x}({a}, {b}); row skipped\n")
                continue
            if i < mp.mpf("1e-300") or ic < mp.mpf("1e-300"):
                continue
            rows.append({"x": x, "a": a, "b": b, "i": fl(i), "ic": fl(ic)})
    return rows


# ---- Welch's t-test from raw values ------------------------------------------------------

def welch_exact(c, t):
    """Exact Welch t, Welch–Satterthwaite dof and two-sided p for float inputs."""
    c = [Fraction(x) for x in c]
    t = [Fraction(x) for x in t]
    na, nb = len(c), len(t)
    ma, mb = sum(c) / na, sum(t) / nb
    va = sum((x - ma) ** 2 for x in c) / (na - 1)
    vb = sum((x - mb) ** 2 for x in t) / (nb - 1)
    sa, sb = va / na, vb / nb
    dof = (sa + sb) ** 2 / (sa ** 2 / (na - 1) + sb ** 2 / (nb - 1))

    def stat():
        return mpq(mb - ma) / mp.sqrt(mpq(sa + sb))

    tt = twice(stat)
    d = twice(lambda: mpq(dof))
    extra = t_extra(abs(float(tt)), float(d))
    p = twice(lambda: 2 * t_sf(abs(stat()), mpq(dof)))
    return tt, d, p, mpq(mb - ma)


def welch_rows():
    cases = [
        ("issue 18: offset 1e8", [1e8, 1e8 + 0.5, 1e8 + 1], [1e8 + 0.25, 1e8 + 0.75, 1e8 + 1.25]),
        ("offset 0", [0, 0.5, 1], [0.25, 0.75, 1.25]),
        ("offset 1e12", [1e12, 1e12 + 0.5, 1e12 + 1], [1e12 + 0.25, 1e12 + 0.75, 1e12 + 1.25]),
        ("offset -1e12", [-1e12, -1e12 + 0.5, -1e12 + 1], [-1e12 + 0.25, -1e12 + 0.75, -1e12 + 1.25]),
    ]
    # Random samples on a dyadic grid so that offset + value is exact in float64:
    # |offset| <= 1e12 < 2^40 and the grid step 2^-12 leave 52 bits.
    rng = random.Random(18003)
    offsets = [0, 1, 1e3, 1e6, 1e8, 1e10, 1e12, -1e12]
    for i in range(100):
        off = offsets[i % len(offsets)]
        sd = 10 ** rng.uniform(-2, 1)
        na, nb = rng.randint(2, 40), rng.randint(2, 40)
        shift = rng.choice([0, 0, 0.5, 3]) * sd
        def draw(n, mu):
            vs = [off + round(rng.gauss(mu, sd) * 4096) / 4096 for _ in range(n)]
            for v in vs:  # every value is exactly offset + k/4096
                assert (Fraction(v) - Fraction(off)) * 4096 == round((v - off) * 4096)
            return vs
        c, t = draw(na, 0), draw(nb, shift)
        if len(set(c)) < 2 or len(set(t)) < 2:
            continue
        cases.append((f"random {i}: offset {off:g}, sd {sd:.3g}", c, t))
    rows = []
    for name, c, t in cases:
        tt, d, p, diff = welch_exact(c, t)
        r = scipy.stats.ttest_ind(t, c, equal_var=False)
        rows.append({"name": name, "control": c, "treatment": t, "diff": fl(diff), "t": fl(tt), "dof": fl(d),
                     "p": fl(p), "scipy_t": float(r.statistic), "scipy_p": float(r.pvalue)})
    return rows


# ---- proportion intervals -----------------------------------------------------------------

def wilson_exact(k, n, conf):
    z = critical_from_confidence(conf)
    k, n = mp.mpf(k), mp.mpf(n)
    p = k / n
    z2 = z * z
    den = 1 + z2 / n
    center = (p + z2 / (2 * n)) / den
    half = z / den * mp.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # center - half equals p^2 / (p + z^2/2n + z*sqrt(...)) exactly; that form is 0 at
    # k = 0 without a root-finding residue.
    low = p * p / (p + z2 / (2 * n) + z * mp.sqrt(p * (1 - p) / n + z2 / (4 * n * n)))
    assert abs(low - (center - half)) <= mp.mpf(10) ** (-mp.mp.dps + 10)
    return low, center + half


def wald_exact(k, n, conf):
    z = critical_from_confidence(conf)
    k, n = mp.mpf(k), mp.mpf(n)
    p = k / n
    h = z * mp.sqrt(p * (1 - p) / n)
    return max(p - h, mp.mpf(0)), min(p + h, mp.mpf(1))


def interval_rows():
    counts = [(0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (50, 100), (1, 10 ** 9), (5 * 10 ** 8, 10 ** 9),
              (10 ** 9 - 1, 10 ** 9), (1, 10 ** 12), (12345, 10 ** 12)]
    confs = [0.5, 0.9, 0.95, 0.99, 1 - 1e-6, 1 - 1e-12, 1 - 1e-15]
    wilson, wald = [], []
    for k, n in counts:
        for c in confs:
            lo = twice(lambda: wilson_exact(k, n, c)[0], extra=30, atol=1e-80)
            hi = twice(lambda: wilson_exact(k, n, c)[1], extra=30, atol=1e-80)
            slo, shi = proportion_confint(k, n, alpha=1 - c, method="wilson")
            wilson.append({"k": k, "n": n, "confidence": c, "low": fl(lo), "high": fl(hi),
                           "statsmodels_low": float(slo), "statsmodels_high": float(shi)})
            lo = twice(lambda: wald_exact(k, n, c)[0], extra=30, atol=1e-80)
            hi = twice(lambda: wald_exact(k, n, c)[1], extra=30, atol=1e-80)
            slo, shi = proportion_confint(k, n, alpha=1 - c, method="normal")
            wald.append({"k": k, "n": n, "confidence": c, "low": fl(lo), "high": fl(hi),
                         "statsmodels_low": float(slo), "statsmodels_high": float(shi)})
    return wilson, wald


# ---- sample ratio mismatch over many arms ------------------------------------------------

def srm_rows():
    """Equal weights, arms alternating 10100 and 9900 users: chi-square = arms exactly,
    dof = arms - 1. The Go test rebuilds the counts from `arms`."""
    rows = []
    for arms in [2, 10, 1000, 10 ** 5, 10 ** 6]:
        chi = arms
        p = twice(lambda: chi2_q(chi, arms - 1))
        rows.append({"arms": arms, "high": 10100, "low": 9900, "chi_square": chi, "dof": arms - 1, "p": fl(p),
                     "scipy_p": float(scipy.stats.chi2.sf(chi, arms - 1))})
    return rows


def finite(v):
    """Replace non-finite floats (only ever in scipy_/statsmodels_ columns) by null."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    if isinstance(v, list):
        return [finite(x) for x in v]
    return v


def main():
    wilson, wald = progress("intervals", interval_rows)
    out = {
        "generated_by": "internal/stats/testdata/gen_reference.py",
        "versions": {"python": sys.version.split()[0], "mpmath": mp.__version__, "scipy": scipy.__version__,
                     "numpy": np.__version__, "statsmodels": statsmodels.__version__},
        "normal_quantile": progress("normal_quantile", normal_quantile_rows),
        "normal_quantile_subnormal": progress("normal_quantile_subnormal", subnormal_quantile_rows),
        "normal_critical": progress("normal_critical", normal_critical_rows),
        "t_sf": progress("t_sf", t_sf_rows),
        "t_quantile": progress("t_quantile", t_quantile_rows),
        "t_critical": progress("t_critical", t_critical_rows),
        "chi2": progress("chi2", chi2_rows),
        "gamma": progress("gamma", gamma_rows),
        "beta": progress("beta", beta_rows),
        "welch": progress("welch", welch_rows),
        "wilson": wilson,
        "normal_interval": wald,
        "srm": progress("srm", srm_rows),
    }
    json.dump(finite(out), sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
