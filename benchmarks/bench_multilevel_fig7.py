"""Timing of the Fig. 7 grid: vectorised closed-form pump optimum vs a per-point brentq loop.

Grid: 200 log-spaced x_repump in [0.01, 10] x Gamma_d^add in {0, 2, 5, 10, 20} Gamma,
d = 30, pump at its optimum (N_up,inf / N_2,inf >= 0.95, self-consistent repump).

- vectorised: ``multilevel.pump.fig7_xi_exp_steady_state`` on the whole grid (closed-form
  quadratic threshold, Eq. (26) steady state by cofactors, Eq. (30));
- loop: for every grid point, ``scipy.optimize.brentq`` on N_up,inf / N_2,inf - 0.95 in
  s_pump (xtol = rtol = 1e-14, bracket by doubling), then Eq. (30) at that point.

Both must agree (checked, relative 1e-9). Run: ``python benchmarks/bench_multilevel_fig7.py``.
"""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import brentq

from dissipative_entanglement.multilevel.entanglement import xi_exp_steady_state
from dissipative_entanglement.multilevel.model import MultilevelRates
from dissipative_entanglement.multilevel.pump import fig7_xi_exp_steady_state, up_fraction_limit
from dissipative_entanglement.multilevel.setup import MultilevelSetup

Z = 2.3
OPTICAL_DEPTH = 30.0
THRESHOLD = 0.95


def benchmark_setup() -> MultilevelSetup:
    """The configured Cs model at +700 MHz, y probe, d = 30, 22 C, default readings
    (the timing does not depend on the values, only on the grid size)."""
    return MultilevelSetup(
        detuning_MHz=700.0,
        probe_polarization="y",
        optical_depth=OPTICAL_DEPTH,
        temperature_C=22.0,
        species="Cs133",
        line="D2",
    )


def grid():
    x = np.geomspace(0.01, 10.0, 200)[:, None]
    gamma_d_add = np.array([0.0, 2.0, 5.0, 10.0, 20.0])[None, :]
    return x, gamma_d_add


def vectorised(setup: MultilevelSetup):
    x, g = grid()
    return fig7_xi_exp_steady_state(setup.rates, x, g, OPTICAL_DEPTH, setup.options).xi_exp_inf


def loop(setup: MultilevelSetup):
    x, g = grid()
    rates: MultilevelRates = setup.rates
    z = float(rates.z)
    out = np.empty((x.shape[0], g.shape[1]))
    for i, xi in enumerate(x[:, 0]):
        for j, gj in enumerate(g[0]):

            def f(s, xi=xi):
                return float(up_fraction_limit(rates.at(s, xi * s)))

            def g_root(s, f=f):
                return f(s) - THRESHOLD

            hi = 1.0
            while g_root(hi) < 0.0:
                hi *= 2.0
            s = 0.0 if g_root(0.0) >= 0.0 else brentq(g_root, 0.0, hi, xtol=1e-14, rtol=1e-14)
            out[i, j] = float(xi_exp_steady_state(rates.at(s, xi * s), OPTICAL_DEPTH, z, gj))
    return out


def best_of(func, args, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    args = (benchmark_setup(),)
    n_points = 200 * 5
    t_vec, xi_vec = best_of(vectorised, args, repeat=20)
    t_loop, xi_loop = best_of(loop, args, repeat=1)
    np.testing.assert_allclose(xi_vec, xi_loop, rtol=1e-9)
    print(f"Fig. 7 grid: {n_points} points (200 x_repump x 5 Gamma_d^add), pump optimised")
    print(f"vectorised closed form : {t_vec * 1e3:9.2f} ms  {n_points / t_vec:12.0f} points/s")
    print(f"per-point brentq loop  : {t_loop * 1e3:9.2f} ms  {n_points / t_loop:12.0f} points/s")
    print(f"speed-up               : {t_loop / t_vec:9.0f}x  (target >= 50x)")
    print(f"max |xi_vec - xi_loop| : {np.abs(xi_vec - xi_loop).max():.2e}")


if __name__ == "__main__":
    main()
