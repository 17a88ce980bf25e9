"""xi_exp of the Cs three-level model: Eqs. (17)-(19), (28)-(30) and App. D, Eqs. (42)-(43).

Stand-in rates (units of Gamma): probe nu^2, mu^2 for Z = 2.3, losses 0.03-0.05, a made-up
pump/repump; only the algebra and the integration are under test.

Tolerances: algebraic identities and closed forms are exact to rounding (EXACT = 1e-12 on
O(1) quantities). Integrated moment equations: solve_ivp keeps each step's local error
below rtol * |y| + atol and these linear, dissipative equations do not amplify earlier
errors, so the global error is bounded by n_steps * (rtol * max|y| + atol). n_steps is
len(sol.t) - 1 for a reference integrated to each time without t_eval, and is bounded by
the number of right-hand-side evaluations nfev (every step evaluates it at least once) for
the library call (``full_output=True``, where sol.t holds only the requested times).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from dissipative_entanglement.multilevel.entanglement import (
    ODE_SETTINGS,
    gamma_bar,
    sigma2_closed_form,
    xi_exp_closed_form,
    xi_exp_from_sigma,
    xi_exp_long_time,
    xi_exp_moment_equations,
    xi_exp_steady_state,
)
from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.pump import quasi_stationary_up_fraction
from dissipative_entanglement.multilevel.rate_equations import rate_matrix, steady_state
from dissipative_entanglement.squeezing import mu_nu_from_z
from dissipative_entanglement.two_level.dynamics import xi_closed_form
from dissipative_entanglement.two_level.rates import TwoLevelRates
from dissipative_entanglement.two_level.steady_state import xi_steady_state_from_rates

EXACT = 1e-12
Z = 2.3
MU, NU = mu_nu_from_z(Z)
DEPTH = 30.0
RTOL, ATOL = ODE_SETTINGS["rtol"], ODE_SETTINGS["atol"]  # the integrator's own settings

F_UP = 4  # F of the upper Cs ground manifold (Sec. IV.1), Eqs. (17)-(19)


def standin_rates(repump=1.0) -> ThreeLevelRates:
    return ThreeLevelRates(
        up_down=NU**2,
        down_up=MU**2 + 3.0,
        up_h=0.03,
        down_h=0.05 + 0.9,
        h_up=np.asarray(repump, dtype=float),
        h_down=0.4 * np.asarray(repump, dtype=float),
        up_up=0.4,
        down_down=0.3 + 1.5,
    )


def _ode_bound(sol, rtol, atol, n_steps=None):
    """n_steps * (rtol * max|y| + atol); n_steps defaults to nfev (>= number of steps)."""
    n_steps = sol.nfev if n_steps is None else n_steps
    return n_steps * (rtol * np.abs(sol.y).max() + atol)


def test_gamma_bar_excludes_repump_and_adds_dephasing():
    r = standin_rates(repump=np.array([0.0, 1.0, 10.0]))
    g = gamma_bar(r, gamma_d_add=2.0)
    expected = NU**2 + MU**2 + 3.0 + 0.03 + 0.95 + 0.4 + 1.8 + 2.0
    np.testing.assert_allclose(g, expected, rtol=EXACT)


def test_xi_exp_is_one_for_the_initial_coherent_spin_state():
    r = standin_rates(repump=np.array([0.0, 1.0]))
    t = np.array([0.0, 0.1])
    closed, _ = xi_exp_closed_form(t, r, DEPTH, Z, np.array([[0.0], [5.0]]), F=F_UP)
    moments, _, _ = xi_exp_moment_equations(t, r, DEPTH, Z, np.array([[0.0], [5.0]]), F=F_UP)
    np.testing.assert_allclose(closed[0], 1.0, atol=EXACT)
    np.testing.assert_allclose(moments[0], 1.0, atol=EXACT)
    # Eqs. (17)-(19) directly: Sigma_J,2 = N, all in |up>
    assert xi_exp_from_sigma(1.0, [1.0, 0.0, 0.0], F=F_UP) == 1.0


def test_eq30_is_eqs17_19_with_the_long_time_sigma_eq29():
    rng = np.random.default_rng(1)
    pops = rng.dirichlet([5.0, 1.0, 1.0], size=50)
    gb = rng.uniform(0.5, 30.0, size=50)
    n2 = pops[:, 0] + pops[:, 1]
    p2 = (pops[:, 0] - pops[:, 1]) / n2
    dt = DEPTH * n2
    sigma_lt = n2 * (gb + dt * p2**2 / Z**2) / (gb + dt * p2)  # Eq. (29)
    np.testing.assert_allclose(
        xi_exp_long_time(pops, gb, DEPTH, Z, F=F_UP),
        xi_exp_from_sigma(sigma_lt, pops, F=F_UP),
        rtol=EXACT,
    )


def test_eq30_for_spin_half_is_the_two_level_eq15():
    # F = 1/2: 2F = 1 and 2F - 1 = 0, the measured spin is the two-level spin, Eq. (30)
    # becomes Eq. (15) with Gamma~ -> Gamma-bar, P -> P_2, d -> d N_2 / N, for any P_2
    rng = np.random.default_rng(2)
    pops = rng.dirichlet([5.0, 1.0, 1.0], size=50)
    gb = rng.uniform(0.5, 30.0, size=50)
    n2 = pops[:, 0] + pops[:, 1]
    p2 = (pops[:, 0] - pops[:, 1]) / n2
    eq15 = xi_steady_state_from_rates(gb, p2, DEPTH * n2, MU, NU)
    np.testing.assert_allclose(xi_exp_long_time(pops, gb, DEPTH, Z, F=0.5), eq15, rtol=EXACT)


def test_eq30_for_full_polarization_is_eq15_at_any_f():
    # N_down = 0 (P_2 = 1): 2F / (P_2 + 2F - 1) = 1 and the N_down term vanishes
    n2 = np.array([1.0, 0.7, 0.2])
    pops = np.stack([n2, 0.0 * n2, 1.0 - n2], axis=-1)
    gb = np.array([1.0, 5.0, 20.0])
    eq15 = xi_steady_state_from_rates(gb, 1.0, DEPTH * n2, MU, NU)
    for f in (0.5, 1.0, 4.0):
        np.testing.assert_allclose(xi_exp_long_time(pops, gb, DEPTH, Z, F=f), eq15, rtol=EXACT)


def test_eq28_without_level_h_is_the_two_level_eq14():
    # no |h> couplings: N_2 = N, P_2(t) as in App. C.1, Eq. (28) = P_2 * xi of Eq. (14)
    cool, heat, deph = MU**2, NU**2, np.array([0.4, 3.0, 12.0])
    r = ThreeLevelRates(up_down=heat, down_up=cool, up_up=deph / 2, down_down=deph / 2)
    t = np.linspace(0.0, 3.0, 31)[:, None]
    two = TwoLevelRates(
        cool=np.full(3, cool), heat=np.full(3, heat), dephasing=deph, mu=MU + 0 * deph, nu=NU
    )
    xi_two = xi_closed_form(t, two, DEPTH)
    _, pops = xi_exp_closed_form(t[:, 0], r, DEPTH, Z, F=F_UP)
    sigma2 = sigma2_closed_form(t, pops, gamma_bar(r), DEPTH, Z)
    p2 = (pops[..., 0] - pops[..., 1]) / (pops[..., 0] + pops[..., 1])
    np.testing.assert_allclose(sigma2, xi_two * p2, rtol=EXACT)


@pytest.mark.parametrize("gamma_d_add", [0.0, 5.0, 20.0])
def test_eq28_equals_moment_equations_for_constant_populations(gamma_d_add):
    # no losses and no |up> -> |down>: all atoms stay in |up> (P_2 = 1, N_2 = N), the
    # moment equation has constant coefficients and Eq. (28) is its exact solution
    r = ThreeLevelRates(up_down=0.0, down_up=MU**2, up_up=0.4, down_down=0.3)
    t = np.array([0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0])
    closed, _ = xi_exp_closed_form(t, r, DEPTH, Z, gamma_d_add, F=F_UP)
    moments, sigma2, _, sol = xi_exp_moment_equations(
        t, r, DEPTH, Z, gamma_d_add, full_output=True, F=F_UP
    )
    # xi_exp = Sigma_J,2 here (P_2 = 1, N_down = 0)
    np.testing.assert_allclose(moments, sigma2, rtol=EXACT)
    assert np.all(np.abs(moments - closed) <= _ode_bound(sol, RTOL, ATOL) + EXACT)


def _full_reference(t, r, gamma_d_add, rtol=1e-12, atol=1e-14):
    """Populations and Sigma_J,2 of Eq. (26) + Eqs. (42)+(43) as one ODE system, to each t."""
    m = rate_matrix(r)
    gb = float(gamma_bar(r, gamma_d_add))

    def rhs(_t, y):
        n, sigma = y[:3], y[3]
        n2 = n[0] + n[1]
        p2 = (n[0] - n[1]) / n2
        dt = DEPTH * n2
        return np.append(m @ n, -(gb + dt * p2) * sigma + n2 * (gb + dt * p2**2 / Z**2))

    out, bounds = [], []
    for t_end in t:
        if t_end == 0.0:
            out.append(1.0)
            bounds.append(0.0)
            continue
        sol = solve_ivp(
            rhs, (0.0, t_end), [1.0, 0.0, 0.0, 1.0], method="DOP853", rtol=rtol, atol=atol
        )
        assert sol.success
        out.append(sol.y[3, -1])
        bounds.append(_ode_bound(sol, rtol, atol, n_steps=sol.t.size - 1))
    return np.array(out), np.array(bounds)


@pytest.mark.parametrize("repump", [0.0, 1.0])
def test_moment_equations_with_time_dependent_populations(repump):
    r = standin_rates(repump=repump)
    t = np.array([0.0, 0.02, 0.1, 0.5, 2.0, 8.0])
    _, sigma2, _, sol = xi_exp_moment_equations(t, r, DEPTH, Z, 2.0, full_output=True, F=F_UP)
    ref, ref_bound = _full_reference(t, r, 2.0)
    # sigma2 = u N_2 with N_2 <= 1, so the bound on u bounds sigma2
    assert np.all(np.abs(sigma2 - ref) <= _ode_bound(sol, RTOL, ATOL) + ref_bound + EXACT)


def test_long_time_limits_are_the_steady_state_eq30():
    r = standin_rates(repump=np.array([0.5, 2.0]))
    g = np.array([[0.0], [10.0]])
    t = np.array([0.0, 1.0, 200.0])  # e^{-200 * slowest rate (~0.3)} < 1e-26
    xi_inf = xi_exp_steady_state(r, DEPTH, Z, g, F=F_UP)
    closed, pops = xi_exp_closed_form(t, r, DEPTH, Z, g, F=F_UP)
    np.testing.assert_allclose(pops[-1], np.broadcast_to(steady_state(r), (2, 2, 3)), atol=EXACT)
    np.testing.assert_allclose(closed[-1], xi_inf, rtol=EXACT)
    moments, _, _, sol = xi_exp_moment_equations(t, r, DEPTH, Z, g, full_output=True, F=F_UP)
    # xi_exp is linear in u = Sigma_J,2 / N_2 with slope 2F / (P_2 + 2F - 1) <= 2F / (2F - 1)
    assert np.all(np.abs(moments[-1] - xi_inf) <= 8.0 / 7.0 * _ode_bound(sol, RTOL, ATOL))


def test_without_repump_no_steady_state_entanglement():
    r = standin_rates(repump=0.0)
    assert np.isnan(xi_exp_steady_state(r, DEPTH, Z, 0.0, F=F_UP))
    # N_2 -> 0: d(t) -> 0 and xi_exp -> (2F + 2(2F-1) (1 - r*)) / (2 r* - 1 + 2F - 1) > 1 with
    # the quasi-stationary r* = N_up / N_2 (pump module)
    rs = quasi_stationary_up_fraction(r)
    f = 4.0
    limit = (2 * f + 2 * (2 * f - 1) * (1 - rs)) / (2 * rs - 1 + 2 * f - 1)
    t = np.array([0.0, 400.0])  # N_2 ~ e^{-0.06 t}: d N_2 ~ 1e-9, e^{-(slow gap) t} < 1e-30
    closed, pops = xi_exp_closed_form(t, r, DEPTH, Z, F=F_UP)
    n2 = pops[-1, 0] + pops[-1, 1]
    # the remaining d(t) P_2 terms are of relative size d N_2 / Gamma-bar
    assert abs(closed[-1] - limit) <= 2.0 * DEPTH * n2 / gamma_bar(r) + EXACT
    assert limit > 1.0
