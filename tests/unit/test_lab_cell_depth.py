"""The paper's d of a vapour cell, against an average of the pair rate over atom positions.

The paper defines d = N Gamma_ij / Gamma (Sec. III.3, App. B): the collective (pair) part of
the driven atoms' emission over the single-atom part. Here that ratio is computed the long
way, with no formula of the package: random atoms fill a cylinder uniformly, a Gaussian
beam of waist w drives atom i with amplitude exp(-rho_i^2 / w^2) and phase e^{i k z_i},
and every pair (i != j) radiates with the real part of the free-space (Lehmberg) kernel of
a dipole along x, written out below:

    d = sum_{i != j} a_i a_j K(r_i - r_j) cos(k (z_i - z_j)) / sum_i a_i^2,
    K(r) = (3/2) [(1 - c^2) sin(kr)/(kr) + (1 - 3 c^2)(cos(kr)/(kr)^2 - sin(kr)/(kr)^3)],

c = x/r. The package's closed form, d = (n sigma_0 L / 4) F(L / (4 z_R)), is paraxial:
its error is of order 1/(k w)^2, which with the Monte-Carlo standard error sets the
tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad

from dissipative_entanglement.lab.ensemble import (
    MODEL_D_PER_RESONANT_OD,
    model_optical_depth,
    rayleigh_factor,
)

CHUNK = 500


def lehmberg_pair_sum(x, y, z, amplitude):
    """sum_{i != j} a_i a_j K(r_ij) cos(z_ij) in units with k = 1 (module docstring)."""
    total = 0.0
    n = len(x)
    for start in range(0, n, CHUNK):
        rows = slice(start, min(start + CHUNK, n))
        dx = x[rows, None] - x[None, :]
        dy = y[rows, None] - y[None, :]
        dz = z[rows, None] - z[None, :]
        r = np.sqrt(dx**2 + dy**2 + dz**2)
        own = np.arange(rows.start, rows.stop)
        r[own - rows.start, own] = 1.0  # the i = j terms are removed below
        c2 = (dx / r) ** 2
        s, co = np.sin(r), np.cos(r)
        kernel = 1.5 * ((1 - c2) * s / r + (1 - 3 * c2) * (co / r**2 - s / r**3))
        kernel[own - rows.start, own] = 0.0
        weights = amplitude[rows, None] * amplitude[None, :]
        total += float(np.sum(weights * kernel * np.cos(dz)))
    return total


def sampled_ratio(rng, n_atoms, waist, length, radius):
    """One draw of the pair-to-single ratio for a uniformly filled cylinder (k = 1)."""
    rho = radius * np.sqrt(rng.random(n_atoms))
    phi = 2 * np.pi * rng.random(n_atoms)
    x, y, z = rho * np.cos(phi), rho * np.sin(phi), length * rng.random(n_atoms)
    amplitude = np.exp(-(rho**2) / waist**2)
    return lehmberg_pair_sum(x, y, z, amplitude) / np.sum(amplitude**2)


@pytest.mark.parametrize(
    "waist, length, n_atoms",
    [
        (8.0, 16.0, 2500),  # b = L / (4 z_R) = 0.125: mostly the factor 1/4 (F = 0.990)
        (5.0, 40.0, 2000),  # b = 0.8: the finite-length factor too (F = 0.769)
    ],
)
def test_model_depth_of_a_cell_is_the_averaged_pair_rate(waist, length, n_atoms):
    rng = np.random.default_rng(20261204)
    radius = 3.0 * waist  # amplitude e^-9 at the wall: the cell is wider than the beam
    draws = np.array([sampled_ratio(rng, n_atoms, waist, length, radius) for _ in range(3)])
    density = n_atoms / (np.pi * radius**2 * length)
    sigma_0 = 6.0 * np.pi  # 3 lambda^2 / (2 pi) with k = 1
    # k = 1 means lambda = 2 pi in any unit: take nm, then lengths are in nm too
    expected = model_optical_depth(
        density * sigma_0 * length, length * 1e-7, waist * 1e-6, 2.0 * np.pi
    )
    standard_error = draws.std(ddof=1) / np.sqrt(len(draws))
    tolerance = 3.0 * standard_error + 2.0 / waist**2 * expected
    assert abs(draws.mean() - expected) < tolerance, (draws, expected, tolerance)
    # the test can tell the factor from its neighbours: 1/2 or 1/8 would be far off
    assert tolerance < 0.25 * expected


@pytest.mark.parametrize("b", [1e-6, 0.01, 0.3, 1.0, 5.0])
def test_rayleigh_factor_is_its_angular_integral(b):
    """F(b) = int_0^inf e^-t (sin(b t)/(b t))^2 dt, by quadrature."""
    integral, _ = quad(lambda t: np.exp(-t) * np.sinc(b * t / np.pi) ** 2, 0, np.inf)
    # b = L lambda / (4 pi w^2): L = 4 pi b w^2 / lambda, w = 1 mm, lambda = 100 nm
    length_cm = 4 * np.pi * b * (1e-3) ** 2 / 100e-9 * 100
    assert rayleigh_factor(length_cm, 1.0, 100.0) == pytest.approx(integral, rel=1e-9)


def test_long_rayleigh_length_limit_is_a_quarter():
    assert MODEL_D_PER_RESONANT_OD == 0.25
    # 1 mm cell, 5 mm waist at 852 nm: b = 3e-6, F = 1 to 1e-11
    assert model_optical_depth(100.0, 0.1, 5.0, 852.0) == pytest.approx(25.0, rel=1e-10)
    assert model_optical_depth(100.0, 3.0, None, 852.0) == 25.0
