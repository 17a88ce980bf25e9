"""Optimal pump strength (Sec. IV.2, App. E) and the Fig. 7 / Fig. 8 drivers.

Stand-in rates (units of Gamma): probe nu^2, mu^2 for Z = 2.3 with small losses and small
probe-induced returns from |h> (so that the optimum depends on x_repump, as for Cs); a
made-up pump (|down> -> |up>, |down>, |h>) and repump (|h> -> |up>, |down>).

Tolerances: the closed-form threshold is exact to rounding; the root s* of
f(s) = (1 - theta) pi_up - theta pi_down is computed from coefficients with relative
rounding ~1e-16 of the sum of |terms|, and the root moves by that over |f'(s*)|; with
|s f'(s*)| / sum|terms| >= 1e-4 for these rates (threshold <= 0.99) this is < 1e-11
relative, so ROOT_RTOL = 1e-10. brentq runs with xtol = rtol = 1e-14.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from dissipative_entanglement.multilevel.entanglement import (
    xi_exp_moment_equations,
    xi_exp_steady_state,
)
from dissipative_entanglement.multilevel.model import (
    MultilevelRates,
    ThreeLevelRates,
    combine_rates,
)
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.pump import (
    fig7_xi_exp_steady_state,
    fig8_xi_exp_time,
    optimal_pump,
    quasi_stationary_up_fraction,
    up_fraction_limit,
    up_fraction_min_over_time,
)
from dissipative_entanglement.multilevel.rate_equations import evolve
from dissipative_entanglement.squeezing import mu_nu_from_z

EXACT = 1e-12
ROOT_RTOL = 1e-10
Z = 2.3
MU, NU = mu_nu_from_z(Z)

PUMP = ThreeLevelRates(down_up=1.0, down_h=0.3, down_down=0.5)
REPUMP = ThreeLevelRates(h_up=1.0, h_down=0.4)

F_UP = 4  # F of the upper Cs ground manifold (Sec. IV.1), Eqs. (17)-(19)


def probe(h_return=0.02) -> ThreeLevelRates:
    return ThreeLevelRates(
        up_down=NU**2,
        down_up=MU**2,
        up_h=0.03,
        down_h=0.05,
        h_up=h_return,
        h_down=0.5 * h_return,
        up_up=0.4,
        down_down=0.3,
    )


def opt_pump(pr, pump, repump, x, *, rtol=1e-10, **readings):
    """optimal_pump on hand-made rates; ``readings`` are MultilevelOptions fields."""
    return optimal_pump(
        MultilevelRates(pr, pump, repump, Z, F_UP), x, MultilevelOptions(**readings), rtol=rtol
    )


def _brentq_pump(pr, x, theta, reference):
    """Per-point reference: brentq on the t -> infinity ratio minus theta."""
    if reference == "pump_only":
        s0 = _brentq_pump(pr, 0.0, theta, "self_consistent")

        def rates(s):
            return combine_rates(pr, PUMP, REPUMP, s, x * s0)
    else:

        def rates(s):
            return combine_rates(pr, PUMP, REPUMP, s, x * s)

    def f(s):
        return float(up_fraction_limit(rates(s))) - theta

    if f(0.0) >= 0.0:
        return 0.0
    hi = 1.0
    while f(hi) < 0.0:
        hi *= 2.0
    return brentq(f, 0.0, hi, xtol=1e-14, rtol=1e-14)


@pytest.mark.parametrize("reference", ["self_consistent", "pump_only"])
@pytest.mark.parametrize("theta", [0.9, 0.95, 0.99])
@pytest.mark.parametrize("h_return", [0.0, 0.02])
def test_closed_form_optimum_matches_brentq(reference, theta, h_return):
    x = np.array([0.0, 0.01, 0.1, 1.0, 10.0])
    pr = probe(h_return)
    opt = opt_pump(pr, PUMP, REPUMP, x, threshold=theta, repump_reference=reference)
    assert np.all(opt.feasible)
    ref = np.array([_brentq_pump(pr, xi, theta, reference) for xi in x])
    np.testing.assert_allclose(opt.s_pump, ref, rtol=ROOT_RTOL)
    np.testing.assert_allclose(opt.up_fraction, theta, atol=EXACT)


def test_more_pump_gives_higher_up_fraction():
    s = np.geomspace(1e-3, 1e3, 400)[:, None]
    x = np.array([0.0, 0.1, 1.0, 10.0])[None, :]
    for h_return in (0.0, 0.02):
        for reference_s in (s, 1.0 + 0.0 * s):  # repump scaled with the pump, or fixed
            rates = combine_rates(probe(h_return), PUMP, REPUMP, s, x * reference_s)
            ratio = up_fraction_limit(rates)
            assert np.all(np.diff(ratio, axis=0) > 0.0)


def test_steady_ratio_does_not_depend_on_repump_strength():
    # pi_up and pi_down are both linear in the repump rates (cofactors of Eq. 26): without
    # probe-induced returns from |h> the ratio, and hence the optimum, is the same for
    # every x_repump > 0
    x = np.geomspace(0.01, 10.0, 7)
    opt = opt_pump(probe(0.0), PUMP, REPUMP, x)
    np.testing.assert_allclose(opt.s_pump, opt.s_pump[0], rtol=ROOT_RTOL)
    # ... but not equal to the x = 0 (quasi-stationary) optimum: the limit x -> 0+ differs
    opt0 = opt_pump(probe(0.0), PUMP, REPUMP, 0.0)
    assert bool(opt0.absorbing)
    assert abs(opt0.s_pump - opt.s_pump[0]) > 1e-3 * opt.s_pump[0]


def test_quasi_stationary_ratio_is_the_monotone_long_time_limit():
    rates = combine_rates(probe(0.0), PUMP, REPUMP, np.array([0.0, 5.0, 20.0]), 0.0)
    t = np.linspace(0.0, 200.0, 4001)
    n = evolve(t, rates)
    ratio = n[..., 0] / (n[..., 0] + n[..., 1])
    # dr/dt = h(r) is autonomous: r(t) decreases monotonically from 1 (to rounding)
    assert np.all(np.diff(ratio, axis=0) <= EXACT)
    # the gap between the two non-zero eigenvalues is >= 0.5 here: e^{-0.5 * 200} ~ 1e-44
    np.testing.assert_allclose(ratio[-1], quasi_stationary_up_fraction(rates), atol=EXACT)


def test_criteria_coincide_without_repump():
    # r(t) is monotone without repump, so min over t equals the t -> infinity limit
    a = opt_pump(probe(0.0), PUMP, REPUMP, 0.0)
    b = opt_pump(probe(0.0), PUMP, REPUMP, 0.0, criterion="all_times")
    assert bool(a.absorbing) and a.s_pump == b.s_pump


# a level scheme with an undershoot: |up> -> |down> is fast, the repump back from |h> slow
OVERSHOOT_PROBE = ThreeLevelRates(up_down=1.0, down_up=0.5, up_h=0.5, down_h=0.01)
OVERSHOOT_PUMP = ThreeLevelRates(down_up=1.0, down_h=0.1)
OVERSHOOT_REPUMP = ThreeLevelRates(h_up=1.0)


def test_min_over_time_matches_brute_force():
    rates = combine_rates(OVERSHOOT_PROBE, OVERSHOOT_PUMP, OVERSHOOT_REPUMP, 1.0, 0.5)
    t = np.linspace(0.0, 40.0, 400_001)
    n = evolve(t, rates)
    brute = (n[:, 0] / (n[:, 0] + n[:, 1])).min()
    ours = up_fraction_min_over_time(rates)
    # the refined minimum is at least as low as any grid value; the grid (spacing h = 1e-4)
    # misses the true minimum by at most h^2 max|r''| / 8 with |r''| <= (sum of rates)^2 ~ 10
    assert ours <= brute + EXACT
    assert ours >= brute - 1e-4**2 * 10.0 / 8.0 - EXACT
    assert ours < up_fraction_limit(rates)  # a real undershoot


@pytest.mark.parametrize("theta", [0.6, 0.8])
def test_all_times_criterion_needs_more_pump_and_is_tight(theta):
    x = np.array([0.05, 0.2, 1.0])
    args = (OVERSHOOT_PROBE, OVERSHOOT_PUMP, OVERSHOOT_REPUMP, x)
    steady = opt_pump(*args, threshold=theta)
    all_times = opt_pump(*args, threshold=theta, criterion="all_times", rtol=1e-10)
    assert np.all(all_times.s_pump >= steady.s_pump)
    assert np.any(all_times.s_pump > 1.01 * steady.s_pump)
    t = np.linspace(0.0, 60.0, 200_001)
    for i, xi in enumerate(x):
        s = all_times.s_pump[i]
        for factor, ok in ((1.0, True), (1.0 - 1e-6, False)):
            rates = combine_rates(*args[:3], factor * s, xi * factor * s)
            n = evolve(t, rates)
            ratio_min = (n[:, 0] / (n[:, 0] + n[:, 1])).min()
            # 1e-6 less pump lowers the minimum by ~1e-7 (>> the grid error ~1e-9)
            assert (ratio_min >= theta - 1e-9) == ok


def test_infeasible_points_are_flagged():
    # a "pump" that drives |up> -> |down> only lowers N_up / N_2; so does no pump at all
    anti_pump = ThreeLevelRates(up_down=1.0)
    for criterion in ("steady_state", "all_times"):
        for pump in (anti_pump, ThreeLevelRates()):
            opt = opt_pump(
                probe(0.0), pump, REPUMP, np.array([0.0, 1.0]), threshold=0.95, criterion=criterion
            )
            np.testing.assert_array_equal(opt.feasible, [False, False])
            assert np.all(np.isnan(opt.s_pump)) and np.all(np.isnan(opt.up_fraction))
    # emptying |down> into |h> does raise N_up / N_2 (conditioned on {up, down}): feasible
    opt = opt_pump(probe(0.0), ThreeLevelRates(down_h=1.0), REPUMP, 0.0, threshold=0.95)
    assert opt.feasible


def test_fig7_grid_is_the_pointwise_composition():
    """The pump optimum by brentq per point, xi by the package's Eq. (30): the vectorised
    grid composes them right (the fully independent check is test_cesium_independent)."""
    x = np.geomspace(0.01, 10.0, 200)[:, None]
    g = np.array([0.0, 2.0, 5.0, 10.0, 20.0])[None, :]
    pr = probe(0.02)
    res = fig7_xi_exp_steady_state(
        MultilevelRates(pr, PUMP, REPUMP, Z, F_UP), x, g, 30.0, MultilevelOptions()
    )
    assert res.xi_exp_inf.shape == (200, 5)
    assert np.all(res.feasible)
    for i in (0, 77, 199):
        s = _brentq_pump(pr, float(x[i, 0]), 0.95, "self_consistent")
        rates = combine_rates(pr, PUMP, REPUMP, s, x[i, 0] * s)
        for j in range(5):
            expected = xi_exp_steady_state(rates, 30.0, Z, g[0, j], F=F_UP)
            # xi depends smoothly on s: relative error ~ ROOT_RTOL
            np.testing.assert_allclose(res.xi_exp_inf[i, j], expected, rtol=10 * ROOT_RTOL)
    # more dephasing, less entanglement (Eq. 30 increases with Gamma-bar)
    assert np.all(np.diff(res.xi_exp_inf, axis=1) > 0.0)


def test_fig8_without_repump():
    """Regression guard of the Fig. 8 plumbing (t = 0, threshold, the moments path); the
    independent check of the values is test_cesium_independent."""
    t = np.array([0.0, 0.01, 0.05, 0.2, 1.0, 5.0])
    g = np.array([0.0, 5.0, 20.0])
    pr = probe(0.0)
    rates = MultilevelRates(pr, PUMP, REPUMP, Z, F_UP)
    res = fig8_xi_exp_time(rates, t, g, 30.0, MultilevelOptions())
    assert res.xi_exp.shape == (6, 3)
    np.testing.assert_allclose(res.xi_exp[0], 1.0, atol=EXACT)
    np.testing.assert_allclose(res.up_fraction, 0.95, atol=EXACT)
    moments = fig8_xi_exp_time(rates, t, g, 30.0, MultilevelOptions(), method="moment_equations")
    direct, _, _ = xi_exp_moment_equations(t, rates.at(res.s_pump, 0.0), 30.0, Z, g, F=F_UP)
    np.testing.assert_allclose(moments.xi_exp, direct, rtol=EXACT)


@pytest.mark.parametrize("theta", [0.6, 0.8, 0.95])
def test_all_times_optimum_is_continuous_as_the_repump_vanishes(theta):
    # steady_state jumps at x -> 0+; all_times tends to max(s(x = 0), s_steady(0+)): a weak
    # repump acts on its slow time scale, after r(t) has relaxed to the quasi-stationary
    # value. The remaining difference is first order in x (allowed: 10 x relative).
    x = np.array([0.0, 1e-4])
    for args in (
        (OVERSHOOT_PROBE, OVERSHOOT_PUMP, OVERSHOOT_REPUMP),
        (probe(0.0), PUMP, REPUMP),
    ):
        steady = opt_pump(*args, x, threshold=theta)
        all_times = opt_pump(*args, x, threshold=theta, criterion="all_times")
        expected = max(steady.s_pump[0], steady.s_pump[1])
        assert abs(all_times.s_pump[1] - expected) <= 10 * x[1] * expected + EXACT
