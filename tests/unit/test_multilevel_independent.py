"""Figs. 7 and 8 against independent per-point calculations written here.

The rates of the paper's Cs setup come from the package (they are checked against first
principles in test_multilevel_rates and test_cs133_couplings); everything after them is
rebuilt here from the paper's equations without the package's solvers: the rate matrix of
Eq. (26) and its null space (numpy), the pump optimum by ``brentq``, the long-time Eq. (30)
with Eqs. (17)-(19), and the App. D moment equation integrated with ``solve_ivp``.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.linalg import expm, null_space
from scipy.optimize import brentq

from dissipative_entanglement.multilevel.tables import fig7_table, fig8_table

from ..helpers import paper_setup, xi_long_time_eq30

F = 4  # |F = 4> of Cs: Eqs. (17)-(19)
SETUP = paper_setup()


def rates_at(s_pump, s_repump, setup=SETUP):
    """Dict of every rate (units of Gamma) at the given pump and repump strengths."""
    r = setup.rates
    return {
        k: float(getattr(r.probe, k) + s_pump * getattr(r.pump_unit, k))
        + float(s_repump * getattr(r.repump_unit, k))
        for k in ("up_down", "down_up", "up_h", "down_h", "h_up", "h_down", "up_up", "down_down")
    }


def matrix(g):
    """Eq. (26), columns summing to zero: d(N_up, N_down, N_h)/dt = M N."""
    return np.array(
        [
            [-(g["up_down"] + g["up_h"]), g["down_up"], g["h_up"]],
            [g["up_down"], -(g["down_up"] + g["down_h"]), g["h_down"]],
            [g["up_h"], g["down_h"], -(g["h_up"] + g["h_down"])],
        ]
    )


def steady(g):
    n = null_space(matrix(g))[:, 0]
    return n / n.sum()


def gamma_bar(g, gamma_d_add):
    """Gamma-bar of Sec. IV.2: the repump (h -> up, down) does not enter."""
    keys = ("up_down", "down_up", "up_h", "down_h", "up_up", "down_down")
    return sum(g[k] for k in keys) + gamma_d_add


def xi_from(n, sigma2, z):
    """Eqs. (17)-(19): Sigma_exp = 2F Sigma_2 + 2(2F-1) N_down over 2|<J_x>_exp|."""
    n2 = n[0] + n[1]
    jx2 = (n[0] - n[1]) / 2
    return (2 * F * sigma2 + 2 * (2 * F - 1) * n[1]) / (2 * (jx2 + (2 * F - 1) * n2 / 2))


def xi_long_time(n, g, d, z, gamma_d_add):
    """Eq. (30): the stationary Sigma_J,2 of the App. D equation at populations n."""
    return xi_long_time_eq30(n[0], n[1], gamma_bar(g, gamma_d_add), d, z, F)


@pytest.mark.parametrize("x_repump", [0.01, 0.1, 1.0, 10.0])
@pytest.mark.parametrize("gamma_d_add", [0.0, 20.0])
def test_fig7_point_by_point(x_repump, gamma_d_add):
    """Pump optimum: smallest s with N_up/N_2 = 0.95 in the steady state (Sec. IV.2),
    repump s_repump = x_repump s (self-consistent reading); then Eq. (30)."""

    def excess(s):
        n = steady(rates_at(s, x_repump * s))
        return n[0] / (n[0] + n[1]) - 0.95

    hi = 1.0
    while excess(hi) < 0:
        hi *= 2
    s = brentq(excess, 1e-12, hi, xtol=1e-13, rtol=1e-13)  # s = 0: no repump, N_2 = 0
    g = rates_at(s, x_repump * s)
    expected = xi_long_time(steady(g), g, 30.0, float(SETUP.rates.z), gamma_d_add)
    table = fig7_table(SETUP, [x_repump], [gamma_d_add])
    # the brentq root is good to ~1e-13 relative; null_space and the closed forms to ~1e-12
    assert float(table["xi_exp"].iloc[0]) == pytest.approx(expected, rel=1e-9)
    assert float(table["s_pump"].iloc[0]) == pytest.approx(s, rel=1e-9)


def test_fig8_against_its_moment_equation():
    """Fig. 8 (no repump): the pump keeps the quasi-stationary N_up/N_2 (Perron vector of
    the {up, down} block of Eq. (26)) at 0.95; xi_exp(t) from the populations exp(M t) N(0)
    and the App. D equation for Sigma_J,2 integrated here."""
    t = np.array([0.0, 0.01, 0.0225, 0.05, 0.2, 0.6, 1.0])
    table = fig8_table(SETUP, t, [0.0])

    def quasi_stationary(s):
        block = matrix(rates_at(s, 0.0))[:2, :2]
        values, vectors = np.linalg.eig(block)
        v = np.abs(vectors[:, np.argmax(values.real)].real)
        return v[0] / v.sum() - 0.95

    hi = 1.0
    while quasi_stationary(hi) < 0:
        hi *= 2
    s = brentq(quasi_stationary, 0.0, hi, xtol=1e-13, rtol=1e-13)
    g = rates_at(s, 0.0)
    m = matrix(g)
    z, d, gb = float(SETUP.rates.z), 30.0, gamma_bar(g, 0.0)

    def rhs(time, y):
        n = expm(m * time) @ np.array([1.0, 0.0, 0.0])
        n2 = n[0] + n[1]
        p2 = (n[0] - n[1]) / n2
        return [-(gb + d * n2 * p2) * y[0] + n2 * (gb + d * n2 * p2**2 / z**2)]

    sol = solve_ivp(rhs, (0, t[-1]), [1.0], t_eval=t, method="LSODA", rtol=1e-10, atol=1e-12)
    assert sol.success
    expected = [
        xi_from(expm(m * tt) @ np.array([1.0, 0.0, 0.0]), sig, z)
        for tt, sig in zip(t, sol.y[0], strict=True)
    ]
    # both integrations hold ~1e-10 on Sigma_J,2 ~ 1; xi_exp is linear in it (slope < 2)
    np.testing.assert_allclose(table["xi_exp_moments"], expected, rtol=1e-7, atol=1e-8)
    # without repump |h> is absorbing (the default reading): N_2 falls with time
    assert np.all(np.diff(table["N_up"] + table["N_down"]) < 0)
