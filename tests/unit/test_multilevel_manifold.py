"""The lower-manifold model (``h_return = "lower_manifold"``) against calculations written here.

On the paper's Cs-133 (F_low = 3: nine states) and on Rb-87 (F_low = 1: five states). The
ground-state rate matrices come from the package (``ground_rate_matrices``, whose entries
are checked against first principles in test_multilevel_rates); everything after
them is rebuilt here: the states picked by (F, m), the generator, its null space
(``scipy.linalg.null_space``), the pump optimum (``brentq``), the populations by
``solve_ivp``, Eq. (30) and the App. D moment equation.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.linalg import expm, null_space
from scipy.optimize import brentq

from dissipative_entanglement.atoms.couplings import ground_states
from dissipative_entanglement.multilevel.manifold import (
    ManifoldPropagator,
    manifold_states,
    reduce_matrix,
)
from dissipative_entanglement.multilevel.rate_equations import steady_state
from dissipative_entanglement.multilevel.rates import ground_rate_matrices
from dissipative_entanglement.multilevel.tables import fig7_table, fig8_table

from ..helpers import paper_setup, xi_long_time_eq30

CS, F = "Cs133", 4
SETUP = paper_setup(options={"h_return": "lower_manifold"})
# ensemble I: |up> = |4,4>, |down> = |4,3>, then every |3,m>
STATES = [(4, 4), (4, 3)] + [(3, m) for m in range(3, -4, -1)]
INDEX = [ground_states(CS).index(s) for s in STATES]
PROBE16, PUMP16, REPUMP16 = ground_rate_matrices(
    CS, "D2", 700.0, "y", SETUP.options, temperature_C=22.0
)


def rates9(s_pump, s_repump):
    """Rate matrix over STATES (element [a, b]: a -> b), rates into |4,m<=2> dropped."""
    full = PROBE16 + s_pump * PUMP16 + s_repump * REPUMP16
    return full[np.ix_(INDEX, INDEX)]


def generator9(r):
    """dN/dt = G N: gain from every other state, loss to every other state."""
    off = r - np.diag(np.diag(r))
    return off.T - np.diag(off.sum(axis=1))


def steady9(s_pump, s_repump):
    n = null_space(generator9(rates9(s_pump, s_repump)))
    assert n.shape[1] == 1  # unique stationary state: the probe returns from every |3,m>
    n = n[:, 0]
    return n / n.sum()


def xi_long_time(n, r, d, z, gamma_d_add):
    """Eq. (30) at populations n; Gamma-bar from the rates out of |up>, |down> (Sec. IV.2),
    Gamma_up,h and Gamma_down,h summed over every |3,m>."""
    gb = r[0, 1] + r[1, 0] + r[0, 2:].sum() + r[1, 2:].sum() + r[0, 0] + r[1, 1] + gamma_d_add
    return xi_long_time_eq30(n[0], n[1], gb, d, z, F)


def test_states_and_reduction():
    assert manifold_states(CS, "I") == tuple(STATES)
    assert manifold_states(CS, "II") == tuple((f, -m) for f, m in STATES)
    np.testing.assert_array_equal(reduce_matrix(CS, PROBE16), PROBE16[np.ix_(INDEX, INDEX)])
    # "into_h": what goes to |4,2>, |4,1>, ... is added to the rate into |h> = |3,3>
    into_h = reduce_matrix(CS, PROBE16, "I", "into_h")
    others = [ground_states(CS).index((4, m)) for m in range(-4, 3)]
    np.testing.assert_allclose(
        into_h[:, 2], PROBE16[np.ix_(INDEX, [INDEX[2]])][:, 0] + PROBE16[INDEX][:, others].sum(1)
    )


def test_propagator_against_ode_integration():
    """exp(G t) N(0) by eigen-decomposition against solve_ivp of dN/dt = G N, and its
    derivative against G N; population is conserved."""
    r = rates9(300.0, 50.0)
    g = generator9(r)
    t = np.array([0.0, 0.01, 0.1, 0.5, 2.0, 10.0])
    n0 = np.eye(9)[0]
    sol = solve_ivp(
        lambda _t, n: g @ n, (0, t[-1]), n0, t_eval=t, method="Radau", rtol=1e-11, atol=1e-13
    )
    assert sol.success
    prop = ManifoldPropagator(r)
    got = prop(t)
    expected = np.stack([sol.y[0], sol.y[1], sol.y[2:].sum(0)], axis=-1)
    np.testing.assert_allclose(got, expected, atol=1e-9)
    np.testing.assert_allclose(got.sum(-1), 1.0, atol=1e-12)
    deriv = (g @ sol.y).T
    expected_d = np.stack([deriv[:, 0], deriv[:, 1], deriv[:, 2:].sum(1)], axis=-1)
    np.testing.assert_allclose(prop.derivative(t), expected_d, atol=1e-7 * np.abs(g).max())


@pytest.mark.parametrize("x_repump", [0.0, 0.1, 10.0])
@pytest.mark.parametrize("gamma_d_add", [0.0, 20.0])
def test_fig7_point_by_point(x_repump, gamma_d_add):
    """Smallest s with N_up/N_2 = 0.95 in the manifold steady state (brentq on null-space
    populations), s_repump = x s (self-consistent), then Eq. (30)."""

    def excess(s):
        n = steady9(s, x_repump * s)
        return n[0] / (n[0] + n[1]) - 0.95

    assert excess(0.0) < 0
    hi = 1.0
    while excess(hi) < 0:
        hi *= 2
    s = brentq(excess, 0.0, hi, xtol=1e-12, rtol=1e-13)
    z = float(SETUP.rates.z)
    expected = xi_long_time(steady9(s, x_repump * s), rates9(s, x_repump * s), 30.0, z, gamma_d_add)
    table = fig7_table(SETUP, [x_repump], [gamma_d_add])
    # bisection and brentq both to ~1e-10 relative in s; xi_exp has slope O(1) in ln s
    assert float(table["s_pump"].iloc[0]) == pytest.approx(s, rel=1e-8)
    assert float(table["xi_exp"].iloc[0]) == pytest.approx(expected, rel=1e-8)


def test_fig8_against_its_moment_equation():
    """No repump: the probe's returns from every |3,m> give a true steady state; xi_exp(t)
    from solve_ivp of the 9 populations and of the App. D equation for Sigma_J,2."""
    t = np.array([0.0, 0.01, 0.0205, 0.05, 0.2, 1.0])
    table = fig8_table(SETUP, t, [0.0])

    def excess(s):
        n = steady9(s, 0.0)
        return n[0] / (n[0] + n[1]) - 0.95

    hi = 1.0
    while excess(hi) < 0:
        hi *= 2
    s = brentq(excess, 0.0, hi, xtol=1e-12, rtol=1e-13)
    r = rates9(s, 0.0)
    g = generator9(r)
    z, d = float(SETUP.rates.z), 30.0
    gb = r[0, 1] + r[1, 0] + r[0, 2:].sum() + r[1, 2:].sum() + r[0, 0] + r[1, 1]

    def rhs(_t, y):
        n, sigma2 = y[:9], y[9]
        n2 = n[0] + n[1]
        p2 = (n[0] - n[1]) / n2
        dsig = -(gb + d * n2 * p2) * sigma2 + n2 * (gb + d * n2 * p2**2 / z**2)
        return np.append(g @ n, dsig)

    y0 = np.append(np.eye(9)[0], 1.0)
    sol = solve_ivp(rhs, (0, t[-1]), y0, t_eval=t, method="Radau", rtol=1e-11, atol=1e-13)
    assert sol.success
    n, sigma2 = sol.y[:9], sol.y[9]
    expected = (2 * F * sigma2 + 2 * (2 * F - 1) * n[1]) / (
        n[0] - n[1] + (2 * F - 1) * (n[0] + n[1])
    )
    # both integrations hold ~1e-10 on quantities of order one; xi_exp is linear in them
    np.testing.assert_allclose(table["xi_exp_moments"], expected, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(table["N_up"], n[0], atol=1e-9)


def test_three_level_functions_refuse_the_manifold_view():
    """The three-level view has no single return rate from |h>: Eq. (26) solved with it
    gives NaN, never the half-model silently."""
    pumped = SETUP.rates.at(300.0, 30.0)
    assert np.all(np.isnan(pumped.h_up)) and np.all(np.isnan(pumped.h_down))
    assert np.all(np.isnan(steady_state(pumped)))


def test_reduces_to_the_half_model_without_inner_f3_dynamics():
    """Limit: with every |3,m != 3> cut off (no rates into or out of them), the manifold
    model is the three-level model with the probe's returns from |h> (``probe_return``),
    apart from the |up>, |down> -> |3,m != 3> losses, which the cut removes as well."""
    r = rates9(200.0, 40.0)
    cut = r.copy()
    cut[3:, :] = 0.0
    cut[:, 3:] = 0.0
    prop = ManifoldPropagator(cut)
    g = generator9(cut)[:3, :3]
    t = np.array([0.1, 1.0, 5.0])

    expected = np.stack([expm(g * tt) @ np.eye(3)[0] for tt in t])
    np.testing.assert_allclose(prop(t), expected, atol=1e-12)


def test_rb87_lower_manifold_point_by_point():
    """Rb-87 (F_low = 1, F_up = 2): five states |2,2>, |2,1>, |1,1>, |1,0>, |1,-1>; the
    pump optimum and Eq. (30) with F = 2, rebuilt here as for Cs."""
    setup = paper_setup(
        options={"h_return": "lower_manifold", "pump_levels": "doppler_weighted"},
        species="Rb87",
        temperature_C=40.0,
    )
    states = [(2, 2), (2, 1), (1, 1), (1, 0), (1, -1)]
    assert manifold_states("Rb87") == tuple(states)
    index = [ground_states("Rb87").index(s) for s in states]
    probe, pump, repump = (
        m[np.ix_(index, index)]
        for m in ground_rate_matrices("Rb87", "D2", 700.0, "y", setup.options, temperature_C=40.0)
    )

    def steady(s, x):
        r = probe + s * pump + x * s * repump
        n = null_space(generator9(r))[:, 0]
        return n / n.sum(), r

    def excess(s):
        n, _ = steady(s, 1.0)
        return n[0] / (n[0] + n[1]) - 0.95

    hi = 1.0
    while excess(hi) < 0:
        hi *= 2
    s = brentq(excess, 1e-12, hi, xtol=1e-12, rtol=1e-13)
    n, r = steady(s, 1.0)
    gb = r[0, 1] + r[1, 0] + r[0, 2:].sum() + r[1, 2:].sum() + r[0, 0] + r[1, 1]
    expected = xi_long_time_eq30(n[0], n[1], gb, 30.0, float(setup.rates.z), 2)
    table = fig7_table(setup, [1.0], [0.0])
    assert float(table["s_pump"].iloc[0]) == pytest.approx(s, rel=1e-8)
    assert float(table["xi_exp"].iloc[0]) == pytest.approx(expected, rel=1e-8)
