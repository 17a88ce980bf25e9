"""Three-level rate equations, Eq. (26): matrix, steady state, exact time evolution.

Stand-in rates (units of Gamma): probe nu^2, mu^2 for Z = 2.3 plus small losses
(0.02-0.05) and a pump/repump of made-up strength; the real Cs rates come from
``cesium.rates`` and are not needed to test the algebra.

Tolerances: the closed forms are exact up to rounding, so they are compared at a few
hundred ulps of the O(1) populations (EXACT = 1e-12). ODE references use solve_ivp
(DOP853, rtol = 1e-12, atol = 1e-14), which keeps each step's local error below
rtol * |y| + atol; for these dissipative linear systems (exp(M t) is a contraction in the
1-norm for the conserving M) propagated errors do not grow, so the global error is at
most the sum of the local errors: n_steps * (rtol * max|y| + atol), with n_steps taken
from the solver, plus the closed form's own rounding EXACT.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.rate_equations import (
    Propagator,
    evolve,
    rate_matrix,
    stationary_cofactors,
    steady_state,
)
from dissipative_entanglement.squeezing import mu_nu_from_z

EXACT = 1e-12
ODE_RTOL, ODE_ATOL = 1e-12, 1e-14

MU, NU = mu_nu_from_z(2.3)


def standin_rates(pump=(0.0, 1.0, 5.0, 20.0), repump=(0.0, 0.1, 1.0, 3.0)) -> ThreeLevelRates:
    """Probe nu^2, mu^2 (Z = 2.3), losses 0.03/0.05, pump on down, repump on h (arrays)."""
    pump = np.asarray(pump, dtype=float)[:, None]
    repump = np.asarray(repump, dtype=float)[None, :]
    return ThreeLevelRates(
        up_down=NU**2,
        down_up=MU**2 + pump,
        up_h=0.03,
        down_h=0.05 + 0.3 * pump,
        h_up=repump,
        h_down=0.4 * repump,
        up_up=0.4,
        down_down=0.3 + 0.5 * pump,
    )


SPECIAL = {
    # complex eigenvalues: a cycle up -> h -> down -> up
    "cycle": ThreeLevelRates(up_h=1.0, h_down=1.0, down_up=1.0),
    # B = -3 * identity: degenerate, diagonalisable (s = 0)
    "degenerate": ThreeLevelRates(
        up_down=1.0, down_up=1.0, up_h=1.0, down_h=1.0, h_up=1.0, h_down=1.0
    ),
    # B = [[-3.5, 0], [1, -3.5]]: a Jordan block, where eigen-decompositions fail
    "jordan": ThreeLevelRates(up_down=2.0, down_up=1.0, up_h=0.5, down_h=1.5, h_up=1.0, h_down=1.0),
}


def _ode_reference(m, n0, t):
    """(solution at t, error bound n_steps * (rtol * max|y| + atol)) from solve_ivp.

    Integrates to each requested time separately (the endpoint of a step, not scipy's
    dense-output interpolant, whose error the step control does not bound).
    """
    values, bounds = [], []
    for t_end in t:
        if t_end == 0.0:
            values.append(np.asarray(n0, dtype=float))
            bounds.append(0.0)
            continue
        sol = solve_ivp(
            lambda _t, y: m @ y,
            (0.0, float(t_end)),
            n0,
            method="DOP853",
            rtol=ODE_RTOL,
            atol=ODE_ATOL,
        )
        assert sol.success
        values.append(sol.y[:, -1])
        bounds.append((sol.t.size - 1) * (ODE_RTOL * np.abs(sol.y).max() + ODE_ATOL))
    return np.array(values), np.array(bounds)[:, None]


def test_columns_sum_to_zero_only_for_conserving_entry():
    r = standin_rates()
    m = rate_matrix(r)
    assert m.shape == (4, 4, 3, 3)
    np.testing.assert_allclose(m.sum(axis=-2), 0.0, atol=EXACT)
    printed = rate_matrix(r, hh_entry="printed")
    # only the |h> column differs: it sums to -(Gamma_h,up + Gamma_h,down)
    np.testing.assert_allclose(printed.sum(axis=-2)[..., :2], 0.0, atol=EXACT)
    np.testing.assert_allclose(
        printed.sum(axis=-2)[..., 2], -np.broadcast_to(r.h_up + r.h_down, (4, 4)), atol=EXACT
    )
    assert np.any(printed.sum(axis=-2)[..., 2] != 0.0)


def test_matrix_entries_are_those_of_eq26():
    r = ThreeLevelRates(up_down=1.0, down_up=2.0, up_h=3.0, down_h=5.0, h_up=7.0, h_down=11.0)
    expected = np.array([[-4.0, 2.0, 7.0], [1.0, -7.0, 11.0], [3.0, 5.0, -18.0]])
    np.testing.assert_array_equal(rate_matrix(r), expected)
    expected[2, 2] = -36.0
    np.testing.assert_array_equal(rate_matrix(r, hh_entry="printed"), expected)
    with pytest.raises(ValueError):
        rate_matrix(r, hh_entry="other")


def test_steady_state_is_normalised_null_vector():
    r = standin_rates()
    m = rate_matrix(r)
    n_inf = steady_state(r)
    np.testing.assert_allclose(n_inf.sum(axis=-1), 1.0, atol=EXACT)
    assert np.all(n_inf >= 0.0)
    np.testing.assert_allclose(np.einsum("...ij,...j->...i", m, n_inf), 0.0, atol=EXACT)
    # the cofactors are a null vector before normalisation too
    pi = stationary_cofactors(r)
    np.testing.assert_allclose(
        np.einsum("...ij,...j->...i", m, pi), 0.0, atol=EXACT * np.abs(pi).max()
    )


def test_no_repump_steady_state_is_all_in_h():
    r = standin_rates(repump=(0.0,))
    np.testing.assert_array_equal(steady_state(r), np.broadcast_to([0.0, 0.0, 1.0], (4, 1, 3)))


@pytest.mark.parametrize(
    "initial",
    [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), (0.2, 0.5, 0.3)],
)
def test_steady_state_independent_of_initial_state(initial):
    r = standin_rates()
    prop = Propagator(r, initial=initial)
    slow, _ = prop.relaxation_rates()
    # at t = 60 / slowest rate every transient is below e^-60 ~ 1e-26
    t_long = 60.0 / slow
    n_long = prop(t_long, outer=False)
    np.testing.assert_allclose(n_long, steady_state(r), atol=EXACT)
    np.testing.assert_allclose(steady_state(r, initial=initial), steady_state(r), atol=EXACT)


def test_exact_evolution_matches_solve_ivp():
    r = standin_rates()
    t = np.array([0.0, 0.01, 0.1, 0.5, 2.0, 10.0, 40.0])
    n0 = np.array([0.6, 0.3, 0.1])
    n = evolve(t, r, initial=n0)
    assert n.shape == (t.size, 4, 4, 3)
    m = rate_matrix(r)
    for i, j in np.ndindex(4, 4):
        ref, bound = _ode_reference(m[i, j], n0, t)
        assert np.all(np.abs(n[:, i, j] - ref) <= bound + EXACT)


@pytest.mark.parametrize("name", sorted(SPECIAL))
def test_closed_form_at_complex_and_degenerate_eigenvalues(name):
    r = SPECIAL[name]
    t = np.array([0.0, 0.3, 1.0, 3.0, 8.0])
    n = evolve(t, r)
    ref, bound = _ode_reference(rate_matrix(r), np.array([1.0, 0.0, 0.0]), t)
    assert np.all(np.abs(n - ref) <= bound + EXACT)
    # scipy expm on the stack agrees to rounding (scaling and squaring, |M t| <= 30)
    np.testing.assert_allclose(n, evolve(t, r, method="expm"), atol=EXACT)


def test_exact_methods_agree():
    r = standin_rates()
    t = np.array([0.0, 0.05, 1.0, 7.0, 30.0])
    closed = evolve(t, r)
    np.testing.assert_allclose(closed, evolve(t, r, method="expm"), atol=EXACT)
    # well separated eigenvalues here: the eigenvector matrices are well conditioned
    np.testing.assert_allclose(closed, evolve(t, r, method="eig"), atol=EXACT)


def test_evolution_conserves_atoms_and_starts_at_initial_state():
    r = standin_rates()
    t = np.geomspace(1e-4, 1e3, 15)
    n = evolve(t, r)
    np.testing.assert_allclose(n.sum(axis=-1), 1.0, atol=EXACT)
    np.testing.assert_allclose(
        evolve(0.0, r), np.broadcast_to([1.0, 0.0, 0.0], (4, 4, 3)), atol=EXACT
    )


def test_printed_entry_loses_atoms_from_h():
    r = standin_rates()
    t = np.array([0.0, 0.5, 2.0, 10.0])
    n = evolve(t, r, hh_entry="printed")
    # d(sum N)/dt = -(Gamma_h,up + Gamma_h,down) N_h < 0 with the printed entry
    total = n.sum(axis=-1)
    repumped = np.broadcast_to(r.h_up + r.h_down, (4, 4)) > 0.0
    assert np.all(np.diff(total, axis=0)[:, repumped] < 0.0)
    np.testing.assert_allclose(total[:, ~repumped], 1.0, atol=EXACT)
    # steady state: N = 0 with repump, identical to the conserving one without
    n_inf = steady_state(r, hh_entry="printed")
    np.testing.assert_array_equal(n_inf[repumped], 0.0)
    np.testing.assert_allclose(n_inf[~repumped], steady_state(r)[~repumped], atol=EXACT)
    m = rate_matrix(r, hh_entry="printed")
    ref, bound = _ode_reference(m[1, 2], np.array([1.0, 0.0, 0.0]), t)
    assert np.all(np.abs(n[:, 1, 2] - ref) <= bound + EXACT)
    np.testing.assert_allclose(n, evolve(t, r, hh_entry="printed", method="expm"), atol=EXACT)


def test_non_unique_steady_state_depends_on_initial_state():
    # no losses, no repump: |h> decoupled, the {up, down} chain relaxes to (mu^2, nu^2)
    r = ThreeLevelRates(up_down=NU**2, down_up=MU**2)
    n0 = np.array([0.2, 0.3, 0.5])
    expected = np.array([MU**2, NU**2, 0.0]) / (MU**2 + NU**2) * 0.5 + [0.0, 0.0, 0.5]
    np.testing.assert_allclose(steady_state(r, initial=n0), expected, atol=EXACT)
    # e^{-(mu^2 + nu^2) t} < 1e-30 at t = 30
    np.testing.assert_allclose(evolve(30.0, r, initial=n0), expected, atol=EXACT)
