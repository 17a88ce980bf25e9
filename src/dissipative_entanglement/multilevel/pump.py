"""Optimal pump strength and Figs. 7 and 8 of the multi-level model (Sec. IV.2, App. E).

The paper fixes the pump at its "optimal (that is minimal) pump power":

- Sec. IV.2: "Omega^2_pump,opt is the minimal Rabi frequency of the pump field leading to
  N_up,inf / N_2,inf >= 0.95 in the steady state";
- App. E: "both plots show results for the optimal (that is minimal) pump power which
  guarantees a fraction of at least 95% of all atoms in the relevant two-level subsystem
  in state |up> for all times".

Rates are ``MultilevelRates.at(s_pump, s_repump)`` (``model``), with s the pump/repump
intensity in units of the reference intensity of the unit rates (s proportional to
Omega^2). Fig. 7 defines x_repump = Omega^2_repump / Omega^2_pump,opt, i.e. s_repump =
x_repump * s_pump,opt. :func:`pumped_rates` is the one place where the pump optimum is
added to a probe setting's rates; Figs. 7, 8, the studies and the exact checks all call it.

Options
-------
``repump_reference``
    "self_consistent" (default): s_repump = x_repump * s_pump with s_pump the optimum of
    the full problem including that repump (the repump also changes N_up / N_2, so the
    optimum and the repump define each other; this is the literal reading of
    "x_repump = Omega^2_repump / Omega^2_pump,opt"). "pump_only": s_pump,opt is found
    first without repump, s_repump = x_repump * that value, and then the pump is
    re-optimised at that fixed repump.
``criterion``
    "steady_state" (default, Sec. IV.2): the t -> infinity limit of N_up / N_2.
    "all_times" (App. E): min over t >= 0 of N_up(t) / N_2(t) along the trajectory from
    all atoms in |up>. Since min_t <= the limit, "all_times" never needs less pump; where
    the approach to the steady state is monotone they coincide.

The t -> infinity limit of N_up / N_2
-------------------------------------
With repump the steady state of Eq. (26) has N_2,inf > 0 and the ratio is
pi_up / (pi_up + pi_down) (``rate_equations.stationary_cofactors``). Without repump |h> is
absorbing, N_2,inf = 0 and "N_up,inf / N_2,inf" is 0/0; the ratio r(t) = N_up/N_2 still
has a limit: it obeys the autonomous Riccati equation

    dr/dt = h(r) = G_du - (G_du + G_ud + G_uh - G_dh) r + (G_uh - G_dh) r^2

(G_ab = Gamma_ab), with h(0) = G_du >= 0 >= h(1) = -G_ud, so r(t) moves monotonically from
r(0) = 1 to the unique root r* of h in [0, 1] (the quasi-stationary distribution, i.e. the
Perron eigenvector of the {up, down} block of M). We use r* as the criterion there; by
the monotonicity min_t r(t) = r*, so both criteria coincide, and the self-consistent and
pump-only readings coincide because the repump is zero. This is the reading used for
Fig. 8 (x_repump = 0) when the probe itself returns no atoms from |h> (if it does, |h> is
not absorbing and the true steady state is used, as with repump).

Two consequences of the cofactor form (tested): (i) pi_up and pi_down are both linear in
the |h> -> |up>, |down> rates, so when only the repump returns atoms from |h>,
N_up,inf / N_2,inf depends on the repump's branching but not on its strength, and the
optimum is the same for every x_repump > 0; (ii) it is then not the x = 0 value: the
"steady_state" optimum jumps at x_repump -> 0+. The "all_times" optimum instead tends to
the larger of the two (a weak repump acts only on its slow time scale, after r(t) has
relaxed to the quasi-stationary value, so min_t r -> min(r*, r_inf)).

Closed form of the threshold condition
--------------------------------------
Every rate is affine in s_pump (self-consistent: probe + s (pump + x repump); pump-only:
probe + x s0 repump + s pump), and pi_up, pi_down are sums of products of two rates, so
N_up,inf / N_2,inf >= theta  <=>  f(s) = (1 - theta) pi_up(s) - theta pi_down(s) >= 0
is a quadratic inequality in s. The minimal pump strength is 0 if f(0) >= 0, else the
smallest positive root of f (stable quadratic formula); none means infeasible. If the
repump vanishes at s = 0 (self-consistent reading, probe without |h> -> |up>, |down>
rates) every term of pi_up, pi_down carries a factor s, and f(s)/s (linear) is used. In
the absorbing case the condition r* >= theta is h(theta) >= 0, linear in s. The result is
exact to rounding; the tests compare it with ``scipy.optimize.brentq`` per point.
The "all_times" criterion has no closed form: it uses a vectorised bisection in s
(relative tolerance ``rtol``), starting from the steady-state optimum, with the minimum
over t taken on a log-spaced time grid refined by golden-section search.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .entanglement import (
    gamma_bar,
    xi_exp_closed_form,
    xi_exp_long_time,
    xi_exp_moment_equations,
)
from .manifold import ManifoldPropagator, manifold_steady_state, reduce_populations
from .model import MultilevelRates, ThreeLevelRates
from .options import MultilevelOptions
from .rate_equations import Propagator, broadcast_rates, stationary_cofactors, steady_state

_INV_PHI = (np.sqrt(5.0) - 1.0) / 2.0


@dataclass(frozen=True)
class PumpOptimum:
    """Result of :func:`optimal_pump`, arrays broadcast over x_repump and the rate fields.

    s_pump : minimal pump strength (units of the pump unit rates' reference intensity);
        NaN where infeasible.
    s_repump : repump strength used, x_repump * (reference pump strength).
    feasible : False where no pump strength meets the criterion.
    up_fraction : the criterion value N_up / N_2 (limit or minimum over t) at s_pump.
    absorbing : True where there is no repump and |h> is absorbing (quasi-stationary
        criterion, see the module docstring).
    """

    s_pump: np.ndarray
    s_repump: np.ndarray
    feasible: np.ndarray
    up_fraction: np.ndarray
    absorbing: np.ndarray


def quasi_stationary_up_fraction(rates: ThreeLevelRates) -> np.ndarray:
    """Limit of N_up(t) / N_2(t) when |h> is absorbing: the root r* in [0, 1] of h(r).

    r* = G_du / (G_du + w) with w = lambda_max + G_ud + G_uh, lambda_max the larger
    eigenvalue of the {up, down} block of M (Eq. (26)), i.e. the Perron eigenvector
    (G_du, w) of that block; w is evaluated without cancellation. Repump rates are ignored.

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to a common shape S; only ``up_down``,
        ``down_up``, ``up_h`` and ``down_h`` are used.

    Returns
    -------
    ndarray, shape S
        r* = lim N_up / N_2, dimensionless in [0, 1]; NaN where it is 0/0
        (G_du = w = 0).
    """
    r = broadcast_rates(rates)
    ud, du, uh, dh = r.up_down, r.down_up, r.up_h, r.down_h
    delta = 0.5 * (ud + uh - du - dh)
    p = du * ud
    root = np.sqrt(delta * delta + p)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(delta >= 0.0, delta + root, p / (root - delta))
        return du / (du + w)


def up_fraction_limit(rates: ThreeLevelRates) -> np.ndarray:
    """t -> infinity limit of N_up / N_2 (conserving Eq. (26), from all atoms in |up>).

    pi_up / (pi_up + pi_down) at the steady state where N_2,inf > 0 (repump), else the
    quasi-stationary value of :func:`quasi_stationary_up_fraction` (|h> absorbing).

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to a common shape S.

    Returns
    -------
    ndarray, shape S
        N_up,inf / N_2,inf (the "steady_state" criterion of Sec. IV.2), dimensionless in
        [0, 1].
    """
    pi = stationary_cofactors(rates)
    n2 = pi[..., 0] + pi[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        steady = pi[..., 0] / n2
    return np.where(n2 > 0.0, steady, quasi_stationary_up_fraction(rates))


def up_fraction_min_over_time(
    rates: ThreeLevelRates, *, n_time: int = 256, n_refine: int = 40
) -> np.ndarray:
    """min over t >= 0 of N_up(t) / N_2(t) from all atoms in |up> (App. E, "for all times").

    Evaluated on n_time log-spaced times from 1e-3/(fastest rate) to 60/(slowest rate),
    plus t = 0 and t -> infinity, then refined by n_refine golden-section steps around the
    grid minimum (all grid points together). Conserving Eq. (26).

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to a common shape S.
    n_time : int, optional
        Number of log-spaced grid times (default 256); the times are in 1/Gamma.
    n_refine : int, optional
        Golden-section steps around the grid minimum (default 40).

    Returns
    -------
    ndarray, shape S
        min_t N_up(t) / N_2(t) (the "all_times" criterion of App. E), dimensionless in
        [0, 1]; never above the t -> infinity limit :func:`up_fraction_limit`.
    """
    prop = Propagator(rates)
    slow, fast = prop.relaxation_rates()
    with np.errstate(divide="ignore"):
        t_lo = 1e-3 / np.where(fast > 0.0, fast, 1.0)
        t_hi = 60.0 / np.where(slow > 0.0, slow, np.where(fast > 0.0, fast, 1.0))
    u = np.linspace(0.0, 1.0, n_time)
    u = u.reshape((n_time,) + (1,) * t_lo.ndim)
    log_lo, log_hi = np.log(t_lo), np.log(t_hi)
    times = np.exp(log_lo + u * (log_hi - log_lo))  # (n_time,) + S

    def ratio_at(log_t):
        n = prop(np.exp(log_t), outer=False)
        return n[..., 0] / (n[..., 0] + n[..., 1])

    values = ratio_at(np.log(times))
    k = np.argmin(values, axis=0)
    best = np.take_along_axis(values, k[None], axis=0)[0]
    grid_log = np.log(times)
    lo = np.take_along_axis(grid_log, np.clip(k - 1, 0, n_time - 1)[None], axis=0)[0]
    hi = np.take_along_axis(grid_log, np.clip(k + 1, 0, n_time - 1)[None], axis=0)[0]
    c = hi - _INV_PHI * (hi - lo)
    e = lo + _INV_PHI * (hi - lo)
    fc, fe = ratio_at(c), ratio_at(e)
    for _ in range(n_refine):
        left = fc < fe
        lo = np.where(left, lo, c)
        hi = np.where(left, e, hi)
        c, e = (
            np.where(left, hi - _INV_PHI * (hi - lo), e),
            np.where(left, c, lo + _INV_PHI * (hi - lo)),
        )
        value = ratio_at(np.where(left, c, e))
        fc, fe = np.where(left, value, fe), np.where(left, fc, value)
    refined = np.minimum(fc, fe)
    return np.minimum.reduce([best, refined, np.ones_like(best), up_fraction_limit(rates)])


# ---------------------------------------------------------------------------------------
# affine-in-s rates and the closed-form threshold


def _affine_parts(rates: MultilevelRates, x_repump, repump_reference, s0):
    """(G0, G1) with rates(s) = G0 + s G1, and the repump strength as a function of s."""
    x = np.asarray(x_repump, dtype=float)
    probe, pump_unit, repump_unit = rates.probe, rates.pump_unit, rates.repump_unit
    if repump_reference == "self_consistent":
        g0 = broadcast_rates(probe + repump_unit.scaled(0.0 * x))
        g1 = broadcast_rates(pump_unit + repump_unit.scaled(x))
    else:
        g0 = broadcast_rates(probe + repump_unit.scaled(x * s0))
        g1 = broadcast_rates(pump_unit + repump_unit.scaled(0.0 * x))
    return g0, g1


def _product(a0, a1, b0, b1):
    """Coefficients (c, b, a) of (a0 + s a1)(b0 + s b1) = c + b s + a s^2."""
    return a0 * b0, a0 * b1 + a1 * b0, a1 * b1


def _smallest_nonnegative_solution(a, b, c):
    """Smallest s >= 0 with a s^2 + b s + c >= 0 (NaN if none), arrays."""
    disc = b * b - 4.0 * a * c
    with np.errstate(divide="ignore", invalid="ignore"):
        sq = np.sqrt(np.where(disc >= 0.0, disc, np.nan))
        qq = -0.5 * (b + np.copysign(sq, b))
        r1 = qq / a
        r2 = c / qq
    big = np.inf
    r1 = np.where(np.isfinite(r1) & (r1 > 0.0), r1, big)
    r2 = np.where(np.isfinite(r2) & (r2 > 0.0), r2, big)
    root = np.minimum(r1, r2)
    root = np.where(np.isfinite(root), root, np.nan)
    return np.where(c >= 0.0, 0.0, root)


def _threshold_steady(g0: ThreeLevelRates, g1: ThreeLevelRates, theta):
    """Closed-form minimal s for the t -> infinity criterion; returns (s, absorbing)."""
    h0 = g0.h_up + g0.h_down
    h1 = g1.h_up + g1.h_down
    # pi_up = G_du H + G_dh G_hu, pi_down = G_ud H + G_uh G_hd (H = G_hu + G_hd)
    terms_up = [
        _product(g0.down_up, g1.down_up, h0, h1),
        _product(g0.down_h, g1.down_h, g0.h_up, g1.h_up),
    ]
    terms_down = [
        _product(g0.up_down, g1.up_down, h0, h1),
        _product(g0.up_h, g1.up_h, g0.h_down, g1.h_down),
    ]
    up = [sum(t[i] for t in terms_up) for i in range(3)]
    down = [sum(t[i] for t in terms_down) for i in range(3)]
    c, b, a = ((1.0 - theta) * u - theta * d for u, d in zip(up, down, strict=True))
    # repump vanishing at s = 0: f(s) = s (a s + b), use f(s)/s
    deflate = h0 == 0.0
    a, b, c = np.where(deflate, 0.0, a), np.where(deflate, a, b), np.where(deflate, b, c)
    s_repump_case = _smallest_nonnegative_solution(a, b, c)
    # |h> absorbing (no repump at any s): r* >= theta  <=>  h(theta) >= 0, linear in s
    absorbing = deflate & (h1 == 0.0)

    def riccati(g):
        return (
            g.down_up
            - (g.down_up + g.up_down + g.up_h - g.down_h) * theta
            + (g.up_h - g.down_h) * theta**2
        )

    s_absorbing = _smallest_nonnegative_solution(0.0 * theta, riccati(g1), riccati(g0))
    return np.where(absorbing, s_absorbing, s_repump_case), absorbing


def _rates_at(g0, g1, s) -> ThreeLevelRates:
    return g0 + g1.scaled(s)


def _bisect_all_times(g0, g1, s_start, theta, rtol, max_doublings=60):
    """Vectorised bisection of min_t N_up/N_2 (s) >= theta, from the steady-state optimum."""
    s_lo = np.where(np.isfinite(s_start), s_start, np.nan)

    def ok(s):
        return up_fraction_min_over_time(_rates_at(g0, g1, s)) >= theta

    done = ok(np.where(np.isnan(s_lo), 0.0, s_lo)) | np.isnan(s_lo)
    s_hi = np.where(done, s_lo, np.where(s_lo > 0.0, 2.0 * s_lo, 1.0))
    good_hi = done.copy()
    for _ in range(max_doublings):
        if np.all(good_hi):
            break
        check = ok(np.where(good_hi | np.isnan(s_hi), 0.0, s_hi))
        new = ~good_hi & check
        good_hi = good_hi | new
        s_lo = np.where(~good_hi, s_hi, s_lo)
        s_hi = np.where(~good_hi, 2.0 * s_hi, s_hi)
    infeasible = ~good_hi
    s_hi = np.where(infeasible, np.nan, s_hi)
    active = ~done & ~infeasible
    while np.any(active & (s_hi - s_lo > rtol * s_hi)):
        mid = 0.5 * (s_lo + s_hi)
        good = ok(np.where(active, mid, 0.0))
        s_hi = np.where(active & good, mid, s_hi)
        s_lo = np.where(active & ~good, mid, s_lo)
        active = active & (s_hi - s_lo > rtol * s_hi)
    return s_hi


def _manifold_up_fraction(rates: MultilevelRates, s_pump, s_repump) -> np.ndarray:
    """N_up,inf / N_2,inf of the lower-manifold model at the given strengths."""
    n = manifold_steady_state(rates.manifold.at(s_pump, s_repump))
    with np.errstate(divide="ignore", invalid="ignore"):
        return n[..., 0] / (n[..., 0] + n[..., 1])


def _manifold_optimum(rates: MultilevelRates, x, options: MultilevelOptions, rtol) -> PumpOptimum:
    """Minimal s_pump of the lower-manifold model ("steady_state" criterion), by bisection.

    The manifold steady state has no closed form like the cofactors of Eq. (26); N_up/N_2
    grows with the pump (it moves |down> to |up>), so the threshold is bracketed by
    doubling from s = 1 and bisected in s to ``rtol`` (vectorised, no per-point loop).
    """
    theta = options.threshold
    shape = np.broadcast_shapes(x.shape, rates.manifold.probe.shape[:-2])
    x = np.broadcast_to(x, shape)
    if options.repump_reference == "pump_only":
        s0 = _manifold_optimum(
            rates, 0.0 * x, replace(options, repump_reference="self_consistent"), rtol
        ).s_pump
    else:
        s0 = None

    def strengths(s):
        return s, (x * s if s0 is None else x * s0)

    def ok(s):
        return _manifold_up_fraction(rates, *strengths(s)) >= theta

    zero = np.zeros(shape)
    done = ok(zero)
    s_lo, s_hi = zero, np.ones(shape)
    good = done | ok(s_hi)
    for _ in range(80):  # s up to 2^80: beyond, no pump strength meets the threshold
        if np.all(good):
            break
        s_lo = np.where(good, s_lo, s_hi)
        s_hi = np.where(good, s_hi, 2.0 * s_hi)
        good = good | ok(s_hi)
    active = good & ~done
    while np.any(active & (s_hi - s_lo > rtol * s_hi)):
        mid = 0.5 * (s_lo + s_hi)
        fine = ok(mid)
        s_hi = np.where(active & fine, mid, s_hi)
        s_lo = np.where(active & ~fine, mid, s_lo)
        active = active & (s_hi - s_lo > rtol * s_hi)
    s = np.where(done, 0.0, np.where(good, s_hi, np.nan))
    feasible = np.isfinite(s)
    s_repump = strengths(np.where(feasible, s, 0.0))[1]
    frac = _manifold_up_fraction(rates, np.where(feasible, s, 0.0), s_repump)
    return PumpOptimum(
        s_pump=s,
        s_repump=np.where(feasible, s_repump, np.nan) if s0 is None else s_repump,
        feasible=feasible,
        up_fraction=np.where(feasible, frac, np.nan),
        absorbing=np.zeros(shape, dtype=bool),
    )


def populations_at_optimum(rates: MultilevelRates, opt: PumpOptimum, options: MultilevelOptions):
    """Populations (N_up, N_down, N_h) / N at a pump optimum: steady state and propagator.

    The three-level model uses Eq. (26) (``hh_entry`` of ``options``); the lower-manifold
    model (:mod:`.manifold`) its own rate equations, with N_h the whole lower manifold.

    Parameters
    ----------
    rates : MultilevelRates
        The probe setting's rates.
    opt : PumpOptimum
        The optimum (:func:`optimal_pump`), broadcast with the rate grid.
    options : MultilevelOptions
        The readings (``hh_entry``).

    Returns
    -------
    steady : ndarray, shape S + (3,)
        Stationary populations, fractions of N.
    propagator : Propagator or ManifoldPropagator
        The populations at any time from all atoms in |up> (``propagator(t)``).
    """
    s_pump = np.where(opt.feasible, opt.s_pump, np.nan)
    if rates.manifold is not None:
        matrix = rates.manifold.at(s_pump, opt.s_repump)
        return reduce_populations(manifold_steady_state(matrix)), ManifoldPropagator(matrix)
    pumped = rates.at(s_pump, opt.s_repump)
    return (
        steady_state(pumped, hh_entry=options.hh_entry),
        Propagator(pumped, hh_entry=options.hh_entry),
    )


def optimal_pump(
    rates: MultilevelRates, x_repump, options: MultilevelOptions, *, rtol: float = 1e-10
) -> PumpOptimum:
    """Minimal pump strength s_pump with N_up / N_2 >= threshold (Sec. IV.2, App. E).

    Vectorised over x_repump and over array-valued rate fields (no per-point loop).

    Parameters
    ----------
    rates : MultilevelRates
        Probe rates (units of Gamma) and pump/repump rates per unit strength.
    x_repump : array_like
        x_repump = Omega^2_repump / Omega^2_pump,opt (Fig. 7), >= 0, dimensionless.
    options : MultilevelOptions
        Uses ``threshold`` (the 0.95 of Sec. IV.2), ``repump_reference`` and
        ``criterion`` (module docstring).
    rtol : float
        Relative tolerance in s_pump of the "all_times" bisection (the "steady_state"
        result is a closed form, exact to rounding).

    Returns
    -------
    PumpOptimum
        Arrays of the broadcast shape of x_repump and the rate fields.
    """
    threshold, criterion = options.threshold, options.criterion
    x = np.asarray(x_repump, dtype=float)
    if np.any(x < 0.0):
        raise ValueError("x_repump must be >= 0")
    if rates.manifold is not None:
        return _manifold_optimum(rates, x, options, rtol)
    if options.repump_reference == "pump_only":
        s0 = optimal_pump(rates, 0.0 * x, replace(options, repump_reference="self_consistent"))
        s0 = s0.s_pump
    else:
        s0 = None
    g0, g1 = _affine_parts(rates, x, options.repump_reference, s0)
    s, absorbing = _threshold_steady(g0, g1, threshold)
    if criterion == "all_times" and not np.all(absorbing | np.isnan(s)):
        # absorbing case: monotone r(t), the two criteria coincide (module docstring)
        s = np.where(absorbing, s, _bisect_all_times(g0, g1, s, threshold, rtol))
    feasible = np.isfinite(s)
    s_safe = np.where(feasible, s, 0.0)
    at_optimum = _rates_at(g0, g1, s_safe)
    if criterion == "all_times":
        frac = up_fraction_min_over_time(at_optimum)
    else:
        frac = up_fraction_limit(at_optimum)
    s_repump = x * (s if options.repump_reference == "self_consistent" else s0) + 0.0 * s
    return PumpOptimum(
        s_pump=s,
        s_repump=s_repump,
        feasible=feasible,
        up_fraction=np.where(feasible, frac, np.nan),
        absorbing=np.broadcast_to(absorbing, s.shape),
    )


def pumped_rates(
    rates: MultilevelRates, x_repump, options: MultilevelOptions
) -> tuple[ThreeLevelRates, PumpOptimum]:
    """All rates with the pump at its optimum and the repump at x_repump (Sec. IV.2).

    The composition "rates at a pump strength -> optimal pump" of Figs. 7 and 8, the
    studies and the exact checks, written once.

    Parameters
    ----------
    rates : MultilevelRates
        The probe setting's rates (:attr:`.setup.MultilevelSetup.rates`).
    x_repump : array_like
        Omega^2_repump / Omega^2_pump,opt, >= 0 (0: no repump, Fig. 8).
    options : MultilevelOptions
        The readings (threshold, repump_reference, criterion).

    Returns
    -------
    (ThreeLevelRates, PumpOptimum)
        The rates (units of Gamma) at s_pump, s_repump of the optimum, broadcast over
        x_repump and the rate fields; NaN where no pump strength meets the threshold.
    """
    opt = optimal_pump(rates, x_repump, options)
    return rates.at(opt.s_pump, opt.s_repump), opt


# ---------------------------------------------------------------------------------------
# Figures 7 and 8


@dataclass(frozen=True)
class Fig7Result:
    """Arrays of :func:`fig7_xi_exp_steady_state`, broadcast over all inputs.

    xi_exp_inf : steady-state xi_exp,inf (Eq. (30)), NaN where the pump criterion cannot be met.
    s_pump, s_repump, feasible, up_fraction : of the pump optimum (:class:`PumpOptimum`).
    populations : steady (N_up, N_down, N_h) / N, last axis 3.
    gamma_bar : Gamma-bar at the optimum (units of Gamma).
    """

    xi_exp_inf: np.ndarray
    s_pump: np.ndarray
    s_repump: np.ndarray
    feasible: np.ndarray
    up_fraction: np.ndarray
    populations: np.ndarray
    gamma_bar: np.ndarray


def fig7_xi_exp_steady_state(
    rates: MultilevelRates, x_repump, gamma_d_add, optical_depth, options: MultilevelOptions
) -> Fig7Result:
    """Fig. 7: xi_exp,inf (Eq. (30) at the steady state of Eq. (26)), pump at its optimum.

    Parameters
    ----------
    rates : MultilevelRates
        The probe setting's rates; array fields broadcast with the other arguments.
    x_repump, gamma_d_add, optical_depth : array_like
        Broadcast together (e.g. x[:, None], gamma[None, :], 30.0); Gamma_d^add in units
        of Gamma, x_repump and d dimensionless.
    options : MultilevelOptions
        The readings (pump criterion, ``hh_entry`` of Eq. (26)).

    Returns
    -------
    Fig7Result
        The pump optimum depends only on x_repump and the rates, not on d or
        Gamma_d^add (they enter xi_exp only).
    """
    pumped, opt = pumped_rates(rates, x_repump, options)
    n_inf, _ = populations_at_optimum(rates, opt, options)
    gb = gamma_bar(pumped, gamma_d_add)
    return Fig7Result(
        xi_exp_inf=xi_exp_long_time(n_inf, gb, optical_depth, rates.z, F=rates.f_upper),
        s_pump=opt.s_pump,
        s_repump=opt.s_repump,
        feasible=opt.feasible,
        up_fraction=opt.up_fraction,
        populations=n_inf,
        gamma_bar=gb,
    )


@dataclass(frozen=True)
class Fig8Result:
    """Arrays of :func:`fig8_xi_exp_time`.

    xi_exp : xi_exp(t), shape (len(t),) + S.
    populations : (N_up, N_down, N_h)(t) / N, shape (len(t),) + S + (3,).
    s_pump : optimal pump strength at x_repump = 0, shape of the rate grid.
    up_fraction : the criterion value N_up / N_2 at s_pump.
    gamma_bar : Gamma-bar of the rates used (units of Gamma; Eq. (28)).
    """

    xi_exp: np.ndarray
    populations: np.ndarray
    s_pump: np.ndarray
    up_fraction: np.ndarray
    gamma_bar: np.ndarray


def fig8_xi_exp_time(
    rates: MultilevelRates,
    t,
    gamma_d_add,
    optical_depth,
    options: MultilevelOptions,
    *,
    method: str = "closed_form",
) -> Fig8Result:
    """Fig. 8: xi_exp(t) without repump (x_repump = 0), pump at its optimum, all in |up> at t = 0.

    With x_repump = 0 the self-consistent and pump-only readings coincide. If the probe
    returns no atoms from |h>, |h> is absorbing and the pump criterion is the
    quasi-stationary N_up / N_2, which is also its minimum over time, so both criteria
    coincide (module docstring); otherwise the true steady state is used.

    Parameters
    ----------
    rates : MultilevelRates
        The probe setting's rates (:attr:`.setup.MultilevelSetup.rates`).
    t : array_like
        1-D array of times in 1/Gamma, non-decreasing, >= 0.
    gamma_d_add, optical_depth : array_like
        Gamma_d^add in units of Gamma and d, broadcast with the rate fields.
    options : MultilevelOptions
        The readings (pump criterion, ``hh_entry`` of Eq. (26)).
    method : {"closed_form", "moment_equations"}
        Eq. (28) as printed, or the integrated App. D Eqs. (42)–(43).

    Returns
    -------
    Fig8Result
    """
    pumped, opt = pumped_rates(rates, 0.0, options)
    _, prop = populations_at_optimum(rates, opt, options)
    args = (t, pumped, optical_depth, rates.z, gamma_d_add)
    if method == "closed_form":
        xi, pops = xi_exp_closed_form(*args, propagator=prop, F=rates.f_upper)
    elif method == "moment_equations":
        xi, _, pops = xi_exp_moment_equations(*args, propagator=prop, F=rates.f_upper)
    else:
        raise ValueError('method must be "closed_form" or "moment_equations"')
    return Fig8Result(
        xi_exp=xi,
        populations=pops,
        s_pump=opt.s_pump,
        up_fraction=opt.up_fraction,
        gamma_bar=gamma_bar(pumped, gamma_d_add),
    )
